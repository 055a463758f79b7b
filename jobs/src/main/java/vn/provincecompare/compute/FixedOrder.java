package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Aggregates of doubles whose result does not depend on the order rows reach them. Spark's {@code avg} adds the
 * partial sums of a shuffle in the order the map outputs arrive, which varies between runs (and between a local
 * run and a cluster's), so the last binary digit of a mean, and every gap computed from it, flipped between two
 * runs of the same data: bin/test-cluster.sh found 11,027 rows of {@code peers} differing so.
 */
public final class FixedOrder {
  private FixedOrder() {}

  /**
   * The mean of the non-null values of {@code x} in a group, summed in ascending order; null for a group with no
   * value, as {@code avg}. For groups of tens of values (units of a frame), as every use here.
   */
  public static Column mean(Column x) {
    Column sorted = array_sort(collect_list(x));
    Column n = size(sorted);
    return when(n.gt(0), aggregate(sorted, lit(0.0d), (sum, v) -> sum.plus(v)).divide(n));
  }
}
