package vn.provincecompare.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.catalog.Catalog;
import vn.provincecompare.catalog.IndicatorTables;
import vn.provincecompare.catalog.UnitTables;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.ingest.ExternalIndicatorValues;
import vn.provincecompare.ingest.IngestStage;
import vn.provincecompare.ingest.PreparedRowChecks;
import vn.provincecompare.ingest.Readers;
import vn.provincecompare.ingest.SourcesManifest;
import vn.provincecompare.publish.OutputDirectory;
import vn.provincecompare.publish.Progress;
import vn.provincecompare.publish.PublishedTables;
import vn.provincecompare.publish.RunWriter;
import vn.provincecompare.store.Store;
import vn.provincecompare.validate.Accounting;

/**
 * The ingest tables of a run, got one of three ways: read from the sources, checked from a prepared
 * {@code indicator_values}, or carried over from the previous run.
 */
final class IngestTables {
  private IngestTables() {}

  /**
   * What the compare stage reads ({@code indicatorValues}), the accounting printed (null when carried over), and
   * the checked prepared rows to release once the compare tables are written (null unless a prepared table).
   */
  record Ingested(Dataset<Row> indicatorValues, String accountingText, PreparedRowChecks.Result preparedChecked) {}

  /** Writes the run's ingest tables through {@code writer}, recording their inputs and accounting in the manifest. */
  static Ingested publish(SparkSession spark, PreparedRun prepared, RunWriter writer, ObjectNode manifest,
      Map<String, Long> timings) {
    JobConfig config = prepared.config();
    Pipeline.Stages stages = prepared.stages();
    if (stages == Pipeline.Stages.COMPARE && config.indicatorValues() != null) {
      return fromPreparedTable(spark, prepared, writer, manifest, timings);
    } else if (stages == Pipeline.Stages.COMPARE) {
      return fromPreviousRun(spark, prepared.out(), writer, manifest);
    } else {
      return fromSources(spark, prepared, writer, manifest, timings);
    }
  }

  private static Ingested fromPreparedTable(SparkSession spark, PreparedRun prepared, RunWriter writer,
      ObjectNode manifest, Map<String, Long> timings) {
    Catalog catalog = prepared.catalog();
    // Someone else's canonical table (commune-level data, a scenario): read in place, not copied, so the run
    // holds the compare tables and the prepared rows' quarantine and dq_results; the manifest says which files
    // it read.
    // A path of the driver's disk, checked there: handed to Spark with file:, as every path of a run.
    Dataset<Row> table = ExternalIndicatorValues.read(spark, prepared.indicatorValuesPath(),
        OutputDirectory.sparkPath(prepared.indicatorValuesPath()));
    manifest.set("input_indicator_values", ExternalIndicatorValues.describe(prepared.indicatorValuesPath()));
    // The same row checks as ingest's (issue 14.8): failing rows are quarantined, the accepted ones compared.
    long t1 = System.nanoTime();
    PreparedRowChecks.Result checked = PreparedRowChecks.check(catalogView(spark, catalog),
        UnitTables.units(spark, catalog.units()), ExternalIndicatorValues.rawObservations(table,
            prepared.indicatorValuesPath().toString(), Files.isDirectory(prepared.indicatorValuesPath())),
        table.count(), java.time.Year.now(ZoneOffset.UTC).getValue());
    writer.write(PublishedTables.QUARANTINE, checked.quarantine());
    Accounting accounting = checked.accounting();
    writer.write(PublishedTables.DQ_RESULTS, checked.dqResults(spark, accounting));
    timings.put("validate_write_ms", Pipeline.ms(t1));
    String accountingText = accounting.summary();
    System.out.print(accountingText);
    RunManifest.putAccounting(manifest, accounting);
    requireBalance(accounting, prepared.indicatorValuesPath().toString());
    return new Ingested(checked.accepted(), accountingText, checked);
  }

