package vn.provincecompare.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.catalog.Catalog;
import vn.provincecompare.catalog.IndicatorTables;
import vn.provincecompare.catalog.ProvinceResolution;
import vn.provincecompare.catalog.TargetTables;
import vn.provincecompare.catalog.UnitTables;
import vn.provincecompare.compute.BoundaryChanges;
import vn.provincecompare.compute.Changes;
import vn.provincecompare.compute.ComputeSettings;
import vn.provincecompare.compute.LineageNames;
import vn.provincecompare.compute.Observations;
import vn.provincecompare.compute.Peers;
import vn.provincecompare.compute.PredecessorHistory;
import vn.provincecompare.compute.Rankings;
import vn.provincecompare.compute.ReportSettings;
import vn.provincecompare.compute.Scorecards;
import vn.provincecompare.compute.TargetGaps;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.publish.PublishedTables;
import vn.provincecompare.publish.RunWriter;

/**
 * The compare stage: rankings, changes, target gaps, predecessor history, boundary changes, scorecards and peers
 * from {@code indicator_values}.
 */
final class CompareStage {
  private CompareStage() {}

  static void run(SparkSession spark, JobConfig config, Catalog catalog, Dataset<Row> indicatorValues,
      RunWriter writer) {
    ComputeSettings computeSettings = new ComputeSettings(config.coverageThreshold(), config.trendYears(),
        config.baselineYear(), config.topN());
    ReportSettings reportSettings = new ReportSettings(config.trendYears(), units(catalog, config.focal(),
        config.focalFrame(), "focal"), units(catalog, config.peers(), config.focalFrame(), "peers"),
        config.batch());

    Dataset<Row> indicators = IndicatorTables.indicators(spark, catalog.indicators()).cache();
    Dataset<Row> bands = IndicatorTables.bands(spark, catalog.indicators()).cache();
    Dataset<Row> methodBreaks = IndicatorTables.methodBreaks(spark, catalog.indicators());
    Dataset<Row> units = UnitTables.units(spark, catalog.units()).cache();
    Dataset<Row> frames = UnitTables.frames(spark, catalog.units()).cache();
    Dataset<Row> lineage = UnitTables.lineage(spark, catalog.units()).cache();
    Dataset<Row> targets = TargetTables.targets(spark, catalog.targets());

    Set<String> publish = tablesToPublish(config.tables());
    // Each table is written, then read back for the tables that build on it: their plans start from the
    // written files, not from the lineage that produced them (analysing that lineage again for every later
    // transform costs more than the work itself).
    Dataset<Row> rankings = writer.writeAndRead(PublishedTables.RANKINGS, Rankings.rankWithinYear(computeSettings,
        indicators, bands, units, frames, Observations.preferred(indicatorValues)));
    Dataset<Row> changes = !publish.contains(CHANGES) ? null : writer.writeAndRead(PublishedTables.CHANGES,
        Changes.withYearOverYear(computeSettings, indicators, bands, methodBreaks, units, rankings));
    Dataset<Row> targetGaps = !publish.contains(TARGET_GAPS) ? null : writer.writeAndRead(
        PublishedTables.TARGET_GAPS,
        TargetGaps.targetGap(reportSettings, indicators, bands, frames, lineage, rankings, changes, targets));
    // Across the 2025 merger: a merged unit's history through its predecessors, what its first year in the new
    // frame can be compared with, and sentences that say what it is made of. Rankings and changes stay per frame.
    if (publish.contains(PREDECESSOR_HISTORY)) {
      writer.write(PublishedTables.PREDECESSOR_HISTORY,
          PredecessorHistory.predecessorHistory(indicators, units, lineage, rankings));
    }
    if (publish.contains(BOUNDARY_CHANGES)) {
      writer.write(PublishedTables.BOUNDARY_CHANGES, BoundaryChanges.acrossFrames(units, lineage, rankings));
    }
    if (publish.contains(SCORECARD)) {
      writer.write(PublishedTables.SCORECARD, Scorecards.scorecard(reportSettings, indicators, bands,
          LineageNames.mergedUnitNames(frames, units, lineage), targetGaps, rankings, changes));
    }
    if (publish.contains(PEERS)) {
      writer.write(PublishedTables.PEERS, Peers.peerComparison(reportSettings, units, rankings));
    }
  }

  private static final String RANKINGS = PublishedTables.RANKINGS.name();
  private static final String CHANGES = PublishedTables.CHANGES.name();
  private static final String TARGET_GAPS = PublishedTables.TARGET_GAPS.name();
  private static final String PREDECESSOR_HISTORY = PublishedTables.PREDECESSOR_HISTORY.name();
  private static final String BOUNDARY_CHANGES = PublishedTables.BOUNDARY_CHANGES.name();
  private static final String SCORECARD = PublishedTables.SCORECARD.name();
  private static final String PEERS = PublishedTables.PEERS.name();

  /** Each compare table and the compare tables it is computed from. */
  private static final Map<String, List<String>> BUILT_FROM = Map.of(
      RANKINGS, List.of(),
      CHANGES, List.of(RANKINGS),
      TARGET_GAPS, List.of(RANKINGS, CHANGES),
      PREDECESSOR_HISTORY, List.of(RANKINGS),
      BOUNDARY_CHANGES, List.of(RANKINGS),
      SCORECARD, List.of(RANKINGS, CHANGES, TARGET_GAPS),
      PEERS, List.of(RANKINGS));

  /**
   * The compare tables a run publishes: those asked for (all when none are) and every table they are computed
   * from, since each is computed from the written files of the ones before it.
   */
  static Set<String> tablesToPublish(List<String> asked) {
    if (asked == null || asked.isEmpty()) {
      return BUILT_FROM.keySet();
    }
    Set<String> publish = new TreeSet<>();
    for (String name : asked) {
      String table = name.strip();
      List<String> from = BUILT_FROM.get(table);
      if (from == null) {
        throw new UsageException("tables: '" + name + "' is not a compare table; valid: "
            + new TreeSet<>(BUILT_FROM.keySet()));
      }
      publish.add(table);
      publish.addAll(from);
    }
    return publish;
  }

  /** Province names or codes from the config, resolved in {@code frame}; an unknown one says what is valid. */
  static List<ReportSettings.UnitRef> units(Catalog catalog, List<String> names, String frame, String key) {
    List<ReportSettings.UnitRef> refs = new ArrayList<>();
    for (String name : names == null ? List.<String>of() : names) {
      ProvinceResolution r = catalog.resolver().resolve(name, frame);
      if (!r.isResolved()) {
        throw new UsageException(key + ": '" + name + "' is not a province of " + frame + ": " + r.message()
            + ". Valid: a GSO code of data/reference/units.csv or any spelling of a name (e.g. \"Lào Cai\", "
            + "\"Lao Cai\", \"10\")");
      }
      refs.add(new ReportSettings.UnitRef(frame, r.unitCode()));
    }
    return refs;
  }
}
