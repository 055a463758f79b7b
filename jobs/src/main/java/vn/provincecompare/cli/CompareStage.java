package vn.provincecompare.cli;

import java.util.ArrayList;
import java.util.List;
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
import vn.provincecompare.config.UsageException;
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

    // Each table is written, then read back for the tables that build on it: their plans start from the
    // written files, not from the lineage that produced them (analysing that lineage again for every later
    // transform costs more than the work itself).
    Dataset<Row> rankings = writer.write(PublishedTables.RANKINGS, Rankings.rankWithinYear(computeSettings,
        indicators, bands, units, frames, Observations.preferred(indicatorValues)));
    Dataset<Row> changes = writer.write(PublishedTables.CHANGES,
        Changes.withYearOverYear(computeSettings, indicators, bands, methodBreaks, rankings));
    Dataset<Row> targetGaps = writer.write(PublishedTables.TARGET_GAPS, TargetGaps.targetGap(reportSettings,
        indicators, bands, frames, lineage, rankings, changes, targets));
    // Across the 2025 merger: a merged unit's history through its predecessors, what its first year in the new
    // frame can be compared with, and sentences that say what it is made of. Rankings and changes stay per frame.
    writer.write(PublishedTables.PREDECESSOR_HISTORY,
        PredecessorHistory.predecessorHistory(indicators, units, lineage, rankings));
    writer.write(PublishedTables.BOUNDARY_CHANGES, BoundaryChanges.acrossFrames(units, lineage, rankings));
    writer.write(PublishedTables.SCORECARD, Scorecards.scorecard(reportSettings, indicators, bands,
        LineageNames.mergedUnitNames(frames, units, lineage), targetGaps, rankings, changes));
    writer.write(PublishedTables.PEERS, Peers.peerComparison(reportSettings, units, rankings));
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