  private static Ingested fromPreviousRun(SparkSession spark, OutputDirectory out, RunWriter writer,
      ObjectNode manifest) {
    String current = out.currentRunId().orElseThrow(() -> new UsageException("compare needs a previous ingest "
        + "in --out " + OutputDirectory.display(out.root()) + " (run 'ingest' or 'run' first)"));
    org.apache.hadoop.fs.Path previous = new org.apache.hadoop.fs.Path(out.runsDir(), current);
    manifest.put("input_run", current);
    List<PublishedTables.Table> ingestTables = List.of(PublishedTables.INDICATOR_VALUES,
        PublishedTables.QUARANTINE, PublishedTables.DQ_RESULTS);
    // The previous run's ingest tables are published again in this run: copied file by file when they are in
    // today's schema versions (no Spark job), else rewritten through Spark in today's schema.
    Optional<Map<String, Long>> copyable = RunWriter.copyableCounts(previous, ingestTables);
    for (PublishedTables.Table t : ingestTables) {
      if (copyable.isPresent()) {
        writer.copy(t, previous, copyable.get().get(t.name()));
      } else {
        writer.write(t, spark.read().schema(t.schema()).parquet(Store.sparkPath(new org.apache.hadoop.fs.Path(
            previous, t.name()))));
      }
    }
    return new Ingested(writer.read(PublishedTables.INDICATOR_VALUES), null, null);
  }

  private static Ingested fromSources(SparkSession spark, PreparedRun prepared, RunWriter writer,
      ObjectNode manifest, Map<String, Long> timings) {
    Path dataDir = prepared.dataDir();
    Path repoRoot = prepared.repoRoot();
    Path sourcesFile = prepared.sourcesFile();
    Catalog catalog = prepared.catalog();
    long t1 = System.nanoTime();
    IngestStage ingest = new IngestStage(Readers.all());
    SourcesManifest sources = SourcesManifest.read(sourcesFile, PreparedRun.display(repoRoot, sourcesFile),
        ingest.formats(), catalog.units().frames().stream().map(f -> f.code()).toList());
    sources.checkFilesInsideDataFolder(repoRoot, dataDir, PreparedRun.display(repoRoot, sourcesFile));
    Progress.say("reading " + sources.sources().size() + (sources.sources().size() == 1 ? " source" : " sources"));
    List<Row> rawRows = ingest.readAll(sources, repoRoot, catalog.units().frames());
    timings.put("read_ms", Pipeline.ms(t1));
    Progress.say(String.format(java.util.Locale.ROOT, "validating %,d rows read", rawRows.size()));
    long t2 = System.nanoTime();
    IngestStage.Result result = ingest.run(spark, catalogView(spark, catalog), rawRows);
    Dataset<Row> written = writer.writeAndRead(PublishedTables.INDICATOR_VALUES, result.indicatorValues());
    writer.write(PublishedTables.QUARANTINE, result.quarantine());
    // Counted by the two writes above, in their own pass.
    Accounting accounting = result.accounting();
    writer.write(PublishedTables.DQ_RESULTS, result.dqResults(spark));
    result.release();
    timings.put("validate_write_ms", Pipeline.ms(t2));
    String accountingText = accounting.summary();
    System.out.print(accountingText);
    RunManifest.putAccounting(manifest, accounting);
    requireBalance(accounting, PreparedRun.display(repoRoot, sourcesFile));
    return new Ingested(written, accountingText, null);
  }

  private static IngestStage.CatalogView catalogView(SparkSession spark, Catalog catalog) {
    return new IngestStage.CatalogView(catalog.resolver(), UnitTables.frames(spark, catalog.units()),
        IndicatorTables.indicators(spark, catalog.indicators()), catalog.indicatorLookup(),
        catalog.alwaysMissingCodes(), catalog.offScaleMissingNumbers(), catalog.derivationLevels());
  }

  private static void requireBalance(Accounting accounting, String input) {
    if (!accounting.balances()) {
      throw new DataException(input, null, null, "row accounting failed: read " + accounting.input()
          + " != accepted " + accounting.accepted() + " + quarantined " + accounting.quarantined());
    }
  }
}
