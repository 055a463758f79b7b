package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code target_gaps} table: for every target of {@code data/targets/targets.csv}, where the unit stands
 * against it at its latest observation, by how much it misses or beats it, and whether its trend gets there.
 *
 * <p>Sign convention, for every kind: {@code gap >= 0} is met, positive is beyond the target, negative short of
 * it, in points (value and change kinds), places (rank kinds) or band steps (band kinds). See
 * {@code docs/tables/target_gaps.md}.
 */
public final class TargetGaps {

  private static final String LOWER_IS_BETTER = "lower_is_better";
  private static final String HIGHER_IS_BETTER = "higher_is_better";
  private static final String RANK_SOURCE_COMPUTED = "computed";
  private static final String BASIS_PERCENTILE = "percentile";

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
    Dataset<Row> withDirection = targets.select(
            col("target_id"), col("unit_frame"), col("unit_code"), col("indicator_code"),
            col("target_year").cast("int").as("target_year"), col("kind"),
            col("threshold").cast("double").as("threshold"), col("band_code").as("target_band_code"),
            col("base_year").cast("int").as("base_year"))
        .join(indicators.select(col("indicator_code"), col("direction")),
            seq("indicator_code"), "left_outer")
        // Unknown directions leave the sign null, so direction-dependent numbers are null rather than guessed.
        .withColumn("sign", when(col("direction").equalTo(LOWER_IS_BETTER), lit(-1.0))
            .when(col("direction").equalTo(HIGHER_IS_BETTER), lit(1.0)));

    // Every side table below is derived from `located` and joined back once: chaining "derive from the
    // growing table, join back" would double the plan at each step.
    Dataset<Row> located = withRestatement(frames, targets, withDirection
        .join(latestObservations(lineage, rankings, withDirection), seq("target_id"), "left_outer")
        .join(unitNames(rankings), seq("unit_frame", "unit_code"), "left_outer"));
    Dataset<Row> bandRanks = targetBandRanks(bands, located);
    Dataset<Row> lines = projections(settings, changes, rankings, located.join(bandRanks, seq("target_id"),
        "left_outer"));
    Dataset<Row> projected = located
        .join(bandRanks, seq("target_id"), "left_outer")
        .join(baseValues(rankings, located), seq("target_id"), "left_outer")
        .join(valuesAtRankN(rankings, located), seq("target_id"), "left_outer")
        .join(lines, seq("target_id"), "left_outer")
        .join(projectedBands(bands, lines), seq("target_id"), "left_outer")
        .withColumn("gap", TargetKind.byKind(TargetKind::gap))
        .withColumn("gap_unit", TargetKind.byKind(kind -> lit(kind.gapUnit)))
        .withColumn("pct_of_target", TargetKind.byKind(TargetKind::pctOfTarget))
        .withColumn("is_met", col("gap").geq(0))
        .withColumn("points_needed", pointsNeeded())
        .withColumn("projected_value", col("value_projection"))
        .withColumn("projected_rank", when(TargetKind.RANK_AT_MOST.isKind().and(col("rank_projection").isNotNull()),
            least(greatest(col("rank_projection"), lit(1.0)), col("latest_n_ranked").cast("double"))))
        .withColumn("projection_points", TargetKind.byKind(kind -> switch (kind.measure) {
          case VALUE -> col("value_points");
          case RANK -> col("rank_points");
          case BAND -> col("basis_points");
        }))
        .withColumn("projection_method", when(col("projection_points").geq(2),
            concat(lit(ReportSettings.PROJECTION_METHOD_PREFIX), col("projection_points").cast("string"))))
        .withColumn("is_on_track", when(col("is_met"), lit(true))
            .when(col("is_met").isNotNull().and(col("projection_points").geq(2)),
                TargetKind.byKind(TargetKind::projectionReaches)));

