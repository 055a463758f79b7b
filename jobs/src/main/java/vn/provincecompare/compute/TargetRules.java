package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import vn.provincecompare.catalog.TargetKind;

/**
 * Each kind of target's rule ({@link TargetKind}, the catalog's list of kinds): its gap, percent of target and
 * projection test as column expressions. Every gap is signed so that {@code gap >= 0} means the target is met,
 * whatever the kind; the unit says what the number counts.
 *
 * <p>The column expressions read the working columns of {@link TargetGaps}: {@code latest_value},
 * {@code latest_rank}, {@code latest_band_rank}, {@code base_value}, {@code threshold},
 * {@code assessed_threshold}, {@code target_band_rank}, {@code sign} (+1 higher is better, -1 lower is better) and
 * {@code value_type} (the catalog's: a change of a {@code level} indicator, a count or an amount, is judged in
 * percent of the base value, as its targets are written: "at least 10% fewer units than in 2021"; a change of a
 * bounded score in points).
 */
final class TargetRules {
  /** The gap unit of a change of a level indicator: percentage points of change against the base value. */
  static final String PERCENT = "percent";

  private TargetRules() {}

  static Column isKind(TargetKind kind) {
    return col("kind").equalTo(lit(kind.code()));
  }

  /** What the gap counts: the kind's unit, but percent for a change of a level indicator. */
  static Column gapUnitOf(TargetKind kind) {
    return kind == TargetKind.CHANGE_AT_LEAST ? when(isLevel(), lit(PERCENT)).otherwise(lit(kind.gapUnit()))
        : lit(kind.gapUnit());
  }

  /** Signed distance to the target: positive = beyond it, negative = short of it. */
  static Column gap(TargetKind kind) {
    switch (kind) {
      case VALUE_AT_LEAST:
        return col("latest_value").minus(col("threshold"));
      case VALUE_AT_MOST:
        return col("threshold").minus(col("latest_value"));
      case RANK_AT_MOST:
        // Fewer places is better: top 20 and rank 26 leaves 20 - 26 = -6 places.
        return col("assessed_threshold").minus(col("latest_rank"));
      case BAND_AT_LEAST:
        return col("target_band_rank").minus(col("latest_band_rank"));
      case CHANGE_AT_LEAST:
        return improvement(col("latest_value")).minus(col("threshold"));
      default:
        throw new IllegalStateException("no gap for " + kind);
    }
  }

  /**
   * Percent of target achieved; above 100 always means better than the target. Only for value kinds, and
   * null where the divisor is zero (ANSI Spark would otherwise fail the whole job).
   */
  static Column pctOfTarget(TargetKind kind) {
    switch (kind) {
      case VALUE_AT_LEAST:
        return when(col("threshold").notEqual(0), col("latest_value").divide(col("threshold")).multiply(100));
      case VALUE_AT_MOST:
        // Lower is better: 100 plus the percent by which the value is under its ceiling, (2 x 15 - 12) x 100 / 15
        // = 120% for 12 days against 15. Linear like value_at_least, so a unit that reaches 0 is 200% (an
        // inverted ratio 15 / 12 has no value at 0); twice the ceiling or more is 0%, nothing achieved.
        Column underCeiling =
            col("threshold").multiply(2).minus(col("latest_value")).multiply(100).divide(col("threshold"));
        return when(col("threshold").notEqual(0), when(underCeiling.lt(0), lit(0.0)).otherwise(underCeiling));
      default:
        return lit(null).cast("double");
    }
  }

  /** Whether a projection reaches the target by the target year (null when there is no projection). */
  static Column projectionReaches(TargetKind kind) {
    switch (kind) {
      case VALUE_AT_LEAST:
        return col("projected_value").geq(col("threshold"));
      case VALUE_AT_MOST:
        return col("projected_value").leq(col("threshold"));
      case RANK_AT_MOST:
        return col("projected_rank").leq(col("assessed_threshold"));
      case BAND_AT_LEAST:
        return col("projected_band_rank").leq(col("target_band_rank"));
      case CHANGE_AT_LEAST:
        return improvement(col("projected_value")).geq(col("threshold"));
      default:
        throw new IllegalStateException("no projection test for " + kind);
    }
  }

  /**
   * Change since the base year, turned so that positive is an improvement whatever the direction: in points,
   * or for a level indicator in percent of the base value (300 units cut to 285 is (285 - 300) x -1 / 300 x 100
   * = 5%), null when the base is 0 (no percent of nothing).
   */
  private static Column improvement(Column value) {
    Column points = value.minus(col("base_value")).multiply(col("sign"));
    return when(isLevel(),
        when(col("base_value").notEqual(0), points.divide(abs(col("base_value"))).multiply(100)))
        .otherwise(points);
  }

  private static Column isLevel() {
    return coalesce(col("value_type").equalTo(lit(Changes.VALUE_TYPE_LEVEL)), lit(false));
  }

  /** {@code CASE kind WHEN ... } over every kind; unknown kinds give null. */
  static Column byKind(java.util.function.Function<TargetKind, Column> expression) {
    Column result = null;
    for (TargetKind kind : TargetKind.values()) {
      result = result == null ? when(isKind(kind), expression.apply(kind))
          : result.when(isKind(kind), expression.apply(kind));
    }
    return result;
  }

  /** True for the observations that can serve as a target's latest observation. */
  static Column hasMeasure(Column value, Column rank, Column bandRank) {
    return byKind(kind -> switch (kind.measure()) {
      case VALUE -> value.isNotNull();
      case RANK -> rank.isNotNull();
      case BAND -> bandRank.isNotNull();
    });
  }
}
