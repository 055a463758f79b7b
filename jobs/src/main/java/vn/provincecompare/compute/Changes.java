package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
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
import vn.provincecompare.validate.RowChecks;

/**
 * Year-over-year and longer changes of each {@code rankings} row: the {@code changes} table. Documented
 * column by column in {@code docs/tables/changes.md}.
 */
public final class Changes {

  /** The catalog's value_type for counts and amounts: the only kind where a percent change means something. */
  public static final String VALUE_TYPE_LEVEL = "level";

  /** The {@code changes} table, in column order. */
  public static final StructType SCHEMA = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("value", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType)
      .add("n_ranked", DataTypes.IntegerType)
      .add("band_code", DataTypes.StringType)
      .add("prev_year", DataTypes.IntegerType)
      .add("is_prev_year_missing", DataTypes.BooleanType)
      .add("prev_value", DataTypes.DoubleType)
      .add("prev_rank", DataTypes.IntegerType)
      .add("prev_n_ranked", DataTypes.IntegerType)
      .add("delta_value", DataTypes.DoubleType)
      .add("delta_pct", DataTypes.DoubleType)
      .add("rank_change", DataTypes.IntegerType)
      .add("last_obs_year", DataTypes.IntegerType)
      .add("last_obs_value", DataTypes.DoubleType)
      .add("last_obs_rank", DataTypes.IntegerType)
      .add("delta_value_since_last_obs", DataTypes.DoubleType)
      .add("rank_change_since_last_obs", DataTypes.IntegerType)
      .add("prev_band_code", DataTypes.StringType)
      .add("band_change", DataTypes.IntegerType)
      .add("is_method_break", DataTypes.BooleanType)
      .add("is_n_ranked_changed", DataTypes.BooleanType)
      .add("baseline_year", DataTypes.IntegerType)
      .add("delta_value_since_baseline", DataTypes.DoubleType)
      .add("rank_change_since_baseline", DataTypes.IntegerType)
      .add("is_method_break_since_baseline", DataTypes.BooleanType)
      .add("trend_slope", DataTypes.DoubleType)
      .add("trend_years_used", DataTypes.IntegerType)
      .add("improvement_streak", DataTypes.IntegerType)
      .add("first_year_in_top_n", DataTypes.IntegerType);

  // A series: one unit's values of one indicator over the years, never across frames. Partitioned by the packed
  // catalog ordinals of (unit in its frame, indicator), not by the three strings (SurrogateKeys: the sorts compare
  // longs); the fallback columns are null except for codes outside the catalog.
  private static final List<String> SERIES = List.of("series_key", "series_frame", "series_unit", "series_indicator");

  private Changes() {
  }

