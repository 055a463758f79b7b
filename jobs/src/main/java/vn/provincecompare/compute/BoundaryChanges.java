package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code boundary_changes} table: what a unit's first observation in a new frame can be compared with. The
 * {@code changes} table never reaches across frames (a series is one frame's); this table is where the crossing
 * is stated, once per predecessor, with the predecessor's last observation beside the successor's first, and a
 * note saying what may be compared. A rank among 34 and a rank among 63 are never subtracted: there is no rank
 * change column. See {@code docs/tables/boundary_changes.md}.
 */
public final class BoundaryChanges {

  public static final StructType SCHEMA = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("unit_name_vi", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("value", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType)
      .add("n_ranked", DataTypes.IntegerType)
      .add("percentile", DataTypes.DoubleType)
      .add("relation", DataTypes.StringType)
      .add("predecessor_frame", DataTypes.StringType)
      .add("predecessor_code", DataTypes.StringType)
      .add("predecessor_name_vi", DataTypes.StringType)
      .add("predecessor_year", DataTypes.IntegerType)
      .add("predecessor_value", DataTypes.DoubleType)
      .add("predecessor_rank", DataTypes.IntegerType)
      .add("predecessor_n_ranked", DataTypes.IntegerType)
      .add("predecessor_percentile", DataTypes.DoubleType)
      .add("is_frame_changed", DataTypes.BooleanType)
      .add("is_value_comparable", DataTypes.BooleanType)
      .add("delta_value", DataTypes.DoubleType)
      .add("comparison_note", DataTypes.StringType);

  private static final String RELATION_UNCHANGED = PredecessorHistory.RELATION_UNCHANGED;

  private BoundaryChanges() {
  }

  /**
   * One row per (successor unit, indicator, predecessor) for the successor's first observed year (a value or a
   * rank) in its own frame, with the predecessor's latest observation of the same indicator in the predecessor's
   * frame up to that year (null when it has none).
   *
   * <p>{@code is_value_comparable}: the territory is the same ({@code unchanged}) and both have a value; then
   * {@code delta_value} is the change in points. A merged unit is never value-comparable with one predecessor,
   * and nothing here is averaged.
   *
   * @param units    the unit catalog ({@code unit_frame, unit_code, name_vi})
   * @param lineage  one row per predecessor link ({@code from_frame, from_code, to_frame, to_code, relation})
   * @param rankings the {@code rankings} table
   */
  public static Dataset<Row> acrossFrames(Dataset<Row> units, Dataset<Row> lineage, Dataset<Row> rankings) {
    Dataset<Row> observed = rankings.where(col("value").isNotNull().or(col("rank").isNotNull()));
    Dataset<Row> successorUnits = lineage.select(col("to_frame").as("unit_frame"), col("to_code").as("unit_code"))
        .distinct();
    WindowSpec earliestFirst = Window.partitionBy("unit_frame", "unit_code", "indicator_code")
        .orderBy(col("year").asc_nulls_last());
    Dataset<Row> firstInFrame = observed
        .join(broadcast(successorUnits), Rankings.seq("unit_frame", "unit_code"), "inner")
        .withColumn("order_in_series", row_number().over(earliestFirst))
        .where(col("order_in_series").equalTo(1))
        .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"), col("value"),
            col("rank"), col("n_ranked"), col("percentile"));

    Dataset<Row> links = LineageNames.links(lineage);
    Dataset<Row> predecessorObs = observed.select(col("unit_frame").as("p_frame"), col("unit_code").as("p_code"),
        col("indicator_code").as("p_indicator"), col("year").as("predecessor_year"),
        col("value").as("predecessor_value"), col("rank").as("predecessor_rank"),
        col("n_ranked").as("predecessor_n_ranked"), col("percentile").as("predecessor_percentile"));
    WindowSpec latestFirst = Window
        .partitionBy("unit_frame", "unit_code", "indicator_code", "predecessor_frame", "predecessor_code")
        .orderBy(col("predecessor_year").desc_nulls_last());

    Dataset<Row> paired = firstInFrame
        .join(links, Rankings.seq("unit_frame", "unit_code"), "inner")
        .join(predecessorObs, col("p_frame").equalTo(col("predecessor_frame"))
            .and(col("p_code").equalTo(col("predecessor_code")))
            .and(col("p_indicator").equalTo(col("indicator_code")))
            .and(col("predecessor_year").leq(col("year"))), "left_outer")
        .withColumn("recency", row_number().over(latestFirst))
        .where(col("recency").equalTo(1))
        // A crossing none of whose predecessors ever had the indicator (PAPI, first surveyed in 2011, for the
        // VN64 -> VN63 step) has nothing to compare with and is left out; one that some predecessor had keeps
        // every predecessor, so a missing one is stated rather than dropped.
        .withColumn("any_predecessor_year", max(col("predecessor_year"))
            .over(Window.partitionBy("unit_frame", "unit_code", "indicator_code")))
        .where(col("any_predecessor_year").isNotNull());

    Dataset<Row> named = LineageNames.withUnitAndPredecessorNames(units, paired);

    Column sameTerritory = col("relation").equalTo(lit(RELATION_UNCHANGED));
    Column comparable = sameTerritory.and(col("value").isNotNull()).and(col("predecessor_value").isNotNull());
    return named
        .withColumn("is_frame_changed", col("unit_frame").notEqual(col("predecessor_frame")))
        .withColumn("is_value_comparable", comparable)
        .withColumn("delta_value", when(comparable, col("value").minus(col("predecessor_value"))))
        .withColumn("comparison_note", note(sameTerritory, comparable))
        .select(Rankings.declared(SCHEMA));
  }

  /**
   * Says what the two rows allow, then states both positions in their own frames, e.g. "merged unit: not
   * comparable with one predecessor; ranks in different frames are not subtracted (VN34 15 14/34 in 2024;
   * VN63 10 Lào Cai 38/63 in 2022)".
   */
  private static Column note(Column sameTerritory, Column comparable) {
    Column verdict = when(col("predecessor_year").isNull(),
        concat(lit("no observation of the predecessor up to "), col("year").cast("string")))
        .when(comparable, lit("same territory: the change in points is comparable"))
        .when(sameTerritory, lit("same territory, but no value on both sides to compare"))
        .otherwise(lit("merged unit: not comparable with one predecessor (survey indices are not combined)"));
    Column own = concat(col("unit_frame"), lit(" "), col("unit_code"), lit(" "), position("rank", "n_ranked",
        "value"), lit(" in "), col("year").cast("string"));
    Column predecessor = concat(col("predecessor_frame"), lit(" "), col("predecessor_code"), lit(" "),
        coalesce(col("predecessor_name_vi"), lit("")), lit(" "),
        position("predecessor_rank", "predecessor_n_ranked", "predecessor_value"), lit(" in "),
        col("predecessor_year").cast("string"));
    Column positions = when(col("predecessor_year").isNull(), concat(lit(" ("), own, lit(")")))
        .otherwise(concat(lit(" ("), own, lit("; "), predecessor, lit(")")));
    return concat(verdict, lit("; ranks in different frames are not subtracted"), positions);
  }

  /** "14/34", or the value when there is no rank, or "no rank". */
  private static Column position(String rank, String nRanked, String value) {
    return when(col(rank).isNotNull(), concat(col(rank).cast("string"), lit("/"),
            coalesce(col(nRanked).cast("string"), lit("?"))))
        .when(col(value).isNotNull(), concat(lit("value "), round(col(value), 4).cast("string")))
        .otherwise(lit("no rank"));
  }

  /** The declared column names, in order. */
  public static List<String> columnNames() {
    return Arrays.stream(SCHEMA.fields()).map(StructField::name).toList();
  }
}
