package vn.provincecompare.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.catalog.Catalog;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.publish.CsvExport;
import vn.provincecompare.publish.OutputDirectory;
import vn.provincecompare.publish.OutputLock;
import vn.provincecompare.publish.Progress;
import vn.provincecompare.publish.PublishedTables;
import vn.provincecompare.publish.RunWriter;
import vn.provincecompare.publish.report.ReportWriter;
import vn.provincecompare.store.Store;

/** One run: catalog, then ingest and/or compare, then publish. {@code main} stays thin; tests call {@link #run}. */
public final class Pipeline {
  private Pipeline() {}

  /** Which stages a subcommand runs. */
  public enum Stages { INGEST, COMPARE, RUN }

  /**
   * What a run published: {@code runDir} on the driver's disk (null for a run on another store), {@code runPath}
   * the run's qualified location on any store.
   */
  public record Summary(String runId, Path runDir, Map<String, Long> rowCounts, String accounting,
      org.apache.hadoop.fs.Path runPath) {}

  /**
   * Builds the session, runs, stops; returns the exit code. Only the CLI calls this. A session that was running
   * before (a test suite's, shared by its classes) is its owner's to stop.
   */
  static int execute(JobConfig config, Stages stages) {
    return execute(config, stages, false);
  }

  /** As {@link #execute(JobConfig, Stages)}; progress lines on stderr unless {@code quiet}. */
  static int execute(JobConfig config, Stages stages, boolean quiet) {
    return execute(config, stages, quiet, false);
  }

  /**
   * As {@link #execute(JobConfig, Stages, boolean)}; {@code breakLock} as
   * {@link PreparedRun#of(JobConfig, Stages, boolean)}.
   */
  static int execute(JobConfig config, Stages stages, boolean quiet, boolean breakLock) {
    PreparedRun prepared = PreparedRun.of(config, stages, breakLock);
    boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    java.io.PrintStream previous = Progress.to(quiet ? null : System.err);
    Progress.say("starting Spark");
    SparkSession spark = session(config);
    try {
      Summary s = run(spark, prepared);
      System.out.println("published run " + s.runId() + " -> " + OutputDirectory.display(s.runPath()));
      s.rowCounts().forEach((t, n) -> System.out.printf("  %-18s %,10d rows%n", t, n));
      return ProvinceCompare.OK;
    } finally {
      Progress.to(previous);
      if (ownSession) {
        spark.stop();
      }
    }
  }

  /** A local session unless spark-submit already chose a master. */
  public static SparkSession session(JobConfig config) {
    SparkSession.Builder builder = SparkSession.builder().appName("province-compare")
        .config("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.ui.showConsoleProgress", "false")
        // Every sort and window operator of a task takes whole memory pages; the default page size (heap / cores
        // / 16, up to 64 MB) lets the dozen sorts of one comparison stage exhaust a modest heap on tables of
        // kilobytes. Small pages cost nothing measurable here (docs/BENCHMARKS.md).
        .config("spark.buffer.pageSize", "2m");
    if (System.getProperty("spark.master") == null) {
      builder = builder.master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  public static Summary run(SparkSession spark, JobConfig config, Stages stages) {
    return run(spark, PreparedRun.of(config, stages));
  }

  static Summary run(SparkSession spark, PreparedRun prepared) {
    Map<String, Long> timings = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    OutputDirectory out = prepared.out();
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC)
        .format(Instant.now());
    // One writer at a time: the lock comes before the clean-up, which deletes staging directories.
    OutputLock lock = OutputLock.take(out, runId, prepared.breakLock());
    try {
      Summary s = runLocked(spark, prepared, runId, timings, t0);
      lock.close();
      return s;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    } catch (Error e) {
      // A stop at a crash point (or a JVM error): the lock stays on disk as after a kill, for the next run to
      // find stale.
      lock.abandon();
      throw e;
    }
  }

  private static Summary runLocked(SparkSession spark, PreparedRun prepared, String runId,
      Map<String, Long> timings, long t0) {
    JobConfig config = prepared.config();
    Stages stages = prepared.stages();
    Path dataDir = prepared.dataDir();
    Path repoRoot = prepared.repoRoot();
    Path sourcesFile = prepared.sourcesFile();
    OutputDirectory out = prepared.out();
    Catalog catalog = prepared.catalog();
    // Leftovers of a killed run (staging directories, temporary pointers) go before anything new is staged.
    out.cleanUp(config.keepRuns());

    RunWriter writer = new RunWriter(spark, out, runId, config.outputFiles());
    int compareTables = stages == Stages.INGEST ? 0 : CompareStage.tablesToPublish(config.tables()).size();
    // A prepared table publishes its own quarantine and dq_results; a run or an ingest also indicator_values.
    int ingestTableCount = stages == Stages.COMPARE && config.indicatorValues() != null ? 2 : 3;
    writer.expectTables(ingestTableCount + compareTables);
    ObjectNode manifest = RunManifest.start(runId, stages, spark, config);

    IngestTables.Ingested ingested = IngestTables.publish(spark, prepared, writer, manifest, timings);
    if (stages != Stages.INGEST) {
      Progress.say("comparing: " + compareTables + " tables");
      long t3 = System.nanoTime();
      CompareStage.run(spark, config, catalog, ingested.indicatorValues(), writer);
      timings.put("compare_write_ms", ms(t3));
    }
    if (ingested.preparedChecked() != null) {
      ingested.preparedChecked().release();
    }
    // A --sources manifest kept outside the data folder is an input too (the files it names cannot be: they are
    // refused unless inside the data folder).
    Path readManifest = stages != Stages.COMPARE && !sourcesFile.startsWith(dataDir) ? sourcesFile : null;
    manifest.set("inputs", RunManifest.fingerprints(repoRoot, dataDir, prepared.indicatorValuesPath(),
        readManifest));
    // Inside the staging directory, so reports and CSV copies are published atomically with the tables.
    if (config.report()) {
      Progress.say("writing the HTML reports");
      manifest.set("reports", ReportWriter.manifestEntry(ReportWriter.writeAll(spark, writer.stagingDir(),
          catalog.units(), CompareStage.units(catalog, config.focal(), config.focalFrame(), "focal"), manifest,
          writer.rowCounts())));
    }
    if (config.csv()) {
      Progress.say("writing the CSV copies");
      List<String> written = PublishedTables.ALL.stream().map(PublishedTables.Table::name)
          .filter(writer.rowCounts()::containsKey).toList();
      manifest.set("csv", CsvExport.manifestEntry(CsvExport.writeAll(spark, writer.stagingDir(), written)));
    }
    timings.put("total_ms", ms(t0));
    ObjectNode timing = manifest.putObject("timings");
    timings.forEach(timing::put);
    Progress.say("publishing run " + runId);
    org.apache.hadoop.fs.Path runDir = writer.commit(manifest, config.keepRuns());
    return new Summary(runId, out.store().isLocal() ? Store.local(runDir) : null, writer.rowCounts(),
        ingested.accountingText(), runDir);
  }

  /** Milliseconds since a {@link System#nanoTime()} reading, as the manifest's timings count them. */
  static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
