package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.reverse;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
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
      .add("trend_slope", DataTypes.DoubleType)
      .add("trend_years_used", DataTypes.IntegerType)
      .add("improvement_streak", DataTypes.IntegerType)
      .add("first_year_in_top_n", DataTypes.IntegerType);

  // A series: one unit's values of one indicator over the years, never across frames.
  private static final List<String> SERIES = List.of("unit_frame", "unit_code", "indicator_code");

  private Changes() {
  }

  /**
   * One row per {@code rankings} row. A year is "observed" when it has a value or a rank.
   *
   * <ul>
   *   <li>prev_*: the row of exactly {@code year - 1}, joined on that key, and only if observed; a gap year
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
   *   <li>first_year_in_top_n: the earliest year up to this one with rank &lt;= topN, in the same frame.
   * </ul>
   */
  public static Dataset<Row> withYearOverYear(ComputeSettings settings, Dataset<Row> indicators,
      Dataset<Row> bands, Dataset<Row> methodBreaks, Dataset<Row> rankings) {
    Dataset<Row> breaksByIndicator = methodBreaks
        .groupBy(col("indicator_code"))
        .agg(array_sort(collect_list(col("break_year").cast(DataTypes.IntegerType))).as("break_years"));
    Dataset<Row> indicatorInfo = indicators
        .select(col("indicator_code"), col("value_type"))
        .join(RankBands.candidatesByIndicator(bands), Rankings.seq("indicator_code"), "left")
        .join(breaksByIndicator, Rankings.seq("indicator_code"), "left");

    Dataset<Row> current = rankings
        .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"), col("value"),
            col("rank"), col("n_ranked"), col("band_code"), col("band_rank"), col("direction"))
        .withColumn("is_observed", col("value").isNotNull().or(col("rank").isNotNull()));

    WindowSpec series = Window.partitionBy(Rankings.cols(SERIES)).orderBy(col("year").asc_nulls_last());
    WindowSpec before = series.rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec upToNow = series.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec whole = series.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());

    Column baselineYear = lit(settings.baselineYear()).cast(DataTypes.IntegerType);
    Column baseline = settings.baselineYear() == null
        ? lit(null).cast("struct<value:double,rank:int>")
        : first(when(col("year").equalTo(baselineYear).and(col("is_observed")),
            struct(col("value"), col("rank"))), true).over(whole);

    // One select, so the history columns share one window operator over one shuffle by series.
    Dataset<Row> withHistory = current.select(col("*"),
        last(when(col("is_observed"), struct(col("year"), col("value"), col("rank"), col("n_ranked"))), true)
            .over(before).as("last_obs"),
        // Sorted explicitly: the order of collect_list over a window frame is an implementation detail.
        array_sort(collect_list(when(col("value").isNotNull(), struct(col("year"), col("value"))))
            .over(upToNow)).as("valued_history"),
        min(when(col("rank").leq(lit(settings.topN())), col("year"))).over(upToNow).as("first_year_in_top_n"),
        baseline.as("baseline"));

    // The previous year is joined on exactly year - 1: a lag would pick an older year across a gap.
    Dataset<Row> c = withHistory.as("c");
    Dataset<Row> p = current.filter(col("is_observed")).as("p");
    Column previousYear = col("c.unit_frame").equalTo(col("p.unit_frame"))
        .and(col("c.unit_code").equalTo(col("p.unit_code")))
        .and(col("c.indicator_code").equalTo(col("p.indicator_code")))
        .and(col("p.year").equalTo(col("c.year").minus(lit(1))));

    Dataset<Row> withPrevious = c
        .join(p, previousYear, "left_outer")
        .select(col("c.*"),
            col("p.year").as("prev_year"),
            col("p.value").as("prev_value"),
            col("p.rank").as("prev_rank"),
            col("p.n_ranked").as("prev_n_ranked"),
            col("p.band_code").as("prev_band_code"))
        .join(broadcast(indicatorInfo), Rankings.seq("indicator_code"), "left");

    Column methodStart = array_max(filter(col("break_years"), b -> b.leq(col("year"))));
    Column sameMethod = filter(col("valued_history"),
        h -> methodStart.isNull().or(h.getField("year").geq(methodStart)));
    Column betterSign = RankDirection.betterSign(col("direction"));
    Column isBaselineUsable = col("year").geq(baselineYear);

    Dataset<Row> result = withPrevious
        .withColumn("same_method", sameMethod)
        .withColumn("trend_points", lastN(col("same_method"), settings.trendYears()))
        .withColumn("trend_years_used", size(col("trend_points")))
        .withColumn("trend_slope", olsSlope(col("trend_points")))
        .withColumn("improvement_streak",
            when(col("value").isNotNull(), improvementStreak(col("same_method"), betterSign)))
        .withColumn("is_method_break", coalesce(
            exists(col("break_years"),
                b -> b.gt(col("last_obs.year")).and(b.leq(col("year")))),
            lit(false)))
        .withColumn("band_change",
            RankBands.rankOfCodeIn(col(RankBands.CANDIDATES), col("year"), col("prev_band_code"))
                .minus(col("band_rank")));

    return result
        .withColumn("is_prev_year_missing", col("prev_year").isNull())
        .withColumn("delta_value", col("value").minus(col("prev_value")))
        .withColumn("delta_pct",
            when(col("value_type").equalTo(lit(VALUE_TYPE_LEVEL)).and(col("prev_value").notEqual(lit(0.0))),
                lit(100.0).multiply(col("value").minus(col("prev_value"))).divide(abs(col("prev_value")))))
        .withColumn("rank_change", col("prev_rank").minus(col("rank")))
        .withColumn("last_obs_year", col("last_obs.year"))
        .withColumn("last_obs_value", col("last_obs.value"))
        .withColumn("last_obs_rank", col("last_obs.rank"))
        .withColumn("delta_value_since_last_obs", col("value").minus(col("last_obs.value")))
        .withColumn("rank_change_since_last_obs", col("last_obs.rank").minus(col("rank")))
        .withColumn("is_n_ranked_changed",
            coalesce(col("last_obs.n_ranked").notEqual(col("n_ranked")), lit(false)))
        .withColumn("baseline_year", baselineYear)
        .withColumn("delta_value_since_baseline",
            when(isBaselineUsable, col("value").minus(col("baseline.value"))))
        .withColumn("rank_change_since_baseline",
            when(isBaselineUsable, col("baseline.rank").minus(col("rank"))))
        .select(Rankings.declared(SCHEMA));
  }

  /** The declared column names, in order. */
  public static List<String> columnNames() {
    return Arrays.stream(SCHEMA.fields()).map(StructField::name).toList();
  }

  /** The last {@code n} elements of a year-sorted array (all of them when it is shorter). */
  private static Column lastN(Column points, int n) {
    return slice(points, greatest(size(points).minus(lit(n - 1)), lit(1)), lit(n));
  }

  /**
   * Least-squares slope of value on year over (year, value) points, centred on the means so that squaring
   * years around 2020 loses no precision; null with fewer than two points.
   */
  private static Column olsSlope(Column points) {
    Column n = size(points).cast(DataTypes.DoubleType);
    Column meanYear = aggregate(points, lit(0.0),
        (acc, pt) -> acc.plus(pt.getField("year").cast(DataTypes.DoubleType))).divide(n);
    Column meanValue = aggregate(points, lit(0.0), (acc, pt) -> acc.plus(pt.getField("value"))).divide(n);
    Column sxy = aggregate(points, lit(0.0), (acc, pt) -> acc.plus(
        pt.getField("year").cast(DataTypes.DoubleType).minus(meanYear)
            .multiply(pt.getField("value").minus(meanValue))));
    Column sxx = aggregate(points, lit(0.0), (acc, pt) -> acc.plus(
        pt.getField("year").cast(DataTypes.DoubleType).minus(meanYear)
            .multiply(pt.getField("year").cast(DataTypes.DoubleType).minus(meanYear))));
    return when(size(points).geq(lit(2)), sxy.divide(sxx));
  }

  /**
   * How many successive points, ending at the last one, each beat the point before (value difference times
   * the better-sign &gt; 0). Walks the array from the newest point back and stops at the first that did not.
   */
  private static Column improvementStreak(Column points, Column betterSign) {
    Column newestFirst = reverse(points);
    Column pairs = greatest(size(newestFirst).minus(lit(1)), lit(0));
    // Element i (0-based) of the slice is point i+1 (1-based) of newestFirst; the one before it in time is
    // point i+2, which exists because the slice stops one short of the end.
    Column improved = transform(slice(newestFirst, lit(1), pairs), (pt, i) -> coalesce(
        pt.getField("value").minus(element_at(newestFirst, i.plus(lit(2))).getField("value"))
            .multiply(betterSign).gt(lit(0)),
        lit(false)));
    Column firstFailure = array_position(improved, false);
    return when(firstFailure.equalTo(lit(0)), size(improved)).otherwise(firstFailure.minus(lit(1)));
  }
}
