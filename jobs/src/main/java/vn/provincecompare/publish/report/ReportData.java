package vn.provincecompare.publish.report;

import java.util.List;

/**
 * Everything one province's report shows, as plain values: the renderer reads only this, so it can be tested on
 * hand-made rows without Spark, and the writer is the only code that knows where the rows come from.
 *
 * @param unit      the focal unit
 * @param scorecard its {@code scorecard} rows, one per top-level indicator
 * @param ranks     its {@code rankings} rows of those indicators, any year (the trajectories)
 * @param targets   its {@code target_gaps} rows
 * @param sources   where its accepted values came from ({@code indicator_values}, per source and file)
 * @param run       the run's manifest: id, date, versions, row counts, input files
 */
public record ReportData(Unit unit, List<ScorecardLine> scorecard, List<RankPoint> ranks, List<TargetLine> targets,
    List<SourceCount> sources, RunInfo run) {

  public ReportData {
    scorecard = List.copyOf(scorecard);
    ranks = List.copyOf(ranks);
    targets = List.copyOf(targets);
    sources = List.copyOf(sources);
  }

  /** A unit, always with its frame. */
  public record Unit(String frame, String code, String nameVi) {}

  /** One {@code scorecard} row (column names in snake_case in the table). */
  public record ScorecardLine(String indicatorCode, String shortName, Integer latestYear, Double value, Integer rank,
      Integer nRanked, String rankSource, Integer rankChange, Integer comparedYear, String bandCode,
      String bandNameVi, String targetStatus, String targetKind, Double targetThreshold, String targetBandCode,
      Double targetGap, String targetGapUnit, Double targetPctOfTarget, String strongestChildCode,
      Integer strongestChildRank, String weakestChildCode, Integer weakestChildRank, String sentenceVi,
      String sentenceEn) {}

  /** One {@code rankings} row of the focal unit: a point of a rank trajectory. */
  public record RankPoint(String indicatorCode, String unitFrame, int year, Double value, Integer rank,
      Integer nRanked, String rankSource) {}

  /** One {@code target_gaps} row. */
  public record TargetLine(String targetId, String indicatorCode, String kind, Double threshold,
      String targetBandCode, Integer baseYear, Integer targetYear, Integer latestYear, Double latestValue,
      Integer latestRank, Integer latestNRanked, String latestBandCode, Double gap, String gapUnit,
      Double pctOfTarget, Boolean isMet, Double valueAtRankN, Boolean isOnTrack) {}

  /** How many of the unit's accepted values one source file gave. */
  public record SourceCount(String sourceId, String sourceFile, long values) {}

  /** The run's manifest as the report shows it. */
  public record RunInfo(String runId, String createdAt, String toolVersion, String sparkVersion,
      List<TableCount> tables, List<InputFile> inputs) {
    public RunInfo {
      tables = List.copyOf(tables);
      inputs = List.copyOf(inputs);
    }
  }

  /** A published table's row count and schema version. */
  public record TableCount(String name, long rows, int schemaVersion) {}

  /** An input file the run read, with its fingerprint. */
  public record InputFile(String path, long bytes, String sha256) {}
}
