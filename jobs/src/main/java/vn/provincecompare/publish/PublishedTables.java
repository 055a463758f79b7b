package vn.provincecompare.publish;

import java.util.List;
import org.apache.spark.sql.types.StructType;
import vn.provincecompare.compute.BoundaryChanges;
import vn.provincecompare.compute.Changes;
import vn.provincecompare.compute.Peers;
import vn.provincecompare.compute.PredecessorHistory;
import vn.provincecompare.compute.Rankings;
import vn.provincecompare.compute.Scorecards;
import vn.provincecompare.compute.TargetGaps;
import vn.provincecompare.validate.ValidateTables;

/**
 * The tables a run publishes: their schemas (declared once, in the stage that produces them), the keys they are
 * sorted by, and their schema versions. A schema version changes when a column is renamed, removed or retyped
 * (adding a column keeps it). docs/tables.md documents every column; a test keeps the two in step.
 */
public final class PublishedTables {
  private PublishedTables() {}

  /** One published table. */
  public record Table(String name, int schemaVersion, StructType schema, String... sortKeys) {}

  public static final Table INDICATOR_VALUES = new Table("indicator_values", 1, ValidateTables.INDICATOR_VALUES,
      "unit_frame", "indicator_code", "year", "unit_code", "source_id", "source_file", "source_line");
  public static final Table QUARANTINE = new Table("quarantine", 1, ValidateTables.QUARANTINE,
      "source_id", "source_file", "line", "field", "reason_code");
  public static final Table DQ_RESULTS = new Table("dq_results", 1, ValidateTables.DQ_RESULTS, "check_name");
  public static final Table RANKINGS = new Table("rankings", 1, Rankings.SCHEMA,
      "unit_frame", "indicator_code", "year", "unit_code");
  public static final Table CHANGES = new Table("changes", 1, Changes.SCHEMA,
      "unit_frame", "indicator_code", "year", "unit_code");
  public static final Table TARGET_GAPS = new Table("target_gaps", 1, TargetGaps.SCHEMA, "target_id");
  public static final Table SCORECARD = new Table("scorecard", 1, Scorecards.SCHEMA,
      "unit_frame", "unit_code", "indicator_code");
  public static final Table PEERS = new Table("peers", 1, Peers.SCHEMA,
      "unit_frame", "unit_code", "indicator_code", "year", "group_code");
  public static final Table PREDECESSOR_HISTORY = new Table("predecessor_history", 1, PredecessorHistory.SCHEMA,
      "unit_frame", "unit_code", "indicator_code", "year", "predecessor_frame", "row_type", "predecessor_code");
  public static final Table BOUNDARY_CHANGES = new Table("boundary_changes", 1, BoundaryChanges.SCHEMA,
      "unit_frame", "unit_code", "indicator_code", "predecessor_frame", "predecessor_code");

  public static final List<Table> ALL = List.of(INDICATOR_VALUES, QUARANTINE, DQ_RESULTS, RANKINGS, CHANGES,
      TARGET_GAPS, SCORECARD, PEERS, PREDECESSOR_HISTORY, BOUNDARY_CHANGES);

  public static Table byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no published table " + name));
  }
}
