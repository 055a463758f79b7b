package vn.provincecompare.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What would move a unit's rank on a composite that is the unweighted sum of its sub-indices (the catalog's
 * {@code derivation = sum_of_children}, e.g. PAPI's unweighted total = the sum of its dimensions): for one
 * sub-index at a time, everything else held, the points that bring the unit up to the median or to the leader of
 * that sub-index's ranking, and the places the composite rank would gain.
 *
 * <p>Only the unweighted sum is handled: a weighted composite needs its weights, and where the catalog does not
 * publish them this gives no answer rather than a guess. Higher is better for the composite and its sub-indices
 * (as for PAPI); the composite rank is the competition rank (1 + the units strictly better), as in
 * {@link Rankings}, so reaching another unit's total ties it. The median is the interpolated one
 * (the mean of the two middle values for an even count), as Spark's {@code median} gives {@code national_median}.
 */
public final class RankLeverage {

  /** The two targets a sub-index is moved to. */
  public enum Target { MEDIAN, LEADER }

  /**
   * One answer.
   *
   * @param subIndex     the sub-index moved
   * @param target       moved to its median or to its leader
   * @param pointsNeeded points of the sub-index needed (0 when the unit is already there)
   * @param rankNow      the composite rank now
   * @param rankAfter    the composite rank after the move
   * @param placesGained {@code rankNow - rankAfter}
   */
  public record Leverage(String subIndex, Target target, double pointsNeeded, int rankNow, int rankAfter,
      int placesGained) {
  }

  private RankLeverage() {
  }

  /**
   * @param subIndices the sub-index codes, in the order of the value arrays
   * @param values     per unit, its sub-index values (none missing: a unit missing one has no sum to move)
   * @param focalUnit  the unit asked about
   */
  public static List<Leverage> forUnit(List<String> subIndices, Map<String, double[]> values, String focalUnit) {
    double[] focal = values.get(focalUnit);
    if (focal == null) {
      throw new IllegalArgumentException("no sub-index values for unit " + focalUnit);
    }
    double focalTotal = total(focal);
    int rankNow = rankOf(focalTotal, values, focalUnit);
    List<Leverage> out = new ArrayList<>();
    for (int d = 0; d < subIndices.size(); d++) {
      final int dim = d;
      double[] column = values.values().stream().mapToDouble(v -> v[dim]).sorted().toArray();
      int n = column.length;
      double median = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
      double leader = column[n - 1];
      for (Target target : Target.values()) {
        double goal = target == Target.MEDIAN ? median : leader;
        double points = Math.max(0, goal - focal[d]);
        int rankAfter = rankOf(rounded(focalTotal + points), values, focalUnit);
        out.add(new Leverage(subIndices.get(d), target, points, rankNow, rankAfter, rankNow - rankAfter));
      }
    }
    return out;
  }

  // Sums rounded to 10 decimals, as the pipeline's derived sums are, so that a total moved up to another's
  // ties it instead of falling short by floating-point error.
  private static double total(double[] subIndexValues) {
    return rounded(Arrays.stream(subIndexValues).sum());
  }

  private static double rounded(double value) {
    return java.math.BigDecimal.valueOf(value).setScale(10, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  // 1 + the other units whose (unchanged) total is strictly larger.
  private static int rankOf(double total, Map<String, double[]> values, String focalUnit) {
    int better = 0;
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      if (!e.getKey().equals(focalUnit) && total(e.getValue()) > total) {
        better++;
      }
    }
    return 1 + better;
  }
}
