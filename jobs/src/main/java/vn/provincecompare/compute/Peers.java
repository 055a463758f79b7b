package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code peers} table: for each focal unit, indicator and year, where the unit stands in its region
 * ({@code region:<code>}) and among the configured peers ({@code peers}). A group always contains the focal unit
 * itself and only units of the same frame. Gaps are turned by direction: positive = better than the group mean;
 * the gap to the group's best is 0 for the leader and negative otherwise. See {@code docs/tables/peers.md}.
 */
public final class Peers {

  public static final String GROUP_PEERS = "peers";
  public static final String GROUP_REGION_PREFIX = "region:";

  public static final StructType SCHEMA = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("unit_name_vi", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("group_code", DataTypes.StringType)
      .add("value", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType)
      .add("n_ranked", DataTypes.IntegerType)
      .add("group_n", DataTypes.IntegerType)
      .add("group_mean", DataTypes.DoubleType)
      .add("group_median", DataTypes.DoubleType)
      .add("group_best_value", DataTypes.DoubleType)
      .add("group_best_unit_code", DataTypes.StringType)
      .add("rank_in_group", DataTypes.IntegerType)
      .add("gap_to_group_mean", DataTypes.DoubleType)
      .add("gap_to_group_best", DataTypes.DoubleType);

  private Peers() {
  }

  /**
   * @param settings focal units (or batch: every unit) and the peer list
   * @param units    the unit table ({@code unit_frame, unit_code, ..., region_code}); regions come from here
   * @param rankings the {@code rankings} table (values, national ranks, direction)
   */
  public static Dataset<Row> peerComparison(ReportSettings settings, Dataset<Row> units, Dataset<Row> rankings) {
    Dataset<Row> observations = rankings
        .join(units.select(col("unit_frame"), col("unit_code"), col("region_code").as("unit_region_code")),
            Rankings.seq("unit_frame", "unit_code"), "left_outer")
        .select(col("unit_frame"), col("unit_code"), col("unit_name_vi"), col("indicator_code"), col("year"),
            col("value"), col("rank"), col("n_ranked"),
            coalesce(col("unit_region_code"), col("region_code")).as("region_code"),
            // Turning values by direction makes "better" always "larger"; an unknown direction stays null.
            RankDirection.betterSign(col("direction")).cast("double").as("sign"),
            settings.isPeer("unit_frame", "unit_code").as("is_peer"));
    Dataset<Row> focal = observations.where(settings.isFocal("unit_frame", "unit_code"));
    Dataset<Row> members = observations.select(col("unit_frame").as("m_frame"), col("unit_code").as("m_code"),
        col("indicator_code").as("m_indicator"), col("year").as("m_year"), col("value").as("m_value"),
        col("region_code").as("m_region"), col("is_peer").as("m_is_peer"));
    Column sameTable = col("m_frame").equalTo(col("unit_frame"))
        .and(col("m_indicator").equalTo(col("indicator_code"))).and(col("m_year").equalTo(col("year")));

    Dataset<Row> pairs = focal.where(col("region_code").isNotNull())
        .join(members, sameTable.and(col("m_region").equalTo(col("region_code"))), "inner")
        .withColumn("group_code", concat(lit(GROUP_REGION_PREFIX), col("region_code")));
    if (!settings.peerUnits().isEmpty()) {
      pairs = pairs.unionByName(focal
          .join(members, sameTable.and(col("m_is_peer").or(col("m_code").equalTo(col("unit_code")))), "inner")
          .withColumn("group_code", lit(GROUP_PEERS)));
    }

    Column memberTurned = col("m_value").multiply(col("sign"));
    Column unitTurned = col("value").multiply(col("sign"));
    return pairs
        .groupBy(col("unit_frame"), col("unit_code"), col("unit_name_vi"), col("indicator_code"), col("year"),
            col("group_code"), col("value"), col("rank"), col("n_ranked"), col("sign"))
        .agg(count(col("m_value")).cast("int").as("group_n"),
            FixedOrder.mean(col("m_value")).as("group_mean"),
            median(col("m_value")).as("group_median"),
            max(memberTurned).as("best_turned"),
            // The best member; among equal values the smallest code, so the pick is stable. Only a member whose
            // turned value is known can be best: with an unknown direction there is no best value, so no best unit.
            min_by(col("m_code"), when(memberTurned.isNotNull(), struct(memberTurned.multiply(-1), col("m_code"))))
                .as("group_best_unit_code"),
            sum(when(memberTurned.gt(unitTurned), lit(1)).otherwise(lit(0))).as("n_better"))
        .withColumn("group_best_value", col("best_turned").multiply(col("sign")))
        // Competition rank: 1 + the members strictly better (ties share a rank).
        .withColumn("rank_in_group", when(unitTurned.isNotNull(), col("n_better").plus(1)).cast("int"))
        .withColumn("gap_to_group_mean", col("value").minus(col("group_mean")).multiply(col("sign")))
        .withColumn("gap_to_group_best", col("value").minus(col("group_best_value")).multiply(col("sign")))
        .select(col("unit_frame"), col("unit_code"), col("unit_name_vi"), col("indicator_code"), col("year"),
            col("group_code"), col("value"), col("rank"), col("n_ranked"), col("group_n"), col("group_mean"),
            col("group_median"), col("group_best_value"), col("group_best_unit_code"), col("rank_in_group"),
            col("gap_to_group_mean"), col("gap_to_group_best"));
  }
}
