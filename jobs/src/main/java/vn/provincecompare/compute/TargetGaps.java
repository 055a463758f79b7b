package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.provincecompare.catalog.TargetKind;

/**
 * The {@code target_gaps} table: for every target of {@code data/targets/targets.csv}, where the unit stands
 * against it at its latest observation, by how much it misses or beats it, and whether its trend gets there.
 *
 * <p>Sign convention, for every kind: {@code gap >= 0} is met, positive is beyond the target, negative short of
 * it, in points (value and change kinds), percent (change kinds of level indicators), places (rank kinds) or
 * band steps (band kinds). See
 * {@code docs/tables/target_gaps.md}.
 *
 * <p>{@code target_id} must be unique (the target catalog checks it): the latest-observation and restatement
 * windows ({@link TargetObservation}) keep one row per id.
 */
public final class TargetGaps {

  private static final String RANK_SOURCE_COMPUTED = "computed";

  public static final StructType SCHEMA = new StructType()
      .add("target_id", DataTypes.StringType)
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("unit_name_vi", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("kind", DataTypes.StringType)
      .add("threshold", DataTypes.DoubleType)
      .add("target_band_code", DataTypes.StringType)
      .add("base_year", DataTypes.IntegerType)
      .add("target_year", DataTypes.IntegerType)
      .add("latest_unit_frame", DataTypes.StringType)
      .add("latest_unit_code", DataTypes.StringType)
      .add("latest_year", DataTypes.IntegerType)
      .add("latest_value", DataTypes.DoubleType)
      .add("latest_rank", DataTypes.IntegerType)
      .add("latest_n_ranked", DataTypes.IntegerType)
      .add("latest_band_code", DataTypes.StringType)
      .add("base_value", DataTypes.DoubleType)
      .add("is_method_break_since_base", DataTypes.BooleanType)
      .add("gap", DataTypes.DoubleType)
      .add("gap_unit", DataTypes.StringType)
      .add("pct_of_target", DataTypes.DoubleType)
      .add("is_met", DataTypes.BooleanType)
      .add("value_at_rank_n", DataTypes.DoubleType)
      .add("points_needed", DataTypes.DoubleType)
      .add("projected_value", DataTypes.DoubleType)
      .add("projected_rank", DataTypes.DoubleType)
      .add("projected_band_code", DataTypes.StringType)
      .add("projection_method", DataTypes.StringType)
      .add("is_on_track", DataTypes.BooleanType)
      .add("is_restated", DataTypes.BooleanType)
      .add("restated_threshold", DataTypes.DoubleType)
      .add("assessed_threshold", DataTypes.DoubleType)
      .add("restatement_rule", DataTypes.StringType);

  private TargetGaps() {
  }

  /**
   * Target gaps with no lineage: a target is assessed on its own unit's rankings only. A rank target whose year
   * lies after the last data year of its frame is still restated (and flagged) for the frame in effect then.
   */
  public static Dataset<Row> targetGap(ReportSettings settings, Dataset<Row> indicators, Dataset<Row> bands,
      Dataset<Row> frames, Dataset<Row> rankings, Dataset<Row> changes, Dataset<Row> targets) {
    Dataset<Row> noSuccessors = targets.select(
        col("unit_frame").as("from_frame"), col("unit_code").as("from_code"),
        col("unit_frame").as("to_frame"), col("unit_code").as("to_code")).where(lit(false));
    return targetGap(settings, indicators, bands, frames, noSuccessors, rankings, changes, targets);
  }

  /**
   * Target gaps where a target's unit may also be observed through its successors ({@code lineage}:
   * {@code from_frame, from_code, to_frame, to_code}, one step, e.g. VN63 10 Lào Cai -> VN34 15 Lào Cai). The latest
   * observation is taken from the unit or a successor, the later year winning and the unit's own frame winning a
   * tie; a rank target judged on a successor's ranking in another frame is restated by share of units.
   */
  public static Dataset<Row> targetGap(ReportSettings settings, Dataset<Row> indicators, Dataset<Row> bands,
      Dataset<Row> frames, Dataset<Row> lineage, Dataset<Row> rankings, Dataset<Row> changes,
      Dataset<Row> targets) {
    Dataset<Row> prepared = targets.select(
            col("target_id"), col("unit_frame"), col("unit_code"), col("indicator_code"),
            col("target_year").cast("int").as("target_year"), col("kind"),
            col("threshold").cast("double").as("threshold"), col("band_code").as("target_band_code"),
            col("base_year").cast("int").as("base_year"))
        .join(indicators.select(col("indicator_code"), col("direction"), col("value_type")), Rankings.seq("indicator_code"),
            "left_outer")
        // Unknown directions leave the sign null, so direction-dependent numbers are null rather than guessed.
        .withColumn("sign", RankDirection.betterSign(col("direction")).cast("double"));

    // Each table is built as one pipeline and the two side tables (lines, values at rank N) are derived from
    // `located` and joined back once: "derive from the growing table, join back" at every step would double
    // the plan each time.
    Dataset<Row> located = TargetObservation.withRestatement(frames,
        TargetObservation.withLatestObservation(lineage, rankings, withTargetBandRank(bands, prepared))
            .join(unitNames(rankings), Rankings.seq("unit_frame", "unit_code"), "left_outer"));
    Dataset<Row> projected = located
        .join(TargetProjection.lines(settings, bands, changes, rankings, located), Rankings.seq("target_id"),
            "left_outer")
        .join(valuesAtRankN(rankings, located), Rankings.seq("target_id"), "left_outer")
        // Three rounds of columns, each round using the previous one (one analysis per round, not per column).
        .withColumns(Map.of(
            "base_value", when(TargetRules.isKind(TargetKind.CHANGE_AT_LEAST), col("base_value")),
            // A change judged across a method break compares two methods: flagged, never judged silently.
            "is_method_break_since_base",
            when(TargetRules.isKind(TargetKind.CHANGE_AT_LEAST).and(col("latest_year").isNotNull()),
                coalesce(col("break_since_base"), lit(false))),
            "gap_unit", TargetRules.byKind(TargetRules::gapUnitOf),
            "projected_value", col("value_projection"),
            "projected_rank",
            when(TargetRules.isKind(TargetKind.RANK_AT_MOST).and(col("rank_projection").isNotNull()),
                least(greatest(col("rank_projection"), lit(1.0)), col("latest_n_ranked").cast("double"))),
            "projection_points", TargetRules.byKind(kind -> switch (kind.measure()) {
              case VALUE -> col("value_points");
              case RANK -> col("rank_points");
              case BAND -> col("basis_points");
            })))
        .withColumns(Map.of(
            "gap", TargetRules.byKind(TargetRules::gap),
            "pct_of_target", TargetRules.byKind(TargetRules::pctOfTarget),
            "projection_method", when(col("projection_points").geq(2),
                concat(lit(ReportSettings.PROJECTION_METHOD_PREFIX), col("projection_points").cast("string")))))
        .withColumn("is_met", col("gap").geq(0))
        .withColumns(Map.of(
            "points_needed", pointsNeeded(),
            "is_on_track", when(col("is_met"), lit(true))
                .when(col("is_met").isNotNull().and(col("projection_points").geq(2)),
                    TargetRules.byKind(TargetRules::projectionReaches))));

    return projected.select(
        col("target_id"), col("unit_frame"), col("unit_code"), col("unit_name_vi"), col("indicator_code"),
        col("kind"), col("threshold"), col("target_band_code"), col("base_year"), col("target_year"),
        col("latest_unit_frame"), col("latest_unit_code"), col("latest_year"), col("latest_value"),
        col("latest_rank"), col("latest_n_ranked"), col("latest_band_code"), col("base_value"),
        col("is_method_break_since_base"), col("gap"),
        col("gap_unit"), col("pct_of_target"), col("is_met"), col("value_at_rank_n"), col("points_needed"),
        col("projected_value"), col("projected_rank"), col("projected_band_code"), col("projection_method"),
        col("is_on_track"), col("is_restated"), col("restated_threshold"), col("assessed_threshold"),
        col("restatement_rule"));
  }

  /**
   * The band rank and basis of a band target's band, in the band period that covers the target year (the
   * target names a band as defined when it is due).
   */
  private static Dataset<Row> withTargetBandRank(Dataset<Row> bands, Dataset<Row> targets) {
    Dataset<Row> bandRows = bands.select(col("indicator_code").as("tb_indicator"),
        col("band_code").as("tb_code"), col("band_rank").cast("int").as("target_band_rank"),
        col("basis").as("target_band_basis"), col("first_year").cast("int").as("tb_first_year"),
        col("last_year").cast("int").as("tb_last_year"));
    WindowSpec bestFirst = Window.partitionBy("target_id").orderBy(col("target_band_rank").asc_nulls_last(),
        col("target_band_basis").asc_nulls_last());
    return targets
        .join(bandRows, col("tb_indicator").equalTo(col("indicator_code"))
            .and(col("tb_code").equalTo(col("target_band_code")))
            .and(col("tb_first_year").isNull().or(col("tb_first_year").leq(col("target_year"))))
            .and(col("tb_last_year").isNull().or(col("tb_last_year").geq(col("target_year")))), "left_outer")
        .withColumn("tb_pick", row_number().over(bestFirst))
        .where(col("tb_pick").equalTo(1))
        .drop("tb_indicator", "tb_code", "tb_first_year", "tb_last_year", "tb_pick");
  }

  private static Dataset<Row> unitNames(Dataset<Row> rankings) {
    return rankings.groupBy(col("unit_frame"), col("unit_code")).agg(max(col("unit_name_vi")).as("unit_name_vi"));
  }

  /**
   * For rank targets, the value that placed a unit within the top N that year: the worst value among units
   * ranked N or better (with ties at N included), in the frame of the latest ranking.
   */
  private static Dataset<Row> valuesAtRankN(Dataset<Row> rankings, Dataset<Row> targets) {
    Dataset<Row> ranked = rankings.where(col("value").isNotNull().and(col("rank").isNotNull()))
        .select(col("unit_frame").as("latest_unit_frame"), col("indicator_code"), col("year").as("latest_year"),
            col("rank").as("other_rank"), col("value").as("other_value"));
    return targets.where(TargetRules.isKind(TargetKind.RANK_AT_MOST))
        .select(col("target_id"), col("latest_unit_frame"), col("indicator_code"), col("latest_year"),
            col("assessed_threshold"), col("sign"))
        .join(ranked, Rankings.seq("latest_unit_frame", "indicator_code", "latest_year"), "inner")
        .where(col("other_rank").leq(col("assessed_threshold")))
        // Turning values so that larger is better makes "worst" a plain min for both directions.
        .groupBy(col("target_id"), col("sign"))
        .agg(min(col("other_value").multiply(col("sign"))).as("worst_turned"))
        .select(col("target_id"), col("worst_turned").multiply(col("sign")).as("value_at_rank_n"));
  }

  /**
   * Points the unit needed to reach the value at rank N: 0 when met, null unless its rank was computed from
   * values (a published-only rank says nothing about the points behind it).
   */
  private static Column pointsNeeded() {
    Column shortfall = greatest(lit(0.0),
        col("value_at_rank_n").minus(col("latest_value")).multiply(col("sign")));
    return when(TargetRules.isKind(TargetKind.RANK_AT_MOST)
            .and(col("latest_rank_source").isin(RANK_SOURCE_COMPUTED, Rankings.RANK_SOURCE_PUBLISHER_TIEBREAK))
            .and(col("latest_value").isNotNull()).and(col("value_at_rank_n").isNotNull()),
        when(col("latest_rank").leq(col("assessed_threshold")), lit(0.0)).otherwise(shortfall));
  }
}
