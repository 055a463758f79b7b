package vn.provincecompare.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

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

  /**
   * Writes one published table (see {@link PublishedTables}), counts its rows from the written files, and returns
   * the table as written: later stages read it back, so that their plans start from these files instead of
   * carrying (and re-analysing) the whole lineage that produced them.
   */
  public Dataset<Row> write(PublishedTables.Table table, Dataset<Row> data) {
    Column[] order = java.util.Arrays.stream(table.sortKeys()).map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
    // No global orderBy: its range partitioning runs the whole upstream plan once more just to sample the keys
    // (measured: the sampling job cost more than the write itself, docs/BENCHMARKS.md). One file is sorted by a
    // single task after a shuffle to one partition, so the upstream work stays parallel; several files are hashed
    // by the keys and each sorted; with 0, Spark's own partitions are kept and each file is sorted.
    Dataset<Row> sorted = switch (outputFiles) {
      case 0 -> data.sortWithinPartitions(order);
      default -> data.repartition(outputFiles, order).sortWithinPartitions(order);
    };
    String path = OutputDirectory.sparkPath(staging.resolve(table.name()));
    CrashPoints.reach("before:" + table.name());
    sorted.write().mode(SaveMode.ErrorIfExists).parquet(path);
    CrashPoints.reach("after:" + table.name());
    Dataset<Row> written = spark.read().parquet(path);
    rowCounts.put(table.name(), written.count());
    return written;
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
      Files.createDirectories(staging);
      Files.writeString(staging.resolve("manifest.json"), JSON.writeValueAsString(manifest) + "\n");
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
