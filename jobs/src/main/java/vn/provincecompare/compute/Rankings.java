package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.rank;
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
import scala.jdk.javaapi.CollectionConverters;
import vn.provincecompare.validate.RowChecks;

/**
 * Ranks of units within a year: the {@code rankings} table. Documented column by column in
 * {@code docs/tables/rankings.md}.
 */
public final class Rankings {

  public static final String RANK_SOURCE_COMPUTED = "computed";
  public static final String RANK_SOURCE_PUBLISHED = "published";
  public static final String RANK_SOURCE_NONE = "none";
  /**
   * A computed rank whose tie, made by the rounding of the printed scores, the publisher broke: publishers rank on
   * unrounded scores and print two decimals, so two provinces printed 64.56 can be its 20th and 21st.
   */
  public static final String RANK_SOURCE_PUBLISHER_TIEBREAK = "computed_publisher_tiebreak";

  /** The {@code rankings} table, in column order; another stage codes against these names. */
  public static final StructType SCHEMA = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("unit_name_vi", DataTypes.StringType)
      .add("region_code", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("value", DataTypes.DoubleType)
      .add("direction", DataTypes.StringType)
      .add("rank", DataTypes.IntegerType)
      .add("rank_source", DataTypes.StringType)
      .add("n_ranked", DataTypes.IntegerType)
      .add("percentile", DataTypes.DoubleType)
      .add("region_rank", DataTypes.IntegerType)
      .add("region_n", DataTypes.IntegerType)
      .add("band_code", DataTypes.StringType)
      .add("band_rank", DataTypes.IntegerType)
      .add("national_mean", DataTypes.DoubleType)
      .add("national_median", DataTypes.DoubleType)
      .add("leader_value", DataTypes.DoubleType)
      .add("gap_to_leader", DataTypes.DoubleType)
      .add("gap_to_median", DataTypes.DoubleType)
      .add("published_rank", DataTypes.IntegerType)
      .add("published_n", DataTypes.IntegerType)
      .add("is_rank_mismatch", DataTypes.BooleanType);

  // A ranking is one (frame, indicator, year): a VN34 unit is never ranked among VN63 units. Partitioned by the
  // packed catalog ordinals of (frame, indicator), then the year, not by the two strings (SurrogateKeys: the sorts
  // compare longs); the two fallback columns are null except for codes outside the catalog.
  private static final List<String> RANKING = List.of("ranking_key", "year", "ranking_frame", "ranking_indicator");

  private Rankings() {
  }

  /**
   * One row per (unit_frame, indicator_code, year, unit_code) of {@code observations} (the output of
   * {@link Observations#preferred}).
   *
   * <p>Rank: competition ranking (1, 2, 2, 4) of the unrounded values, best first by the indicator's
   * direction, within (unit_frame, indicator_code, year). It is trusted only when the units with a value
   * reach {@code coverageThreshold} of the expected number, which is the largest published_n of that ranking
   * or else the frame's n_units. Otherwise (we hold a handful of scores) each unit keeps its published rank
   * and published n; with neither, rank is null and rank_source {@code none}.
   *
   * <p>National statistics (mean, exact median, leader, gaps) and region ranks describe a computed ranking, so
   * they are null where the ranking is not covered: the mean of the three scores we happen to hold is not a
   * national mean.
   *
   * <p>Plan: ranks and the per-ranking statistics come from one window operator. The region window partitions by
   * a superset of those keys, which the existing hash partitioning already satisfies, so it costs a sort, not a
   * shuffle.
   */
  public static Dataset<Row> rankWithinYear(ComputeSettings settings, Dataset<Row> indicators,
      Dataset<Row> bands, Dataset<Row> units, Dataset<Row> frames, Dataset<Row> observations) {
    Dataset<Row> indicatorInfo = indicators
        .select(col("indicator_code"), col("direction"))
        .join(RankBands.candidatesByIndicator(bands), seq("indicator_code"), "left")
        .join(SurrogateKeys.ordinals(indicators, "indicator_ordinal", "indicator_code"), seq("indicator_code"),
            "left");
    Dataset<Row> unitInfo = units.select(col("unit_frame"), col("unit_code"),
            col("name_vi").as("unit_name_vi"), col("region_code"))
        .join(SurrogateKeys.ordinals(units.where(col("region_code").isNotNull()), "region_ordinal", "region_code"),
            seq("region_code"), "left");
    Dataset<Row> frameSizes = frames.select(col("frame_code").as("unit_frame"),
            col("n_units").cast(DataTypes.IntegerType).as("n_units"))
        .join(SurrogateKeys.ordinals(frames.select(col("frame_code").as("unit_frame")), "frame_ordinal",
            "unit_frame"), seq("unit_frame"), "left");

    Dataset<Row> rows = observations
        .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"), col("value"),
            col("published_rank"), col("published_n"),
            // The rank the source of the value printed beside it: the publisher's own order of its own scores.
            when(col("value_source_id").equalTo(col("rank_source_id")), col("published_rank"))
                .as("own_published_rank"))
        .join(broadcast(indicatorInfo), seq("indicator_code"), "left")
        .join(broadcast(unitInfo), seq("unit_frame", "unit_code"), "left")
        .join(broadcast(frameSizes), seq("unit_frame"), "left")
        .withColumn("ranking_key", SurrogateKeys.packed(col("frame_ordinal"), col("indicator_ordinal")))
        .withColumns(RowChecks.columns(
            "ranking_frame", SurrogateKeys.fallback(col("ranking_key"), col("unit_frame")),
            "ranking_indicator", SurrogateKeys.fallback(col("ranking_key"), col("indicator_code")),
            "better_sign", RankDirection.betterSign(col("direction"))))
        // Ascending rank_key puts the best first in either direction; null when the value or direction is
        // unknown, and such rows take no computed rank.
        .withColumn("rank_key", col("value").multiply(col("better_sign")).multiply(lit(-1)));

    // The per-ranking statistics are window aggregates over the same partitioning and order as the rank, so one
    // window operator gives both: no aggregate joined back (which computed the observations twice and shuffled
    // them once more).
    WindowSpec byRanking = Window.partitionBy(cols(RANKING)).orderBy(col("rank_key").asc_nulls_last());
    // No order: median takes none. Applied after the rank, so the rows are already sorted by the partition keys.
    WindowSpec wholeRanking = Window.partitionBy(cols(RANKING));
    // region_ordinal is null exactly where region_code is (both come from the units catalog).
    WindowSpec byRegion = Window
        .partitionBy(cols(RANKING, "region_ordinal"))
        .orderBy(col("rank_key").asc_nulls_last());
    WindowSpec wholeRegion = byRegion
        .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());

