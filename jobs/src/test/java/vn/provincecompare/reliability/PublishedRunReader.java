package vn.provincecompare.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * A reader that shares no code with the writer: it follows {@code CURRENT} (or the {@code current} link) the way a
 * notebook or dashboard would, reads {@code manifest.json} with plain Jackson and counts each table's rows from
 * its Parquet footers with parquet-hadoop. A run is complete when its manifest lists every published table, each
 * table directory has Spark's {@code _SUCCESS} marker, and the footers hold exactly the manifest's row counts.
 */
final class PublishedRunReader {
  /** The tables a {@code run} publishes, as docs/tables.md lists them (not taken from the writer's code). */
  static final List<String> RUN_TABLES = List.of("indicator_values", "quarantine", "dq_results", "rankings",
      "changes", "target_gaps", "scorecard", "peers", "predecessor_history", "boundary_changes");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Configuration HADOOP = new Configuration();

  private PublishedRunReader() {}

  /** What a reader sees in one pass: the run a pointer names and the row counts it read from that run. */
  record View(String runId, Map<String, Long> rowCounts) {}

  /** The run {@code CURRENT} names, read completely, or an AssertionError saying what was incomplete. */
  static View viaPointerFile(Path out) throws IOException {
    String id = Files.readString(out.resolve("CURRENT"), StandardCharsets.UTF_8).strip();
    return readComplete(out.resolve("runs").resolve(id), id);
  }

  /** The run the {@code current} link names: resolved once, then every table read through the resolved path. */
  static View viaLink(Path out) throws IOException {
    Path link = out.resolve("current");
    if (!Files.exists(link)) {
      throw new AssertionError(Files.isSymbolicLink(link)
          ? "the current link names " + Files.readSymbolicLink(link) + ", which does not exist"
          : "there is no current link");
    }
    Path dir = link.toRealPath();
    return readComplete(dir, dir.getFileName().toString());
  }

  static View readComplete(Path runDir, String id) throws IOException {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(Files.readString(runDir.resolve("manifest.json"), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new AssertionError("run " + id + " has no manifest.json: not a complete run");
    }
    if (!id.equals(manifest.path("run_id").asText())) {
      throw new AssertionError("directory " + runDir + " holds the manifest of run " + manifest.path("run_id"));
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : RUN_TABLES) {
      JsonNode expected = manifest.path("row_counts").path(table);
      if (expected.isMissingNode()) {
        throw new AssertionError("run " + id + ": the manifest lists no row count for " + table);
      }
      Path dir = runDir.resolve(table);
      if (!Files.isRegularFile(dir.resolve("_SUCCESS"))) {
        throw new AssertionError("run " + id + ": table " + table + " has no _SUCCESS marker");
      }
      long rows = footerRows(dir);
      if (rows != expected.asLong()) {
        throw new AssertionError("run " + id + ": table " + table + " holds " + rows + " rows, the manifest says "
            + expected.asLong());
      }
      counts.put(table, rows);
    }
    return new View(id, counts);
  }

  /** Sum of the row counts in the footers of a table directory's Parquet files. */
  static long footerRows(Path tableDir) throws IOException {
    long rows = 0;
    try (Stream<Path> files = Files.list(tableDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList()) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
            new org.apache.hadoop.fs.Path(f.toUri()), HADOOP))) {
          rows += reader.getRecordCount();
        }
      }
    }
    return rows;
  }

  /** Names in {@code out} and {@code out/runs} that only a killed run leaves behind. */
  static List<String> leftovers(Path out) throws IOException {
    try (Stream<Path> top = Files.list(out); Stream<Path> runs = Files.list(out.resolve("runs"))) {
      return Stream.concat(top, runs).map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".staging-") || n.contains(".tmp-")).sorted().toList();
    }
  }
}
