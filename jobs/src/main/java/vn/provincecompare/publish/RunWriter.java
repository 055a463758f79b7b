package vn.provincecompare.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.store.Store;

/**
 * Writes the tables of one run into its staging directory, sorted by their keys so that the same inputs give the
 * same rows in the same order, then the manifest, then publishes the run atomically.
 */
public final class RunWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final OutputDirectory out;
  private final String runId;
  private final Path staging;
  private final int outputFiles;
  private final Map<String, Long> rowCounts = new LinkedHashMap<>();
  /** Tables this run will write, for the progress lines (0: not said). */
  private int tablesExpected;

  public RunWriter(SparkSession spark, OutputDirectory out, String runId, int outputFiles) {
    this.spark = spark;
    this.out = out;
    this.runId = runId;
    this.staging = out.stagingDir(runId);
    this.outputFiles = outputFiles;
    CrashPoints.reach("run-start");
  }

  public String runId() {
    return runId;
  }

  /** How many tables this run writes or copies, so that each progress line says "table k of n". */
  public void expectTables(int n) {
    this.tablesExpected = n;
  }

  private void sayWriting(PublishedTables.Table table, String how) {
    int k = rowCounts.size() + 1;
    Progress.say(how + " table " + k + (tablesExpected > 0 ? " of " + tablesExpected : "") + ": " + table.name());
  }

  private void sayWritten(PublishedTables.Table table, long rows) {
    Progress.say(String.format(java.util.Locale.ROOT, "  %s: %,d rows", table.name(), rows));
  }

  /** Writes a table that nothing later in the run reads (its row count comes from the write itself). */
  public void write(PublishedTables.Table table, Dataset<Row> data) {
    writeObserved(table, data);
  }

  /**
   * Writes a table that later stages build on and returns it as written: their plans start from these files
   * instead of carrying (and re-analysing) the whole lineage that produced them. Read with the declared schema,
   * so no job reads the footers to infer one.
   */
  public Dataset<Row> writeAndRead(PublishedTables.Table table, Dataset<Row> data) {
    writeObserved(table, data);
    return read(table);
  }

  /**
   * Writes one published table (see {@link PublishedTables}) in its declared schema, sorted by its keys so that
   * the same inputs give the same rows in the same order, and returns what the write observed in the same pass:
   * {@code rows}, and each of {@code metrics} (aggregate columns, by their alias).
   */
  public Map<String, Object> writeObserved(PublishedTables.Table table, Dataset<Row> data, Column... metrics) {
    Column[] order = java.util.Arrays.stream(table.sortKeys()).map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
    Dataset<Row> declared = DeclaredSchema.conform(table, data);
    // No global orderBy: its range partitioning runs the whole upstream plan once more just to sample the keys
    // (measured: the sampling job cost more than the write itself, docs/BENCHMARKS.md). One file is sorted by a
    // single task after a shuffle to one partition, so the upstream work stays parallel; several files are hashed
    // by the keys and each sorted; with 0, Spark's own partitions are kept and each file is sorted.
    Dataset<Row> sorted = switch (outputFiles) {
      case 0 -> declared.sortWithinPartitions(order);
      default -> declared.repartition(outputFiles, order).sortWithinPartitions(order);
    };
    // The counts come from the write's own pass (Spark's observed metrics), not from a second job over the files.
    Observation observed = new Observation();
    Dataset<Row> counted = sorted.observe(observed, org.apache.spark.sql.functions.count(
        org.apache.spark.sql.functions.lit(1)).as("rows"), metrics);
    sayWriting(table, "writing");
    CrashPoints.reach("before:" + table.name());
    counted.write().mode(SaveMode.ErrorIfExists).parquet(path(table));
    CrashPoints.reach("after:" + table.name());
    Map<String, Object> values;
    try {
      values = Map.copyOf(observed.getAsJava());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting the rows of " + table.name(), e);
    }
    // Spark drops the observing node from a plan it proves empty (adaptive execution's empty-relation rule), and
    // the observation is then empty: count what was written instead (a job, for such tables only).
    long rows = values.isEmpty() ? read(table).count() : ((Number) values.get("rows")).longValue();
    sayWritten(table, rows);
    rowCounts.put(table.name(), rows);
    return values;
  }

  /**
   * The row counts of a complete earlier run's tables, when its files can be copied into this run as they are:
   * its manifest lists each table's row count and the same schema version this code writes. Else empty (an older
   * run is rewritten through Spark, in today's schema).
   */
  public static java.util.Optional<Map<String, Long>> copyableCounts(Path previousRun,
      java.util.List<PublishedTables.Table> tables) {
    Store store = Store.forPath(previousRun);
    com.fasterxml.jackson.databind.JsonNode manifest;
    try (java.io.InputStream in = store.open(new Path(previousRun, "manifest.json"))) {
      manifest = JSON.readTree(in);
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (PublishedTables.Table t : tables) {
      com.fasterxml.jackson.databind.JsonNode rows = manifest.path("row_counts").path(t.name());
      if (!rows.canConvertToLong() || manifest.path("schema_versions").path(t.name()).asInt(-1)
          != t.schemaVersion() || !store.isFile(new Path(new Path(previousRun, t.name()), "_SUCCESS"))) {
        return java.util.Optional.empty();
      }
      counts.put(t.name(), rows.asLong());
    }
    return java.util.Optional.of(counts);
  }

  /**
   * Copies a table of an earlier complete run into this one file by file (compare's ingest tables): the same
   * bytes, no Spark job; its row count is the earlier manifest's (see {@link #copyableCounts}).
   */
  public void copy(PublishedTables.Table table, Path previousRun, long rows) {
    Path from = new Path(previousRun, table.name());
    Path to = new Path(staging, table.name());
    sayWriting(table, "copying");
    CrashPoints.reach("before:" + table.name());
    try {
      out.store().copyFiles(from, to);
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException("copying table " + table.name() + " from " + from + " into run " + runId,
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
    }
    CrashPoints.reach("after:" + table.name());
    sayWritten(table, rows);
    rowCounts.put(table.name(), rows);
  }

  /** A table this run has written, read with its declared schema. */
  public Dataset<Row> read(PublishedTables.Table table) {
    return spark.read().schema(table.schema()).parquet(path(table));
  }

  private String path(PublishedTables.Table table) {
    return Store.sparkPath(new Path(staging, table.name()));
  }

  /** Where this run is being written; files put here are published with the tables (reports, CSV copies). */
  public Path stagingDir() {
    return staging;
  }

  public Map<String, Long> rowCounts() {
    return Map.copyOf(rowCounts);
  }

  /** Writes {@code manifest.json} last, then makes the run current and removes leftovers and old runs. */
  public Path commit(ObjectNode manifest, int keepRuns) {
    ObjectNode counts = manifest.putObject("row_counts");
    rowCounts.forEach(counts::put);
    ObjectNode versions = manifest.putObject("schema_versions");
    for (String name : rowCounts.keySet()) {
      versions.put(name, PublishedTables.byName(name).schemaVersion());
    }
    try {
      out.store().mkdirs(staging);
      out.store().writeString(new Path(staging, "manifest.json"), JSON.writeValueAsString(manifest) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("writing the manifest of run " + runId, e);
    }
    CrashPoints.reach("manifest-written");
    Path published = out.publish(runId, staging);
    out.cleanUp(keepRuns);
    return published;
  }

  public static ObjectNode newManifest() {
    return JSON.createObjectNode();
  }
}