    Dataset<Row> withStats = rows.select(col("*"), rank().over(byRanking).as("rank_in_ranking"))
        .select(col("*"),
            count(col("rank_key")).over(wholeRanking).as("n_with_value"),
            max(col("published_n")).over(wholeRanking).as("max_published_n"),
            // Summed in the order the rows reach this window, which is the rank's (rank_key): the same in every
            // run and on a cluster, since rows with equal keys hold equal values (a shuffle's partial sums, as in
            // avg after a groupBy, arrive in varying order and flip the last digit). Only covered rankings, where
            // every value has a key, publish the mean.
            avg(col("value")).over(wholeRanking).as("mean_value"),
            // Exact: percentile(0.5) sorts the group; for an even count it is the mean of the two middles.
            median(col("value")).over(wholeRanking).as("median_value"),
            max(col("value")).over(wholeRanking).as("max_value"),
            min(col("value")).over(wholeRanking).as("min_value"))
        .withColumn("expected_n", coalesce(col("max_published_n"), col("n_units")))
        .withColumn("is_covered", coalesce(
            col("n_with_value").gt(lit(0))
                .and(col("n_with_value").geq(col("expected_n").multiply(lit(settings.coverageThreshold())))),
            lit(false)));

    Column hasComputedRank = col("is_covered").and(col("rank_key").isNotNull());
    // A tie of our values (equal rank_key, so one rank) spans the places rank .. rank + size - 1. When every unit
    // of it has its value's publisher's own rank and those ranks fall inside that span but are not all equal, the
    // publisher ordered what our rounded copy of its scores cannot: its order is taken. Ranks outside the span
    // are a real disagreement and stay computed ties, flagged is_rank_mismatch.
    WindowSpec tie = Window.partitionBy(cols(RANKING, "rank_in_ranking"));
    Column tieSize = count(lit(1)).over(tie);
    Column isPublisherTiebreak = coalesce(hasComputedRank.and(tieSize.gt(1))
        .and(count(col("own_published_rank")).over(tie).equalTo(tieSize))
        .and(min(col("own_published_rank")).over(tie).geq(col("rank_in_ranking")))
        .and(max(col("own_published_rank")).over(tie).leq(col("rank_in_ranking").plus(tieSize).minus(1)))
        .and(min(col("own_published_rank")).over(tie).lt(max(col("own_published_rank")).over(tie))), lit(false));
    Column hasRegionRank = hasComputedRank.and(col("region_code").isNotNull());
    // A covered ranking is ours: a unit without a value takes no rank in it. Its published rank, mixed in, could
    // repeat a computed one (published 5 beside our 5) and its published n is another count than n_ranked; it stays
    // visible in published_rank.
    Column hasPublishedRank = col("published_rank").isNotNull().and(not(col("is_covered")));