  /**
   * One row per {@code rankings} row. A year is "observed" when it has a value or a rank.
   *
   * <ul>
   *   <li>prev_*: the row of exactly {@code year - 1}, and only if observed; a gap year
   *       leaves them null (is_prev_year_missing) rather than silently comparing with an older year. The
   *       since-last-obs columns are the ones that reach back over gaps, to the latest earlier observed year.
   *   <li>Signs: delta_* are raw points (value minus earlier value, whatever the direction); rank_change* and
   *       band_change are positive for a move up (earlier rank minus rank).
   *   <li>is_method_break: a catalog break_year b with last_obs_year &lt; b &lt;= year, i.e. the change since
   *       the last observation crosses a method change.
   *   <li>Trend and streak use values only, and only years of the current method (from the latest break_year
   *       &lt;= year): a PAPI total of 2017 (6 dimensions, 6-60) and one of 2018 (8 dimensions, 8-80) are not
   *       points of one line. The trend is the OLS slope, raw points per year, over the last
   *       {@code trendYears} such years up to and including this one. The streak counts successive valued
   *       years ending at this one, each better than the one before by the indicator's direction (a year with
   *       no data in between does not end it); null when this year has no value.
   *   <li>is_method_break_since_baseline: a catalog break_year b with baseline_year &lt; b &lt;= year, i.e. the
   *       since-baseline change crosses a method change (PAR INDEX's 2022 method against a 2018 baseline); null
   *       where the since-baseline columns are (no baseline, or a year before it).
   *   <li>first_year_in_top_n: the earliest year up to this one with rank &lt;= topN, in the same frame.
   * </ul>
   */
  public static Dataset<Row> withYearOverYear(ComputeSettings settings, Dataset<Row> indicators,
      Dataset<Row> bands, Dataset<Row> methodBreaks, Dataset<Row> units, Dataset<Row> rankings) {
    Dataset<Row> breaksByIndicator = methodBreaks
        .groupBy(col("indicator_code"))
        .agg(array_sort(collect_list(col("break_year").cast(DataTypes.IntegerType))).as("break_years"));
    Dataset<Row> indicatorInfo = indicators
        .select(col("indicator_code"), col("value_type"))
        .join(RankBands.candidatesByIndicator(bands), Rankings.seq("indicator_code"), "left")
        .join(breaksByIndicator, Rankings.seq("indicator_code"), "left")
        .join(SurrogateKeys.ordinals(indicators, "indicator_ordinal", "indicator_code"),
            Rankings.seq("indicator_code"), "left");
    Dataset<Row> unitOrdinals = SurrogateKeys.ordinals(units, "unit_ordinal", "unit_frame", "unit_code");
    Column seriesKey = col("series_key");

    Dataset<Row> current = rankings
        .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"), col("value"),
            col("rank"), col("n_ranked"), col("band_code"), col("band_rank"), col("direction"))
        .join(broadcast(indicatorInfo), Rankings.seq("indicator_code"), "left")
        .join(broadcast(unitOrdinals), Rankings.seq("unit_frame", "unit_code"), "left")
        .withColumn("series_key", SurrogateKeys.packed(col("unit_ordinal"), col("indicator_ordinal")))
        // The method a year is measured by starts at the latest break up to it (null: the first method). Trend
        // and streak only use years of the current row's method: a segment of the series.
        .withColumns(RowChecks.columns(
            "series_frame", SurrogateKeys.fallback(seriesKey, col("unit_frame")),
            "series_unit", SurrogateKeys.fallback(seriesKey, col("unit_code")),
            "series_indicator", SurrogateKeys.fallback(seriesKey, col("indicator_code")),
            "is_observed", col("value").isNotNull().or(col("rank").isNotNull()),
            "method_start", array_max(filter(col("break_years"), b -> b.leq(col("year")))),
            "better_sign", RankDirection.betterSign(col("direction"))));

    // All windows partition by the series (the segment adds a column to it), so one shuffle serves them all.
    // Nothing collects a series into an array: the sums a trend needs and the streak are window aggregates,
    // which Spark compiles, where array lambdas over each row's history were interpreted row by row.
    WindowSpec series = Window.partitionBy(Rankings.cols(SERIES)).orderBy(col("year").asc_nulls_last());
    WindowSpec before = series.rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec upToNow = series.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec whole = series.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    WindowSpec segment = Window.partitionBy(segmentColumns()).orderBy(col("year").asc_nulls_last());

    Column baselineYear = lit(settings.baselineYear()).cast(DataTypes.IntegerType);
    Column baseline = settings.baselineYear() == null
        ? lit(null).cast("struct<value:double,rank:int>")
        : first(when(col("year").equalTo(baselineYear).and(col("is_observed")),
            struct(col("value"), col("rank"))), true).over(whole);

    Dataset<Row> withHistory = current.select(col("*"),
        last(when(col("is_observed"),
            struct(col("year"), col("value"), col("rank"), col("n_ranked"), col("band_code"))), true)
            .over(before).as("last_obs"),
        min(when(col("rank").leq(lit(settings.topN())), col("year"))).over(upToNow).as("first_year_in_top_n"),
        baseline.as("baseline"),
        // Valued points of the segment up to this year, and the value of the one before this year.
        count(col("value")).over(segment.rowsBetween(Window.unboundedPreceding(), Window.currentRow()))
            .as("valued_index"),
        last(col("value"), true).over(segment.rowsBetween(Window.unboundedPreceding(), -1)).as("prev_valued"));

    // Ordered by valued_index, a range frame of trendYears - 1 preceding holds exactly the last trendYears valued
    // points up to this row (rows without a value share the index of the valued point before them and add nothing
    // to the sums). x is the year minus 2000, which keeps the sums small; the slope does not depend on the shift.
    WindowSpec byValuedPoint = Window.partitionBy(segmentColumns()).orderBy(col("valued_index").asc_nulls_last());
    WindowSpec lastPoints = byValuedPoint.rangeBetween(-(settings.trendYears() - 1), Window.currentRow());
    WindowSpec pointsSoFar = byValuedPoint.rangeBetween(Window.unboundedPreceding(), Window.currentRow());
    Column x = when(col("value").isNotNull(), col("year").minus(lit(2000)).cast(DataTypes.DoubleType));
    // A valued point that does not beat the one before it (or has none before it) starts a new streak.
    Column startsStreak = col("value").isNotNull().and(not(coalesce(
        col("value").minus(col("prev_valued")).multiply(col("better_sign")).gt(lit(0)), lit(false))));

