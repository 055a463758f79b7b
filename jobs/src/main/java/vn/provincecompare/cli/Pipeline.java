package vn.provincecompare.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.catalog.Catalog;
import vn.provincecompare.catalog.IndicatorTables;
import vn.provincecompare.catalog.UnitTables;
import vn.provincecompare.config.ConfigLoader;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.ingest.ExternalIndicatorValues;
import vn.provincecompare.ingest.IngestStage;
import vn.provincecompare.ingest.Readers;
import vn.provincecompare.ingest.SourcesManifest;
import vn.provincecompare.publish.CsvExport;
import vn.provincecompare.publish.OutputDirectory;
import vn.provincecompare.publish.OutputLock;
import vn.provincecompare.publish.Progress;
import vn.provincecompare.publish.PublishedTables;
import vn.provincecompare.publish.RunWriter;
import vn.provincecompare.publish.report.ReportWriter;
import vn.provincecompare.store.Store;
import vn.provincecompare.validate.Accounting;

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

  /** What a run needs before Spark starts: checked paths, the owned output directory, the catalog. */
  record Prepared(JobConfig config, Stages stages, Path dataDir, Path repoRoot, Path sourcesFile,
      OutputDirectory out, Catalog catalog, Path indicatorValuesPath, boolean breakLock) {}

  /**
   * Every check that needs no Spark session, so that a usage or catalog error costs milliseconds: the data folder,
   * the output directory's safety, the catalog, the focal and peer provinces.
   */
  static Prepared prepare(JobConfig config, Stages stages) {
    return prepare(config, stages, false);
  }

  /**
   * As {@link #prepare(JobConfig, Stages)}; {@code breakLock}: remove another run's lock of {@code --out} first.
   * A data folder or sources manifest on another store (HDFS) is read through the file-system layer into a
   * private folder of the driver (the readers parse files on the driver in any case), named as the original, so
   * the manifest's inputs read as those of the same folder on a local disk.
   */
  static Prepared prepare(JobConfig config, Stages stages, boolean breakLock) {
    org.apache.hadoop.fs.Path dataUri = Store.qualify(config.dataDir());
    org.apache.hadoop.fs.Path sourcesUri = Store.qualify(config.sourcesPath());
    Path dataDir;
    Path sourcesFile;
    if (Store.isLocal(config.dataDir())) {
      dataDir = Store.local(dataUri);
      if (!Files.isDirectory(dataDir)) {
        throw new UsageException("--data-dir " + config.dataDir() + " is not a directory (expected the folder "
            + "with reference/, targets/ and raw/sources.json)");
      }
    } else {
      dataDir = fetchInputs(config.dataDir(), dataUri, true);
    }
    if (Store.isLocal(config.sourcesPath())) {
      sourcesFile = Store.local(sourcesUri);
    } else if (Store.isInside(sourcesUri, dataUri)) {
      String relative = dataUri.toUri().normalize().relativize(sourcesUri.toUri().normalize()).getPath();
      sourcesFile = dataDir.resolve(relative);
    } else {
      sourcesFile = fetchInputs(config.sourcesPath(), sourcesUri, false);
    }
    Path indicatorValuesPath = null;
    if (config.indicatorValues() != null) {
      if (stages != Stages.COMPARE) {
        throw new UsageException("--indicator-values is read by 'compare' only ('run' and 'ingest' build "
            + "indicator_values from the sources)");
      }
      indicatorValuesPath = ExternalIndicatorValues.checkedPath(config.indicatorValues());
    }
    if (!config.tables().isEmpty() && stages == Stages.INGEST) {
      throw new UsageException("--tables chooses compare tables: use it with 'compare' or 'run'");
    }
    CompareStage.tablesToPublish(config.tables());
    List<org.apache.hadoop.fs.Path> inputs = new java.util.ArrayList<>(List.of(dataUri, sourcesUri.getParent()));
    if (indicatorValuesPath != null) {
      inputs.add(Store.of(indicatorValuesPath));
    }
    OutputDirectory out = OutputDirectory.open(config.out(), inputs);
    Catalog catalog = Catalog.load(dataDir);
    if (catalog.units().frames().stream().noneMatch(f -> f.code().equals(config.focalFrame()))) {
      throw new UsageException("focal_frame: '" + config.focalFrame() + "' is not a frame of "
          + display(dataDir.getParent(), dataDir.resolve("reference/frames.csv")) + " (frames: "
          + catalog.units().frames().stream().map(f -> f.code()).toList() + ")");
    }
    if (config.report() && (stages == Stages.INGEST || config.focal().isEmpty())) {
      throw new UsageException("--report writes one page per focal province from the compare stage's tables: use "
          + "it with 'compare' or 'run' and at least one --focal province (e.g. --focal \"Lào Cai\")");
    }
    if (stages != Stages.INGEST) {
      CompareStage.units(catalog, config.focal(), config.focalFrame(), "focal");
      CompareStage.units(catalog, config.peers(), config.focalFrame(), "peers");
    }
    return new Prepared(config, stages, dataDir, dataDir.getParent(), sourcesFile, out, catalog,
        indicatorValuesPath, breakLock);
  }

  /**
   * Copies an input folder (or file) of another store into a new private folder of the driver, through the
   * file-system layer, and returns the copy: {@code <tmp>/<name>}, removed when the JVM exits.
   */
  private static Path fetchInputs(String given, org.apache.hadoop.fs.Path uri, boolean folder) {
    Store store = Store.forPath(uri);
    var st = store.status(uri);
    if (st.isEmpty() || st.get().isDirectory() != folder) {
      throw new UsageException((folder ? "--data-dir " : "--sources ") + given + (st.isEmpty() ? " does not exist"
          : folder ? " is not a directory" : " is not a file") + (folder ? " (expected the folder with reference/, "
          + "targets/ and raw/sources.json)" : ""));
    }
    try {
      Path tmp = Files.createTempDirectory("province-compare-inputs-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(tmp)));
      Path copy = tmp.resolve(uri.getName());
      store.copyTreeToLocal(uri, copy);
      return copy;
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException((folder ? "--data-dir " : "--sources ") + given + " cannot be read: "
          + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // A temporary copy of inputs; the system's temporary folder is cleaned anyway.
    }
  }

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

  /** As {@link #execute(JobConfig, Stages, boolean)}; {@code breakLock} as {@link #prepare(JobConfig, Stages, boolean)}. */
  static int execute(JobConfig config, Stages stages, boolean quiet, boolean breakLock) {
    Prepared prepared = prepare(config, stages, breakLock);
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
    return run(spark, prepare(config, stages));
  }

  static Summary run(SparkSession spark, Prepared prepared) {
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

  private static Summary runLocked(SparkSession spark, Prepared prepared, String runId, Map<String, Long> timings,
      long t0) {
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
    ObjectNode manifest = RunWriter.newManifest();
    manifest.put("run_id", runId);
    manifest.put("created_at", Instant.now().toString());
    manifest.put("stages", stages.name().toLowerCase(java.util.Locale.ROOT));
    manifest.put("tool_version", "province-compare 0.1.0");
    manifest.put("spark_version", spark.version());
    manifest.set("config", ConfigLoader.toTree(config));

    String accountingText = null;
    Dataset<Row> indicatorValues = null;
    IngestStage.PreparedResult preparedChecked = null;
    if (stages == Stages.COMPARE && config.indicatorValues() != null) {
      // Someone else's canonical table (commune-level data, a scenario): read in place, not copied, so the run
      // holds the compare tables and the prepared rows' quarantine and dq_results; the manifest says which files
      // it read.
      // A path of the driver's disk, checked there: handed to Spark with file:, as every path of a run.
      Dataset<Row> table = ExternalIndicatorValues.read(spark, prepared.indicatorValuesPath(),
          OutputDirectory.sparkPath(prepared.indicatorValuesPath()));
      manifest.set("input_indicator_values", ExternalIndicatorValues.describe(prepared.indicatorValuesPath()));
      // The same row checks as ingest's (issue 14.8): failing rows are quarantined, the accepted ones compared.
      long t1 = System.nanoTime();
      IngestStage.PreparedResult checked = IngestStage.checkPrepared(catalogView(spark, catalog),
          UnitTables.units(spark, catalog.units()), ExternalIndicatorValues.rawObservations(table,
              prepared.indicatorValuesPath().toString(), Files.isDirectory(prepared.indicatorValuesPath())),
          table.count(), java.time.Year.now(ZoneOffset.UTC).getValue());
      writer.write(PublishedTables.QUARANTINE, checked.quarantine());
      Accounting accounting = checked.accounting();
      writer.write(PublishedTables.DQ_RESULTS, checked.dqResults(spark, accounting));
      timings.put("validate_write_ms", ms(t1));
      accountingText = accounting.summary();
      System.out.print(accountingText);
      putAccounting(manifest, accounting);
      requireBalance(accounting, prepared.indicatorValuesPath().toString());
      preparedChecked = checked;
      indicatorValues = checked.accepted();
    } else if (stages == Stages.COMPARE) {
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
      indicatorValues = writer.read(PublishedTables.INDICATOR_VALUES);
    } else {
      long t1 = System.nanoTime();
      IngestStage ingest = new IngestStage(Readers.all());
      SourcesManifest sources = SourcesManifest.read(sourcesFile, display(repoRoot, sourcesFile),
          ingest.formats(), catalog.units().frames().stream().map(f -> f.code()).toList());
      sources.checkFilesInsideDataFolder(repoRoot, dataDir, display(repoRoot, sourcesFile));
      Progress.say("reading " + sources.sources().size() + (sources.sources().size() == 1 ? " source" : " sources"));
      List<Row> rawRows = ingest.readAll(sources, repoRoot, catalog.units().frames());
      timings.put("read_ms", ms(t1));
      Progress.say(String.format(java.util.Locale.ROOT, "validating %,d rows read", rawRows.size()));
      long t2 = System.nanoTime();
      IngestStage.Result result = ingest.run(spark, catalogView(spark, catalog), rawRows);
      Dataset<Row> written = writer.writeAndRead(PublishedTables.INDICATOR_VALUES, result.indicatorValues());
      writer.write(PublishedTables.QUARANTINE, result.quarantine());
      // Counted by the two writes above, in their own pass.
      Accounting accounting = result.accounting();
      writer.write(PublishedTables.DQ_RESULTS, result.dqResults(spark));
      result.release();
      timings.put("validate_write_ms", ms(t2));
      accountingText = accounting.summary();
      System.out.print(accountingText);
      putAccounting(manifest, accounting);
      requireBalance(accounting, display(repoRoot, sourcesFile));
      indicatorValues = written;
    }
    if (stages != Stages.INGEST) {
      Progress.say("comparing: " + compareTables + " tables");
      long t3 = System.nanoTime();
      CompareStage.run(spark, config, catalog, indicatorValues, writer);
      timings.put("compare_write_ms", ms(t3));
    }
    if (preparedChecked != null) {
      preparedChecked.release();
    }
    // A --sources manifest kept outside the data folder is an input too (the files it names cannot be: they are
    // refused unless inside the data folder).
    Path readManifest = stages != Stages.COMPARE && !sourcesFile.startsWith(dataDir) ? sourcesFile : null;
    manifest.set("inputs", fingerprints(repoRoot, dataDir, prepared.indicatorValuesPath(), readManifest));
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
        accountingText, runDir);
  }

  private static IngestStage.CatalogView catalogView(SparkSession spark, Catalog catalog) {
    return new IngestStage.CatalogView(catalog.resolver(), UnitTables.frames(spark, catalog.units()),
        IndicatorTables.indicators(spark, catalog.indicators()), catalog.indicatorLookup(),
        catalog.alwaysMissingCodes(), catalog.offScaleMissingNumbers(), catalog.derivationLevels());
  }

  /** Where every input row went, as the manifest records it. */
  private static void putAccounting(ObjectNode manifest, Accounting accounting) {
    ObjectNode acc = manifest.putObject("accounting");
    acc.put("rows_read", accounting.input());
    acc.put("accepted", accounting.accepted());
    acc.put("quarantined", accounting.quarantined());
    acc.put("derived", accounting.derived());
    ObjectNode byCheck = acc.putObject("quarantined_by_check");
    accounting.byCheck().forEach(byCheck::put);
  }

  private static void requireBalance(Accounting accounting, String input) {
    if (!accounting.balances()) {
      throw new DataException(input, null, null, "row accounting failed: read " + accounting.input()
          + " != accepted " + accounting.accepted() + " + quarantined " + accounting.quarantined());
    }
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  static String display(Path repoRoot, Path file) {
    return file.startsWith(repoRoot) ? repoRoot.relativize(file).toString() : file.toString();
  }

  /**
   * SHA-256 of every file of the data folder, and of the sources manifest when it lies outside, so a manifest says
   * exactly which inputs a run read.
   */
  static ArrayNode fingerprints(Path repoRoot, Path dataDir, Path indicatorValues, Path sourcesOutside) {
    ArrayNode files = RunWriter.newManifest().arrayNode();
    try (Stream<Path> walk = Files.walk(dataDir)) {
      // A prepared indicator_values kept in the data folder is listed under input_indicator_values, unhashed:
      // hashing gigabytes of Parquet on every compare would cost more than the compare.
      List<Path> inputs = new java.util.ArrayList<>(walk.filter(Files::isRegularFile)
          .filter(p -> indicatorValues == null || !p.startsWith(indicatorValues)).sorted().toList());
      if (sourcesOutside != null) {
        inputs.add(sourcesOutside);
      }
      for (Path p : inputs) {
        ObjectNode f = files.addObject();
        f.put("path", display(repoRoot, p));
        f.put("bytes", Files.size(p));
        f.put("sha256", sha256(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