    // Select lists in dependency order, not a withColumn each (every call re-analyses the whole plan so far).
    Dataset<Row> ranked = withStats
        .withColumns(RowChecks.columns(
            "is_publisher_tiebreak", isPublisherTiebreak,
            "region_rank", when(hasRegionRank, rank().over(byRegion)),
            "region_n", when(hasRegionRank, count(col("rank_key")).over(wholeRegion))))
        .withColumn("computed_rank", when(col("is_publisher_tiebreak"), col("own_published_rank"))
            .when(hasComputedRank, col("rank_in_ranking")))
        .withColumns(RowChecks.columns(
            "rank", coalesce(col("computed_rank"), when(hasPublishedRank, col("published_rank"))),
            "rank_source",
            when(col("is_publisher_tiebreak"), lit(RANK_SOURCE_PUBLISHER_TIEBREAK))
                .when(hasComputedRank, lit(RANK_SOURCE_COMPUTED))
                .when(hasPublishedRank, lit(RANK_SOURCE_PUBLISHED))
                .otherwise(lit(RANK_SOURCE_NONE)),
            "n_ranked",
            when(hasComputedRank, col("n_with_value"))
                .when(hasPublishedRank, col("published_n"))
                // No rank of its own (withheld): the size of the ranking it is absent from, if we made one.
                .when(col("is_covered"), col("n_with_value")),
            "leader_value", when(col("is_covered"),
                when(col("better_sign").gt(lit(0)), col("max_value")).otherwise(col("min_value"))),
            "is_rank_mismatch", coalesce(
                col("computed_rank").isNotNull().and(col("published_rank").isNotNull())
                    .and(col("computed_rank").notEqual(col("published_rank"))),
                lit(false))))
        .withColumn("percentile",
            when(col("rank").isNull().or(col("n_ranked").isNull()), lit(null))
                .when(col("n_ranked").equalTo(lit(1)), lit(100.0))
                .otherwise(lit(100.0).multiply(col("n_ranked").minus(col("rank")))
                    .divide(col("n_ranked").minus(lit(1)))))
        .withColumn("band", RankBands.bandFor(col(RankBands.CANDIDATES), col("year"), col("value"),
            col("percentile")));

    return ranked
        .withColumns(RowChecks.columns(
            "band_code", col("band.band_code"),
            "band_rank", col("band.band_rank"),
            "national_mean", when(col("is_covered"), col("mean_value")),
            "national_median", when(col("is_covered"), col("median_value")),
            "gap_to_leader", col("leader_value").minus(col("value")).multiply(col("better_sign")),
            "gap_to_median",
            when(col("is_covered"), col("value").minus(col("median_value")).multiply(col("better_sign")))))
        .select(declared(SCHEMA));
  }

  /** The declared column names, in order. */
  public static List<String> columnNames() {
    return Arrays.stream(SCHEMA.fields()).map(StructField::name).toList();
  }

  /**
   * The declared columns of {@code schema}, in order, each cast to its declared type: the final select of
   * every compute transform, so the StructType constant is the one place a table's shape is stated.
   */
  static Column[] declared(StructType schema) {
    return Arrays.stream(schema.fields())
        .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new);
  }

  static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** {@code names}, then {@code more}: a window partitioned by a key and one more column. */
  static Column[] cols(List<String> names, String... more) {
    return cols(java.util.stream.Stream.concat(names.stream(), Arrays.stream(more)).toList());
  }

  /** Column names as the Scala sequence that {@code Dataset.join} takes: the one helper every transform uses. */
  static scala.collection.immutable.Seq<String> seq(String... names) {
    return seq(List.of(names));
  }

  static scala.collection.immutable.Seq<String> seq(List<String> names) {
    return CollectionConverters.asScala(names).toList();
  }
}