    Dataset<Row> withTrend = withHistory.select(col("*"),
        count(col("value")).over(lastPoints).as("trend_n"),
        sum(x).over(lastPoints).as("trend_sx"),
        sum(col("value")).over(lastPoints).as("trend_sy"),
        sum(x.multiply(col("value"))).over(lastPoints).as("trend_sxy"),
        sum(x.multiply(x)).over(lastPoints).as("trend_sxx"),
        max(when(startsStreak, col("valued_index"))).over(pointsSoFar).as("streak_start"));

    // The previous year is exactly year - 1: the last observed year before this one, if that is year - 1 (a gap
    // year leaves prev_* null rather than silently comparing with an older year).
    Column isPrevYear = col("last_obs.year").equalTo(col("year").minus(lit(1)));
    Column n = col("trend_n").cast(DataTypes.DoubleType);
    Column sxxCentred = col("trend_sxx").minus(col("trend_sx").multiply(col("trend_sx")).divide(n));
    Column sxyCentred = col("trend_sxy").minus(col("trend_sx").multiply(col("trend_sy")).divide(n));
    Column isBaselineUsable = col("year").geq(baselineYear);

    // Two select lists, not a withColumn each (every call re-analyses the whole plan so far): the previous year's
    // columns first, then everything else, some of which reads them. The final select fixes the column order.
    return withTrend
        .withColumns(RowChecks.columns(
            "prev_year", when(isPrevYear, col("last_obs.year")),
            "prev_value", when(isPrevYear, col("last_obs.value")),
            "prev_rank", when(isPrevYear, col("last_obs.rank")),
            "prev_n_ranked", when(isPrevYear, col("last_obs.n_ranked")),
            "prev_band_code", when(isPrevYear, col("last_obs.band_code"))))
        .withColumns(RowChecks.columns(
            "trend_years_used", col("trend_n").cast(DataTypes.IntegerType),
            "trend_slope", when(col("trend_n").geq(lit(2)), sxyCentred.divide(sxxCentred)),
            "improvement_streak",
            when(col("value").isNotNull(), col("valued_index").minus(col("streak_start"))),
            "is_method_break", coalesce(
                exists(col("break_years"),
                    b -> b.gt(col("last_obs.year")).and(b.leq(col("year")))),
                lit(false)),
            "band_change",
            RankBands.rankOfCodeIn(col(RankBands.CANDIDATES), col("year"), col("prev_band_code"))
                .minus(col("band_rank")),
            "is_prev_year_missing", col("prev_year").isNull(),
            "delta_value", col("value").minus(col("prev_value")),
            "delta_pct",
            when(col("value_type").equalTo(lit(VALUE_TYPE_LEVEL)).and(col("prev_value").notEqual(lit(0.0))),
                lit(100.0).multiply(col("value").minus(col("prev_value"))).divide(abs(col("prev_value")))),
            "rank_change", col("prev_rank").minus(col("rank")),
            "last_obs_year", col("last_obs.year"),
            "last_obs_value", col("last_obs.value"),
            "last_obs_rank", col("last_obs.rank"),
            "delta_value_since_last_obs", col("value").minus(col("last_obs.value")),
            "rank_change_since_last_obs", col("last_obs.rank").minus(col("rank")),
            "is_n_ranked_changed",
            coalesce(col("last_obs.n_ranked").notEqual(col("n_ranked")), lit(false)),
            "baseline_year", baselineYear,
            "delta_value_since_baseline",
            when(isBaselineUsable, col("value").minus(col("baseline.value"))),
            "rank_change_since_baseline",
            when(isBaselineUsable, col("baseline.rank").minus(col("rank"))),
            "is_method_break_since_baseline", when(isBaselineUsable, coalesce(
                exists(col("break_years"), b -> b.gt(baselineYear).and(b.leq(col("year")))), lit(false)))))
        .select(Rankings.declared(SCHEMA));
  }

  private static Column[] segmentColumns() {
    return Rankings.cols(SERIES, "method_start");
  }

  /** The declared column names, in order. */
  public static List<String> columnNames() {
    return Arrays.stream(SCHEMA.fields()).map(StructField::name).toList();
  }
}
