package vn.provincecompare.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where every input observation went: accepted into {@code indicator_values} or quarantined, never lost.
 *
 * @param input        observations the readers produced
 * @param accepted     of those, rows in {@code indicator_values}
 * @param quarantined  of those, rows in {@code quarantine}
 * @param derived      rows of {@code indicator_values} computed from other rows (not input)
 * @param conflicts    rows of {@code indicator_values} whose value or published rank disagrees with the preferred
 *                     source's ({@code value_status} {@code conflict} or {@code rank_conflict})
 * @param byCheck      quarantined rows per check name
 * @param byLevel      quarantined rows per level
 * @param failedByCheck rows failing each row check, counted per check whether or not it decided the row's reason
 */
public record Accounting(long input, long accepted, long quarantined, long derived, long conflicts,
    Map<String, Long> byCheck,
    Map<String, Long> byLevel,
    Map<String, Long> failedByCheck) {

  public boolean balances() {
    return input == accepted + quarantined;
  }

  /**
   * One aggregation over each table; the row checks' failures in one more pass, one {@code count_if} per check
   * (Deequ's model), so a row failing several checks counts for each.
   */
  public static Accounting tally(long input, Dataset<Row> checked, Dataset<Row> indicatorValues,
      java.util.List<String> rowCheckNames) {
    Map<String, Long> failedByCheck = new TreeMap<>();
    if (!rowCheckNames.isEmpty()) {
      org.apache.spark.sql.Column[] counts = rowCheckNames.stream()
          .map(n -> sum(when(org.apache.spark.sql.functions.array_contains(col("failed_checks"), n), 1L)
              .otherwise(0L)))
          .toArray(org.apache.spark.sql.Column[]::new);
      Row r = checked.agg(counts[0], java.util.Arrays.copyOfRange(counts, 1, counts.length)).first();
      for (int i = 0; i < rowCheckNames.size(); i++) {
        failedByCheck.put(rowCheckNames.get(i), r.isNullAt(i) ? 0L : r.getLong(i));
      }
    }
    Map<String, Long> byCheck = new TreeMap<>();
    Map<String, Long> byLevel = new TreeMap<>();
    long quarantined = 0;
    for (Row r : checked.filter(col("check_name").isNotNull()).groupBy(col("check_name"), col("level"))
        .agg(org.apache.spark.sql.functions.count(lit(1)).as("n")).collectAsList()) {
      byCheck.merge(r.getString(0), r.getLong(2), Long::sum);
      byLevel.merge(r.getString(1), r.getLong(2), Long::sum);
      quarantined += r.getLong(2);
    }
    Row iv = indicatorValues.agg(org.apache.spark.sql.functions.count(lit(1)),
        sum(when(col("source_id").equalTo("derived"), 1).otherwise(0)),
        sum(when(col("value_status").isin("conflict", "rank_conflict"), 1).otherwise(0))).first();
    long total = iv.getLong(0);
    long derived = iv.isNullAt(1) ? 0 : iv.getLong(1);
    long conflicts = iv.isNullAt(2) ? 0 : iv.getLong(2);
    return new Accounting(input, total - derived, quarantined, derived, conflicts, byCheck, byLevel,
        failedByCheck);
  }

  /** The lines printed at the end of an ingest. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("rows read:        %,d%n", input));
    s.append(String.format("accepted:         %,d%n", accepted));
    s.append(String.format("quarantined:      %,d  %s%n", quarantined, byLevel));
    byCheck.forEach((k, v) -> s.append(String.format("  %-24s %,d%n", k, v)));
    s.append(String.format("derived (sums):   %,d%n", derived));
    s.append(String.format("conflicting:      %,d (kept, value_status = conflict or rank_conflict)%n", conflicts));
    s.append(String.format("accounted for:    %s (read = accepted + quarantined)%n",
        balances() ? "yes" : "NO: " + (input - accepted - quarantined) + " rows missing"));
    return s.toString();
  }
}
