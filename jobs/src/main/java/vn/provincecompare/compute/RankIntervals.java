package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The range of ranks a unit could hold given the published 95% confidence intervals of the scores: the
 * league-table method of Goldstein and Spiegelhalter ("League tables and their limitations", J. R. Statist. Soc. A
 * 159(3), 1996, 385-443) in its simplest, interval-overlap form, as UNDP's PAPI portal draws it.
 *
 * <ul>
 *   <li>{@code rank_low} (the best rank the intervals allow) = 1 + the number of units whose interval lies
 *       entirely on the better side of this unit's;
 *   <li>{@code rank_high} (the worst) = n - the number whose interval lies entirely on the worse side;
 *   <li>{@code n_statistically_tied} = the other units whose interval overlaps this unit's
 *       ({@code n - 1 - above - below}).
 * </ul>
 *
 * <p>n counts the units of the ranking that publish an interval: a unit without one can neither be placed
 * above nor below anyone, so it is left out rather than guessed. Intervals that only touch count as overlapping
 * (strict inequalities): the published bounds are rounded, and a touch is no evidence of a difference.
 *
 * <p>A separate pure transform, not a part of {@link Rankings}, so that the ranking's own column list can change
 * without this (and the other way round).
 */
public final class RankIntervals {

  private RankIntervals() {
  }

  /**
   * {@code ranked} plus {@code rank_low}, {@code rank_high} (integers) and {@code n_statistically_tied} (integer),
   * null where the row has no interval or no known direction.
   *
   * @param ranked  one row per unit of a ranking, with the columns of {@code rankingKeys}, {@code unit_code},
   *                {@code direction} (higher_is_better / lower_is_better) and {@code value_low},
   *                {@code value_high} (the published bounds, null where not published)
   * @param rankingKeys the columns that name one ranking (e.g. unit_frame, indicator_code, year)
   */
  public static Dataset<Row> withRankIntervals(Dataset<Row> ranked, List<String> rankingKeys) {
    // Bounds turned so that larger is better whatever the direction: for lower_is_better the interval
    // [low, high] becomes [-high, -low]; negation is exact, so no bound moves.
    Column sign = RankDirection.betterSign(col("direction"));
    Column goodLow = when(sign.equalTo(lit(1)), col("value_low")).otherwise(col("value_high").multiply(-1));
    Column goodHigh = when(sign.equalTo(lit(1)), col("value_high")).otherwise(col("value_low").multiply(-1));

    List<Column> keyed = new ArrayList<>();
    for (String key : rankingKeys) {
      keyed.add(col(key));
    }
    keyed.add(col("unit_code"));
    keyed.add(goodLow.as("good_low"));
    keyed.add(goodHigh.as("good_high"));
    Dataset<Row> withInterval = ranked
        .filter(col("value_low").isNotNull().and(col("value_high").isNotNull()).and(sign.isNotNull()))
        .select(keyed.toArray(Column[]::new));

    Dataset<Row> self = withInterval.alias("self");
    Dataset<Row> other = withInterval.alias("other");
    // No keys is one ranking of everything: every pair compares.
    Column sameRanking = lit(true);
    for (String key : rankingKeys) {
      Column eq = col("self." + key).equalTo(col("other." + key));
      sameRanking = sameRanking.and(eq);
    }
    Column above = col("other.good_low").gt(col("self.good_high"));
    Column below = col("other.good_high").lt(col("self.good_low"));

    List<Column> groupBy = new ArrayList<>();
    for (String key : rankingKeys) {
      groupBy.add(col("self." + key).as(key));
    }
    groupBy.add(col("self.unit_code").as("unit_code"));
    // The self-pair is kept: it is counted in n and is never above or below itself.
    Dataset<Row> counts = self.join(other, sameRanking)
        .groupBy(groupBy.toArray(Column[]::new))
        .agg(count(lit(1)).as("n_with_interval"),
            sum(when(above, 1).otherwise(0)).as("n_above"),
            sum(when(below, 1).otherwise(0)).as("n_below"))
        .select(col("*"),
            lit(1).plus(col("n_above")).cast("int").as("rank_low"),
            col("n_with_interval").minus(col("n_below")).cast("int").as("rank_high"),
            col("n_with_interval").minus(col("n_above")).minus(col("n_below")).minus(1).cast("int")
                .as("n_statistically_tied"))
        .drop("n_with_interval", "n_above", "n_below");

    List<String> joinKeys = new ArrayList<>(rankingKeys);
    joinKeys.add("unit_code");
    return ranked.join(counts, scala.jdk.javaapi.CollectionConverters.asScala(joinKeys).toSeq(), "left");
  }
}
