package vn.provincecompare.validate;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;

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
   * What the write of {@code indicator_values} counts in its own pass (observed metrics: no job of its own): its
   * rows, derived rows and conflicting rows.
   */
  public static Column[] indicatorValuesMetrics() {
    return indicatorValuesMetrics(col("source_id").equalTo("derived"));
  }

  /** As above, with {@code derived} saying which rows were computed in this run rather than read. */
  public static Column[] indicatorValuesMetrics(Column derived) {
    return new Column[] {count(lit(1)).as("iv_rows"), count_if(derived).as("iv_derived"),
        count_if(col("value_status").isin("conflict", "rank_conflict")).as("iv_conflicts")};
  }

  /**
   * What the write of {@code quarantine} counts in its own pass: its rows, its rows per deciding check, and per row
   * check every row that fails it (one {@code count_if} per check, Deequ's model: a row failing several checks
   * counts for each; a row failing any check is a quarantined row, so the quarantine's pass sees them all).
   */
  public static Column[] quarantineMetrics(Collection<String> checkNames, Collection<String> rowCheckNames) {
    List<Column> metrics = new ArrayList<>();
    metrics.add(count(lit(1)).as("q_rows"));
    for (String name : checkNames) {
      metrics.add(count_if(col("check_name").equalTo(name)).as("q_check_" + name));
    }
    for (String name : rowCheckNames) {
      metrics.add(count_if(array_contains(col("failed_checks"), name)).as("q_fails_" + name));
    }
    return metrics.toArray(Column[]::new);
  }

  /**
   * The accounting from the two writes' observed metrics; {@code checkLevels} gives each check's level (a check
   * quarantines at one level). Checks and levels with no row are left out, as a grouping would leave them out.
   */
  public static Accounting observed(long input, Map<String, Object> indicatorValues, Map<String, Object> quarantine,
      Map<String, String> checkLevels, Collection<String> rowCheckNames) {
    Map<String, Long> byCheck = new TreeMap<>();
    Map<String, Long> byLevel = new TreeMap<>();
    checkLevels.forEach((name, level) -> {
      long n = number(quarantine, "q_check_" + name);
      if (n > 0) {
        byCheck.merge(name, n, Long::sum);
        byLevel.merge(level, n, Long::sum);
      }
    });
    long total = number(indicatorValues, "iv_rows");
    long derived = number(indicatorValues, "iv_derived");
    Map<String, Long> failedByCheck = new TreeMap<>();
    rowCheckNames.forEach(name -> failedByCheck.put(name, number(quarantine, "q_fails_" + name)));
    return new Accounting(input, total - derived, number(quarantine, "q_rows"), derived,
        number(indicatorValues, "iv_conflicts"), byCheck, byLevel, failedByCheck);
  }

  private static long number(Map<String, Object> metrics, String name) {
    // Spark drops the observing node from a plan it proves empty (adaptive execution's empty-relation rule), and
    // the observation then holds no metric at all: no row passed. A partial set would be a bug, and fails below.
    if (metrics.isEmpty()) {
      return 0;
    }
    Object v = metrics.get(name);
    if (v == null) {
      throw new IllegalStateException("the write did not observe " + name + " (observed: " + metrics.keySet() + ")");
    }
    return ((Number) v).longValue();
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
