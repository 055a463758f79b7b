package vn.provincecompare.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** {@code dq_results}: one row per check, with its level, status and failed count (Deequ's check results). */
public final class QualityReport {
  private QualityReport() {}

  /** The checks that run after the row checks, in the order they are reported: name, level, description. */
  public static final List<String[]> SET_CHECKS = List.of(
      new String[] {"DUPLICATE_ROW", "warning", "a (unit, indicator, year) appears once per source"},
      new String[] {"DUPLICATE_CONFLICT", "error", "repeats of a key within a source agree"});

  /** An info-level check only notes rows (expected blanks); error and warning checks fail. */
  static String status(String level, long failed) {
    if (failed == 0) {
      return "passed";
    }
    return "info".equals(level) ? "noted" : "failed";
  }

  public static Dataset<Row> dqResults(SparkSession spark, List<Check> checks, Accounting accounting) {
    List<Row> rows = new ArrayList<>();
    // Row checks: every row that fails the check, also when another check decided its reason (issue 13.6).
    for (Check c : checks) {
      long failed = accounting.failedByCheck().getOrDefault(c.name(), 0L);
      rows.add(RowFactory.create(c.name(), c.level(), status(c.level(), failed), failed, c.description()));
    }
    for (String[] c : SET_CHECKS) {
      long failed = accounting.byCheck().getOrDefault(c[0], 0L);
      rows.add(RowFactory.create(c[0], c[1], status(c[1], failed), failed, c[2]));
    }
    rows.add(RowFactory.create("CONFLICTING_SOURCES", "warning", status("warning", accounting.conflicts()),
        accounting.conflicts(), "sources that hold the same (unit, indicator, year) agree within the precision "
            + "they publish; disagreeing rows stay in indicator_values with value_status = conflict (value) or "
            + "rank_conflict (published rank)"));
    long missing = accounting.input() - accounting.accepted() - accounting.quarantined();
    rows.add(RowFactory.create("ROW_ACCOUNTING", "fatal", missing == 0 ? "passed" : "failed", Math.abs(missing),
        "every input row is accepted or quarantined (read " + accounting.input() + " = accepted "
            + accounting.accepted() + " + quarantined " + accounting.quarantined() + ")"));
    return spark.createDataFrame(rows, ValidateTables.DQ_RESULTS);
  }
}
