package vn.provincecompare.compute;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The kinds of target of {@code data/targets/targets.csv} and what each one measures. Every gap is signed so
 * that {@code gap >= 0} means the target is met, whatever the kind; the unit says what the number counts.
 *
 * <p>The column expressions read the working columns of {@link TargetGaps}: {@code latest_value},
 * {@code latest_rank}, {@code latest_band_rank}, {@code base_value}, {@code threshold},
 * {@code assessed_threshold}, {@code target_band_rank}, {@code sign} (+1 higher is better, -1 lower is better) and
 * {@code value_type} (the catalog's: a change of a {@code level} indicator, a count or an amount, is judged in
 * percent of the base value, as its targets are written: "at least 10% fewer units than in 2021"; a change of a
 * bounded score in points).
 */
enum TargetKind {
  VALUE_AT_LEAST("value_at_least", "points", Measure.VALUE),
  VALUE_AT_MOST("value_at_most", "points", Measure.VALUE),
  RANK_AT_MOST("rank_at_most", "places", Measure.RANK),
  BAND_AT_LEAST("band_at_least", "bands", Measure.BAND),
  CHANGE_AT_LEAST("change_at_least", "points", Measure.VALUE);

  /** The gap unit of a change of a level indicator: percentage points of change against the base value. */
  static final String PERCENT = "percent";

  /** What an observation must carry to count as the latest one for a target of this kind. */
  enum Measure { VALUE, RANK, BAND }

  final String code;
  final String gapUnit;
  final Measure measure;

  TargetKind(String code, String gapUnit, Measure measure) {
    this.code = code;
    this.gapUnit = gapUnit;
    this.measure = measure;
  }

  Column isKind() {
    return col("kind").equalTo(lit(code));
  }

  /** What the gap counts: {@link #gapUnit}, but percent for a change of a level indicator. */
  Column gapUnitOf() {
    return this == CHANGE_AT_LEAST ? when(isLevel(), lit(PERCENT)).otherwise(lit(gapUnit)) : lit(gapUnit);
  }

  /** Signed distance to the target: positive = beyond it, negative = short of it. */
  Column gap() {
    switch (this) {
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
        throw new IllegalStateException("no gap for " + this);
    }
  }

  /**
   * Percent of target achieved; above 100 always means better than the target. Only for value kinds, and
   * null where the divisor is zero (ANSI Spark would otherwise fail the whole job).
   */
  Column pctOfTarget() {
    switch (this) {
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
  Column projectionReaches() {
    switch (this) {
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
        throw new IllegalStateException("no projection test for " + this);
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
    for (TargetKind kind : values()) {
      result = result == null ? when(kind.isKind(), expression.apply(kind))
          : result.when(kind.isKind(), expression.apply(kind));
    }
    return result;
  }

  /** True for the observations that can serve as a target's latest observation. */
  static Column hasMeasure(Column value, Column rank, Column bandRank) {
    return byKind(kind -> switch (kind.measure) {
      case VALUE -> value.isNotNull();
      case RANK -> rank.isNotNull();
      case BAND -> bandRank.isNotNull();
    });
  }
}
