package vn.provincecompare.compute;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import vn.provincecompare.errors.UsageException;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * What the report stage is asked for: which units to report on, against which peers, and how far back a
 * projection looks.
 *
 * <p>Defaults ({@link #defaults()}): {@value #DEFAULT_PROJECTION_YEARS} projection years, no focal units, no
 * peers, batch off. A run with no focal units and batch off produces empty scorecard and peer tables, by
 * design: the caller decides who is reported on.
 *
 * @param projectionYears how many of the last observed years (up to the latest observation) the ordinary
 *                        least squares projection of a target uses; at least 2, because a line needs two points
 * @param focalUnits      the units scorecards and peer comparisons are made for (a provincial office watches its
 *                        own province)
 * @param peerUnits       the configured peer list; may be empty (then the peer table only has regional groups)
 * @param batch           when true, scorecards and peer comparisons are made for every unit in the rankings
 *                        (central analysts), and {@code focalUnits} is ignored
 */
public record ReportSettings(int projectionYears, List<UnitRef> focalUnits, List<UnitRef> peerUnits,
    boolean batch) {

  public static final int DEFAULT_PROJECTION_YEARS = 3;

  /** A unit is only ever named with its frame: the same code names different units in VN63 and VN34. */
  public record UnitRef(String unitFrame, String unitCode) {
    public UnitRef {
      if (unitFrame == null || unitFrame.isBlank() || unitCode == null || unitCode.isBlank()) {
        throw new UsageException("A unit needs both a frame and a code (e.g. VN63 10), got frame '"
            + unitFrame + "' and code '" + unitCode + "'");
      }
    }
  }

  public ReportSettings {
    if (projectionYears < 2) {
      throw new UsageException("projection_years must be at least 2 (a line needs two points), got "
          + projectionYears);
    }
    focalUnits = List.copyOf(Objects.requireNonNull(focalUnits, "focalUnits"));
    peerUnits = List.copyOf(Objects.requireNonNull(peerUnits, "peerUnits"));
  }

  public static ReportSettings defaults() {
    return new ReportSettings(DEFAULT_PROJECTION_YEARS, List.of(), List.of(), false);
  }

  public ReportSettings withFocalUnits(List<UnitRef> units) {
    return new ReportSettings(projectionYears, units, peerUnits, batch);
  }

  public ReportSettings withPeerUnits(List<UnitRef> units) {
    return new ReportSettings(projectionYears, focalUnits, units, batch);
  }

  public ReportSettings withBatch(boolean all) {
    return new ReportSettings(projectionYears, focalUnits, peerUnits, all);
  }

  public ReportSettings withProjectionYears(int years) {
    return new ReportSettings(years, focalUnits, peerUnits, batch);
  }

  /**
   * How {@code target_gaps.projection_method} names a projection: this prefix and the number of observed years
   * the line was fitted on (at most {@code projectionYears}), e.g. {@code ols_last_3}.
   */
  public static final String PROJECTION_METHOD_PREFIX = "ols_last_";

  /**
   * A predicate on {@code unit_frame}/{@code unit_code} columns that is true for the focal units (every unit in
   * batch mode). Built as an expression so a transform needs no session to build a lookup table.
   */
  Column isFocal(String frameColumn, String codeColumn) {
    return batch ? lit(true) : anyOf(focalUnits, frameColumn, codeColumn);
  }

  /** A predicate that is true for the units of the configured peer list. */
  Column isPeer(String frameColumn, String codeColumn) {
    return anyOf(peerUnits, frameColumn, codeColumn);
  }

  private static Column anyOf(List<UnitRef> units, String frameColumn, String codeColumn) {
    Column any = lit(false);
    for (UnitRef unit : units) {
      any = any.or(col(frameColumn).equalTo(lit(unit.unitFrame())).and(col(codeColumn).equalTo(lit(unit.unitCode()))));
    }
    return any;
  }
}
