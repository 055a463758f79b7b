package vn.provincecompare.validate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * From checked rows to the canonical {@code indicator_values}: duplicates within a source, the preferred source
 * of each key, conflicts between sources, and parents derived from their children. Nothing is resolved silently:
 * a duplicate that disagrees is quarantined whole, and a source that disagrees with the preferred one stays in
 * the table with {@code value_status = conflict} (its value) or {@code rank_conflict} (its published rank).
 */
public final class Consolidation {
  private Consolidation() {}

  /** value_status of a row whose published rank or n lost to the rank of a better-priority source. */
  public static final String RANK_CONFLICT = "rank_conflict";

  /** The key of an observation, without its source. */
  static final String[] KEY = {"unit_frame", "unit_code", "indicator_code", "year"};

  /** Columns of a candidate observation (accepted or derived) before preference is decided. */
  public static final String[] CANDIDATE_COLUMNS = {
      "unit_frame", "unit_code", "indicator_code", "year", "value", "published_rank", "published_n", "source_id",
      "source_file", "line", "source_priority", "value_tolerance", "is_derived", "obs_id"};

  private static Column[] cols(String... names) {
    return java.util.Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /**
   * Rows that passed the row checks but repeat a key within their source: an exact repeat (same value and rank)
   * keeps its first line and quarantines the others as {@code DUPLICATE_ROW}; repeats that disagree are all
   * quarantined as {@code DUPLICATE_CONFLICT}, since no rule could say which one the source meant.
   */
  public static Dataset<Row> markDuplicates(Dataset<Row> checked) {
    WindowSpec bySourceKey = Window.partitionBy(col("unit_frame"), col("unit_code"), col("indicator_code"),
        col("year"), col("source_id"));
    WindowSpec ordered = bySourceKey.orderBy(col("line").asc_nulls_last(), col("obs_id").asc());
    Column passed = col("reason_code").isNull();
    Column n = count(lit(1)).over(bySourceKey);
    Column agree = min(col("value")).over(bySourceKey).eqNullSafe(max(col("value")).over(bySourceKey))
        .and(count(col("value")).over(bySourceKey).equalTo(n).or(count(col("value")).over(bySourceKey).equalTo(0)))
        .and(min(col("published_rank")).over(bySourceKey).eqNullSafe(max(col("published_rank")).over(bySourceKey)));
    Column firstLine = min(col("line")).over(bySourceKey);
    Column rn = row_number().over(ordered);
    Column isRepeat = passed.and(n.gt(1)).and(agree).and(rn.gt(1));
    Column isConflict = passed.and(n.gt(1)).and(agree.unary_$bang());
    Column keyText = org.apache.spark.sql.functions.concat_ws(" ", col("unit_frame"), col("unit_code"),
        col("indicator_code"), col("year").cast("string"));
    // Two select lists (the window columns, then the verdict that reads them), not a withColumn each: every call
    // re-analyses the whole plan so far.
    return checked
        .withColumns(RowChecks.columns(
            "dup_n", n,
            "dup_first_line", firstLine,
            "dup_is_repeat", isRepeat,
            "dup_is_conflict", isConflict))
        .withColumns(RowChecks.columns(
            "check_name", when(col("dup_is_repeat"), lit("DUPLICATE_ROW"))
                .when(col("dup_is_conflict"), lit("DUPLICATE_CONFLICT")).otherwise(col("check_name")),
            "reason_code", when(col("dup_is_repeat"), lit("DUPLICATE_ROW"))
                .when(col("dup_is_conflict"), lit("DUPLICATE_CONFLICT")).otherwise(col("reason_code")),
            "level", when(col("dup_is_repeat"), lit("warning"))
                .when(col("dup_is_conflict"), lit("error")).otherwise(col("level")),
            "message", when(col("dup_is_repeat"), org.apache.spark.sql.functions.concat(
                    lit("repeats line "), col("dup_first_line").cast("string"), lit(" of the same source for "),
                    keyText, lit(" with the same value; the first is kept")))
                .when(col("dup_is_conflict"), org.apache.spark.sql.functions.concat(lit("the source gives "),
                    col("dup_n").cast("string"), lit(" different values for "), keyText,
                    lit("; none is used until the source is corrected")))
                .otherwise(col("message"))))
        .select(cols(RowChecks.CHECKED_COLUMNS));
  }

  /** Accepted rows (no reason) as candidates. */
  public static Dataset<Row> candidates(Dataset<Row> checked) {
    return checked.filter(col("reason_code").isNull())
        .withColumn("is_derived", lit(false))
        .select(cols(CANDIDATE_COLUMNS));
  }

  /**
   * Orders the candidates of each key: a row with a value before one with only a rank, then the best priority,
   * a reported value before a derived one, then source id and line (so the choice is the same on every run).
   */
  static WindowSpec preferenceOrder() {
    return Window.partitionBy(cols(KEY)).orderBy(col("value").isNull().asc(), col("source_priority").asc(),
        col("is_derived").asc(), col("source_id").asc(), col("line").asc_nulls_last(), col("obs_id").asc());
  }

  /**
   * Sums of children for the parents named in {@code parentCodes} (all of one derivation level), from the
   * preferred candidates. A parent is derived for a unit and year only when the unit has every child that any
   * unit has that year (PAPI's SC52 stops in 2021, SC83 starts in 2019: the expected set follows the data,
   * never a partial row). Children are summed in code order so that the last floating-point digit, and so
   * ties, are the same on every run, and the sum is rounded to {@link #DERIVED_SUM_DECIMALS} so that sums equal in
   * decimal tie whatever their children. A derived value's priority is its worst child's.
   */
  /**
   * Decimals a derived sum keeps. Far finer than any source's precision (published tables print 2-4 decimals; the
   * PAPI panel's float-derived values carry about 7 significant digits), far coarser than the error of adding a
   * handful of doubles (about 1e-14 here): two sums equal in decimal, such as (0.1 + 0.2) + 0.3 and (0.3 + 0.2) +
   * 0.1, come out equal and tie, instead of being ranked apart by their last binary digit.
   */
  static final int DERIVED_SUM_DECIMALS = 10;

  public static Dataset<Row> deriveSums(List<String> parentCodes, Dataset<Row> indicators, Dataset<Row> candidates) {
    if (parentCodes.isEmpty()) {
      return candidates.limit(0);
    }
    Dataset<Row> links = indicators
        .filter(col("parent_code").isin(parentCodes.toArray()))
        .select(col("indicator_code").as("child_code"), col("parent_code"));
    Dataset<Row> preferredChildren = candidates
        .withColumn("pref_rn", row_number().over(preferenceOrder()))
        .filter(col("pref_rn").equalTo(1).and(col("value").isNotNull()))
        .join(links, col("indicator_code").equalTo(col("child_code")), "inner");
    Dataset<Row> expected = preferredChildren
        .groupBy(col("unit_frame").as("e_frame"), col("parent_code").as("e_parent"), col("year").as("e_year"))
        .agg(countDistinct(col("child_code")).as("expected_children"));
    Dataset<Row> sums = preferredChildren
        .groupBy(col("unit_frame"), col("unit_code"), col("parent_code"), col("year"))
        .agg(count(lit(1)).as("present_children"),
            org.apache.spark.sql.functions.round(expr("aggregate(array_sort(collect_list(struct(child_code, "
                + "value))), cast(0 as double), (acc, c) -> acc + c.value)"), DERIVED_SUM_DECIMALS).as("value"),
            max(col("source_priority")).as("source_priority"));
    return sums
        .join(expected, col("unit_frame").equalTo(col("e_frame")).and(col("parent_code").equalTo(col("e_parent")))
            .and(col("year").equalTo(col("e_year"))), "inner")
        .filter(col("present_children").equalTo(col("expected_children")))
        .select(col("unit_frame"), col("unit_code"), col("parent_code").as("indicator_code"), col("year"),
            col("value"), lit(null).cast(DataTypes.IntegerType).as("published_rank"),
            lit(null).cast(DataTypes.IntegerType).as("published_n"), lit("derived").as("source_id"),
            lit(null).cast(DataTypes.StringType).as("source_file"),
            lit(null).cast(DataTypes.IntegerType).as("line"), col("source_priority"),
            lit(1e-4).as("value_tolerance"), lit(true).as("is_derived"),
            lit(null).cast(DataTypes.LongType).as("obs_id"));
  }

  /**
   * Orders the published ranks of each key as values are ordered: a row with a rank first, then the best
   * priority, then source id and line. The preferred value's source may publish no rank (UNDP's PAPI sheets
   * print scores only); the rank then comes from the best-priority source that publishes one, never from
   * whichever source id sorts first (a low-trust news page over the province's own published facts).
   */
  static WindowSpec rankPreferenceOrder() {
    return Window.partitionBy(cols(KEY)).orderBy(col("published_rank").isNull().asc(),
        col("source_priority").asc(), col("is_derived").asc(), col("source_id").asc(), col("line").asc_nulls_last(),
        col("obs_id").asc());
  }

  /**
   * The canonical table: every candidate, the preferred one of each key marked, each row that disagrees with
   * the preferred value beyond both rows' tolerance marked {@code conflict}, and each row whose published rank
   * (or n) differs from the preferred rank marked {@code rank_conflict}, whatever its value: compute takes the
   * published rank from a row that is not a rank conflict, so the losing rank stays visible and is never used.
   */
  public static Dataset<Row> toIndicatorValues(Dataset<Row> candidates) {
    WindowSpec order = preferenceOrder();
    WindowSpec wholeKey = order.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    WindowSpec wholeKeyByRank = rankPreferenceOrder()
        .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column rn = row_number().over(order);
    // The first row of the order is the preferred one; when it has a value, every value row is judged against it.
    Column preferredValue = first(col("value"), true).over(wholeKey);
    Column preferredTolerance = first(when(col("value").isNotNull(), col("value_tolerance")), true).over(wholeKey);
    Column preferredRank = first(when(col("published_rank").isNotNull(),
        struct(col("published_rank").as("rank"), col("published_n").as("n"))), true).over(wholeKeyByRank);
    Column isConflict = col("value").isNotNull().and(col("pref_value").isNotNull())
        .and(abs(col("value").minus(col("pref_value"))).gt(col("value_tolerance").plus(col("pref_tol"))));
    Column isRankConflict = col("published_rank").isNotNull()
        .and(not(col("published_rank").equalTo(col("pref_rank.rank"))
            .and(col("published_n").eqNullSafe(col("pref_rank.n")))));
    return candidates
        .withColumns(RowChecks.columns(
            "pref_rn", rn,
            "pref_value", preferredValue,
            "pref_tol", preferredTolerance,
            "pref_rank", preferredRank))
        .withColumns(RowChecks.columns(
            "value_status", when(isRankConflict, lit(RANK_CONFLICT)).when(isConflict, lit("conflict"))
                .when(col("is_derived"), lit("derived"))
                .when(col("value").isNull(), lit("rank_only"))
                .otherwise(lit("reported")),
            "is_preferred", col("pref_rn").equalTo(1)))
        .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"), col("value"),
            col("published_rank"), col("published_n"), col("source_id"), col("source_file"),
            col("line").as("source_line"), col("value_status"), col("is_preferred"));
  }
}