    return projected.select(
        col("target_id"), col("unit_frame"), col("unit_code"), col("unit_name_vi"), col("indicator_code"),
        col("kind"), col("threshold"), col("target_band_code"), col("base_year"), col("target_year"),
        col("latest_unit_frame"), col("latest_unit_code"), col("latest_year"), col("latest_value"),
        col("latest_rank"), col("latest_n_ranked"), col("latest_band_code"), col("base_value"), col("gap"),
        col("gap_unit"), col("pct_of_target"), col("is_met"), col("value_at_rank_n"), col("points_needed"),
        col("projected_value"), col("projected_rank"), col("projected_band_code"), col("projection_method"),
        col("is_on_track"), col("is_restated"), col("restated_threshold"), col("assessed_threshold"),
        col("restatement_rule"));
  }

  /** Per target: the latest observation (year <= target year) that carries what the kind measures. */
  private static Dataset<Row> latestObservations(Dataset<Row> lineage, Dataset<Row> rankings,
      Dataset<Row> targets) {
    Dataset<Row> own = targets.select(col("target_id"), col("unit_frame").as("obs_frame"),
        col("unit_code").as("obs_code"), lit(0).as("successor_step"));
    Dataset<Row> successors = targets
        .join(lineage, col("unit_frame").equalTo(col("from_frame")).and(col("unit_code").equalTo(col("from_code"))),
            "inner")
        .select(col("target_id"), col("to_frame").as("obs_frame"), col("to_code").as("obs_code"),
            lit(1).as("successor_step"));
    Dataset<Row> observations = rankings.select(
        col("unit_frame").as("obs_frame"), col("unit_code").as("obs_code"), col("indicator_code"), col("year"),
        col("value"), col("rank"), col("n_ranked"), col("band_code"), col("band_rank"), col("rank_source"));
    WindowSpec latestFirst = Window.partitionBy("target_id").orderBy(col("year").desc_nulls_last(),
        col("successor_step").asc_nulls_last(), col("obs_frame").asc_nulls_last(), col("obs_code").asc_nulls_last());
    return targets.select(col("target_id"), col("indicator_code"), col("target_year"), col("kind"))
        .join(own.unionByName(successors), seq("target_id"), "inner")
        .join(observations, seq("obs_frame", "obs_code", "indicator_code"), "inner")
        .where(col("year").leq(col("target_year")).and(TargetKind.hasMeasure()))
        .withColumn("recency", row_number().over(latestFirst))
        .where(col("recency").equalTo(1))
        .select(col("target_id"), col("obs_frame").as("latest_unit_frame"), col("obs_code").as("latest_unit_code"),
            col("year").as("latest_year"), col("value").as("latest_value"), col("rank").as("latest_rank"),
            col("n_ranked").as("latest_n_ranked"), col("band_code").as("latest_band_code"),
            col("band_rank").as("latest_band_rank"), col("rank_source").as("latest_rank_source"));
  }

  private static Dataset<Row> unitNames(Dataset<Row> rankings) {
    return rankings.groupBy(col("unit_frame"), col("unit_code")).agg(max(col("unit_name_vi")).as("unit_name_vi"));
  }

  /**
   * "Top 20 of 63" means nothing among 34 units. A rank target is restated by share of units,
   * {@code max(1, floor(N x n_new / n_old))} with the frames' unit counts (top 20 of 63 -> top 10 of 34), when it
   * is judged on a ranking in another frame, or when its year lies after the last data year of its own frame.
   * The gap is measured against the threshold of the frame the latest ranking is in ({@code assessed_threshold}).
   */
  private static Dataset<Row> withRestatement(Dataset<Row> frames, Dataset<Row> rawTargets,
      Dataset<Row> targets) {
    Dataset<Row> ownFrame = frames.select(col("frame_code").as("unit_frame"),
        col("n_units").cast("double").as("own_n_units"), col("last_data_year").cast("int").as("own_last_data_year"));
    Dataset<Row> candidateFrames = frames.select(col("frame_code").as("candidate_frame"),
        col("first_data_year").cast("int").as("candidate_first_year"),
        col("last_data_year").cast("int").as("candidate_last_year"));
    WindowSpec newestFrameFirst = Window.partitionBy("target_id")
        .orderBy(col("candidate_first_year").desc_nulls_last(), col("candidate_frame").asc_nulls_last());
    Dataset<Row> frameAtTargetYear = rawTargets.select(col("target_id"), col("unit_frame"),
            col("target_year").cast("int").as("target_year"))
        .join(candidateFrames, col("candidate_frame").notEqual(col("unit_frame"))
            .and(col("candidate_first_year").leq(col("target_year")))
            .and(col("candidate_last_year").isNull().or(col("candidate_last_year").geq(col("target_year")))),
            "inner")
        .withColumn("newest", row_number().over(newestFrameFirst))
        .where(col("newest").equalTo(1))
        .select(col("target_id"), col("candidate_frame").as("frame_at_target_year"));
    Dataset<Row> restateFrame = frames.select(col("frame_code").as("restate_frame"),
        col("n_units").cast("double").as("restate_n_units"));

    Column isRankKind = TargetKind.RANK_AT_MOST.isKind();
    Column restateTo = when(isRankKind, coalesce(
        when(col("latest_unit_frame").notEqual(col("unit_frame")), col("latest_unit_frame")),
        when(col("target_year").gt(col("own_last_data_year")), col("frame_at_target_year"))));
    Column restatedThreshold = greatest(lit(1.0),
        floor(col("threshold").multiply(col("restate_n_units")).divide(col("own_n_units"))).cast("double"));
    return targets
        .join(ownFrame, seq("unit_frame"), "left_outer")
        .join(frameAtTargetYear, seq("target_id"), "left_outer")
        .withColumn("restate_frame", restateTo)
        .join(restateFrame, seq("restate_frame"), "left_outer")
        .withColumn("is_restated", col("restate_frame").isNotNull())
        .withColumn("restated_threshold", when(col("is_restated")
            .and(col("own_n_units").gt(0)).and(col("restate_n_units").isNotNull()), restatedThreshold))
        .withColumn("restatement_rule", when(col("is_restated"), concat(
            lit("rank_share_floor: top "), col("threshold").cast("long").cast("string"),
            lit(" of "), col("own_n_units").cast("long").cast("string"), lit(" ("), col("unit_frame"),
            lit(") -> top "), col("restated_threshold").cast("long").cast("string"), lit(" of "),
            col("restate_n_units").cast("long").cast("string"), lit(" ("), col("restate_frame"), lit(")"))))
        .withColumn("assessed_threshold", when(col("is_restated")
            .and(col("latest_unit_frame").equalTo(col("restate_frame"))), col("restated_threshold"))
            .otherwise(col("threshold")));
  }

  /** The band rank of a band target's band, in the band period that covers the latest (else target) year. */
  private static Dataset<Row> targetBandRanks(Dataset<Row> bands, Dataset<Row> targets) {
    Dataset<Row> bandRows = bands.select(col("indicator_code").as("band_indicator"),
        col("band_code").as("band_band_code"), col("band_rank").cast("int").as("band_band_rank"),
        col("basis").as("band_basis"), col("first_year").cast("int").as("band_first_year"),
        col("last_year").cast("int").as("band_last_year"));
    Column year = coalesce(col("latest_year"), col("target_year"));
    return targets.select(col("target_id"), col("indicator_code"), col("target_band_code"),
            year.as("band_year"))
        .join(bandRows, col("band_indicator").equalTo(col("indicator_code"))
            .and(col("band_band_code").equalTo(col("target_band_code")))
            .and(col("band_first_year").isNull().or(col("band_first_year").leq(col("band_year"))))
            .and(col("band_last_year").isNull().or(col("band_last_year").geq(col("band_year")))), "inner")
        .groupBy(col("target_id"))
        .agg(min(col("band_band_rank")).as("target_band_rank"), max(col("band_basis")).as("target_band_basis"));
  }

  /** The value in the base year, for change targets, on the unit the latest observation is on. */
  private static Dataset<Row> baseValues(Dataset<Row> rankings, Dataset<Row> targets) {
    Dataset<Row> values = rankings.select(col("unit_frame").as("latest_unit_frame"),
        col("unit_code").as("latest_unit_code"), col("indicator_code"), col("year").as("base_year"),
        col("value").as("base_value"));
    return targets.where(TargetKind.CHANGE_AT_LEAST.isKind())
        .select(col("target_id"), col("latest_unit_frame"), col("latest_unit_code"), col("indicator_code"),
            col("base_year"))
        .join(values, seq("latest_unit_frame", "latest_unit_code", "indicator_code", "base_year"), "inner")
        .select(col("target_id"), col("base_value"));
  }

  /**
   * For rank targets, the value that placed a unit within the top N that year: the worst value among units
   * ranked N or better (with ties at N included), in the frame of the latest ranking.
   */
  private static Dataset<Row> valuesAtRankN(Dataset<Row> rankings, Dataset<Row> targets) {
    Dataset<Row> ranked = rankings.where(col("value").isNotNull().and(col("rank").isNotNull()))
        .select(col("unit_frame").as("latest_unit_frame"), col("indicator_code"), col("year").as("latest_year"),
            col("rank").as("other_rank"), col("value").as("other_value"));
    return targets.where(TargetKind.RANK_AT_MOST.isKind())
        .select(col("target_id"), col("latest_unit_frame"), col("indicator_code"), col("latest_year"),
            col("assessed_threshold"), col("sign"))
        .join(ranked, seq("latest_unit_frame", "indicator_code", "latest_year"), "inner")
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
    return when(TargetKind.RANK_AT_MOST.isKind()
            .and(col("latest_rank_source").equalTo(RANK_SOURCE_COMPUTED))
            .and(col("latest_value").isNotNull()).and(col("value_at_rank_n").isNotNull()),
        when(col("latest_rank").leq(col("assessed_threshold")), lit(0.0)).otherwise(shortfall));
  }

  /**
   * Projections to the target year by ordinary least squares over the last k observed years up to the latest
   * observation, on the unit and frame of that observation: values (cut at the latest method break, since
   * scores across a break are not comparable), ranks (clamped to [1, n_ranked]) and, for band targets, the
   * band's basis (value or percentile) mapped back to a band.
   */
  private static Dataset<Row> projections(ReportSettings settings, Dataset<Row> changes, Dataset<Row> rankings,
      Dataset<Row> targets) {
    int k = settings.projectionYears();
    Dataset<Row> keys = targets.where(col("latest_year").isNotNull()).select(col("target_id"),
        col("latest_unit_frame").as("unit_frame"), col("latest_unit_code").as("unit_code"), col("indicator_code"),
        col("latest_year"), col("target_year"), col("target_band_basis"));
    Dataset<Row> lastBreak = keys
        .join(changes.where(col("is_method_break").equalTo(true))
                .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year").as("break_year")),
            seq("unit_frame", "unit_code", "indicator_code"), "inner")
        .where(col("break_year").leq(col("latest_year")))
        .groupBy(col("target_id")).agg(max(col("break_year")).as("last_break_year"));
    Dataset<Row> series = keys.join(lastBreak, seq("target_id"), "left_outer")
        .join(rankings.select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"),
                col("value"), col("rank").cast("double").as("rank_y"), col("percentile")),
            seq("unit_frame", "unit_code", "indicator_code"), "inner")
        .where(col("year").leq(col("latest_year")));

    Dataset<Row> valueLine = ols(k, "value", series
        .where(col("last_break_year").isNull().or(col("year").geq(col("last_break_year"))))
        .withColumn("y", col("value")));
    Dataset<Row> rankLine = ols(k, "rank", series.withColumn("y", col("rank_y")));
    Dataset<Row> basisLine = ols(k, "basis", series.withColumn("y",
        when(col("target_band_basis").equalTo(BASIS_PERCENTILE), col("percentile")).otherwise(col("value"))));
    return targets.select(col("target_id"), col("kind"), col("indicator_code"), col("target_year"),
            col("target_band_basis"))
        .join(valueLine, seq("target_id"), "left_outer")
        .join(rankLine, seq("target_id"), "left_outer")
        .join(basisLine, seq("target_id"), "left_outer")
        .select(col("target_id"), col("kind").as("line_kind"), col("indicator_code").as("line_indicator"),
            col("target_year").as("line_target_year"), col("target_band_basis").as("line_basis"),
            col("value_projection"), col("value_points"), col("rank_projection"), col("rank_points"),
            when(col("target_band_basis").equalTo(BASIS_PERCENTILE),
                least(greatest(col("basis_projection"), lit(0.0)), lit(100.0)))
                .otherwise(col("basis_projection")).as("projected_basis"),
            col("basis_points"));
  }

  /** The band that contains the projected basis measure of a band target, among the bands of the target year. */
  private static Dataset<Row> projectedBands(Dataset<Row> bands, Dataset<Row> lines) {
    Dataset<Row> bandRows = bands.select(col("indicator_code").as("band_indicator"),
        col("band_code").as("projected_band_code"), col("band_rank").cast("int").as("projected_band_rank"),
        col("basis").as("band_basis"), col("lower").cast("double").as("band_lower"),
        col("upper").cast("double").as("band_upper"), col("first_year").cast("int").as("band_first_year"),
        col("last_year").cast("int").as("band_last_year"));
    WindowSpec bestBandFirst = Window.partitionBy("target_id")
        .orderBy(col("projected_band_rank").asc_nulls_last(), col("projected_band_code").asc_nulls_last());
    return lines.where(col("line_kind").equalTo(TargetKind.BAND_AT_LEAST.code)
            .and(col("projected_basis").isNotNull()))
        .join(bandRows, col("band_indicator").equalTo(col("line_indicator"))
            .and(col("band_basis").equalTo(col("line_basis")))
            .and(col("band_first_year").isNull().or(col("band_first_year").leq(col("line_target_year"))))
            .and(col("band_last_year").isNull().or(col("band_last_year").geq(col("line_target_year"))))
            .and(col("band_lower").isNull().or(col("band_lower").leq(col("projected_basis"))))
            .and(col("band_upper").isNull().or(col("projected_basis").lt(col("band_upper")))), "inner")
        .withColumn("pick", row_number().over(bestBandFirst))
        .where(col("pick").equalTo(1))
        .select(col("target_id"), col("projected_band_code"), col("projected_band_rank"));
  }

  /**
   * Ordinary least squares of {@code y} on year over the last {@code k} years with a {@code y}, evaluated at
   * the target year. Years are centred on the target year, so the projection is the intercept.
   * Output: {@code target_id, <name>_projection, <name>_points}; the projection is null below two points.
   */
  private static Dataset<Row> ols(int k, String name, Dataset<Row> points) {
    WindowSpec recentFirst = Window.partitionBy("target_id").orderBy(col("year").desc_nulls_last());
    Column n = col("n");
    Column slope = n.multiply(col("sxy")).minus(col("sx").multiply(col("sy")))
        .divide(n.multiply(col("sxx")).minus(col("sx").multiply(col("sx"))));
    Column intercept = col("sy").minus(slope.multiply(col("sx"))).divide(n);
    return points.where(col("y").isNotNull())
        .withColumn("recency", row_number().over(recentFirst))
        .where(col("recency").leq(k))
        .withColumn("x", col("year").minus(col("target_year")).cast("double"))
        .groupBy(col("target_id"))
        .agg(count(lit(1)).cast("int").as("n"), sum(col("x")).as("sx"), sum(col("y")).as("sy"),
            sum(col("x").multiply(col("y"))).as("sxy"), sum(col("x").multiply(col("x"))).as("sxx"))
        // Distinct years make the denominator positive from two points on; below two there is no line.
        .select(col("target_id"), when(n.geq(2), intercept).as(name + "_projection"), n.as(name + "_points"));
  }

  private static scala.collection.immutable.Seq<String> seq(String... columns) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(columns)).toList();
  }
}
