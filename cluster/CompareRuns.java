import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Checks that two published runs of province-compare hold the same results: bin/test-cluster.sh compares the run
 * of the cluster jar on a standalone cluster with the local runner's run of the same data.
 *
 * <p>Run with the local runner's classpath, in Java's single-file source mode (no build step):
 * {@code java <spark --add-opens> -cp "jobs/target/province-compare.jar:jobs/target/lib/*" cluster/CompareRuns.java
 * LOCAL_RUN CLUSTER_RUN}, each a run directory ({@code <out>/current}). Exit 0 when equal, 1 with every difference
 * listed otherwise.
 *
 * <p>What must be equal: the set of tables; for each table the Parquet part files by name, each file's schema
 * (names, types, nullability) and its rows in file order (exact, doubles included: both runs compute the same plan
 * on the same inputs); the CSV copies byte for byte; the report pages once the run id is masked; and the manifest
 * except what names the run itself (run id, creation time, timings, the output path).
 */
public final class CompareRuns {
  /** Manifest keys that differ between two runs of the same inputs by design. */
  private static final Set<String> RUN_SPECIFIC = Set.of("run_id", "created_at", "timings");

  private final List<String> differences = new ArrayList<>();

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CompareRuns LOCAL_RUN_DIR CLUSTER_RUN_DIR (each an <out>/current directory)");
      System.exit(2);
    }
    Path expected = Paths.get(args[0]).toRealPath();
    Path actual = Paths.get(args[1]).toRealPath();
    SparkSession spark = SparkSession.builder().master("local[1]").appName("compare-runs")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    CompareRuns compare = new CompareRuns();
    int tables;
    try {
      tables = compare.run(spark, expected, actual);
    } finally {
      spark.stop();
    }
    if (compare.differences.isEmpty()) {
      System.out.println("compare-runs: the two runs are equal (" + tables + " tables: rows, schema and order; "
          + "CSV copies; reports; manifest)");
      return;
    }
    System.out.println("compare-runs: " + compare.differences.size() + " difference(s) between " + expected
        + " and " + actual + ":");
    compare.differences.forEach(d -> System.out.println("  " + d));
    System.exit(1);
  }

  private int run(SparkSession spark, Path expected, Path actual) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode expectedManifest = json.readTree(expected.resolve("manifest.json").toFile());
    JsonNode actualManifest = json.readTree(actual.resolve("manifest.json").toFile());
    compareManifests(expectedManifest, actualManifest);

    Set<String> tables = tableDirs(expected);
    Set<String> actualTables = tableDirs(actual);
    if (!tables.equals(actualTables)) {
      differences.add("tables: local run has " + tables + ", cluster run has " + actualTables);
    }
    Set<String> counted = new TreeSet<>();
    expectedManifest.path("row_counts").fieldNames().forEachRemaining(counted::add);
    if (!counted.equals(tables)) {
      differences.add("the local manifest's row_counts name " + counted + " but the run holds tables " + tables);
    }
    for (String table : tables) {
      if (actualTables.contains(table)) {
        compareTable(spark, table, expected.resolve(table), actual.resolve(table),
            expectedManifest.path("row_counts").path(table).asLong(-1));
      }
    }
    compareFiles("csv", expected.resolve("csv"), actual.resolve("csv"), List.of(), List.of());
    // A report page states its run id and creation time; everything else in it must be equal.
    compareFiles("report", expected.resolve("report"), actual.resolve("report"),
        List.of(expectedManifest.path("run_id").asText(), expectedManifest.path("created_at").asText()),
        List.of(actualManifest.path("run_id").asText(), actualManifest.path("created_at").asText()));
    return tables.size();
  }

  private void compareManifests(JsonNode expected, JsonNode actual) {
    ObjectNode e = comparable(expected);
    ObjectNode a = comparable(actual);
    Set<String> keys = new TreeSet<>();
    e.fieldNames().forEachRemaining(keys::add);
    a.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (!e.path(key).equals(a.path(key))) {
        differences.add("manifest." + key + ": local " + abbreviate(e.path(key)) + ", cluster "
            + abbreviate(a.path(key)));
      }
    }
  }

  /** The manifest without what names the run itself; the config without its output path. */
  private static ObjectNode comparable(JsonNode manifest) {
    ObjectNode copy = manifest.deepCopy();
    copy.remove(RUN_SPECIFIC);
    if (copy.get("config") instanceof ObjectNode config) {
      config.remove("out");
    }
    return copy;
  }

  private static String abbreviate(JsonNode node) {
    String text = node.isMissingNode() ? "(absent)" : node.toString();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static Set<String> tableDirs(Path run) throws IOException {
    try (Stream<Path> entries = Files.list(run)) {
      Set<String> names = new TreeSet<>();
      for (Path p : entries.toList()) {
        if (Files.isDirectory(p) && Files.exists(p.resolve("_SUCCESS"))) {
          names.add(p.getFileName().toString());
        }
      }
      return names;
    }
  }

  private static List<String> partFiles(Path tableDir) throws IOException {
    try (Stream<Path> entries = Files.list(tableDir)) {
      return entries.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("part-") && n.endsWith(".parquet")).sorted().toList();
    }
  }

  private void compareTable(SparkSession spark, String table, Path expected, Path actual, long manifestCount)
      throws IOException {
    List<String> expectedFiles = partFiles(expected);
    List<String> actualFiles = partFiles(actual);
    // Part names carry a per-write UUID; their order (the part number) is what encodes the rows' order.
    if (expectedFiles.size() != actualFiles.size()) {
      differences.add(table + ": " + expectedFiles.size() + " Parquet part file(s) locally, " + actualFiles.size()
          + " on the cluster");
      return;
    }
    long rows = 0;
    for (int i = 0; i < expectedFiles.size(); i++) {
      String where = table + "/" + partNumber(expectedFiles.get(i));
      if (!partNumber(expectedFiles.get(i)).equals(partNumber(actualFiles.get(i)))) {
        differences.add(where + ": the cluster's part " + i + " is " + actualFiles.get(i));
        continue;
      }
      // One file per read: within a file Spark returns rows in the order written; across files it may not.
      StructType expectedSchema = spark.read().parquet(expected.resolve(expectedFiles.get(i)).toString()).schema();
      StructType actualSchema = spark.read().parquet(actual.resolve(actualFiles.get(i)).toString()).schema();
      if (!expectedSchema.equals(actualSchema)) {
        differences.add(where + ": schema differs: local " + expectedSchema.simpleString() + ", cluster "
            + actualSchema.simpleString());
        continue;
      }
      List<Row> e = spark.read().parquet(expected.resolve(expectedFiles.get(i)).toString()).collectAsList();
      List<Row> a = spark.read().parquet(actual.resolve(actualFiles.get(i)).toString()).collectAsList();
      rows += e.size();
      compareRows(where, expectedSchema, e, a);
    }
    if (manifestCount != rows) {
      differences.add(table + ": the local manifest counts " + manifestCount + " rows, its files hold " + rows);
    }
    System.out.printf("compare-runs: %-20s %,9d rows in %d file(s): schema, rows and order %s%n", table, rows,
        expectedFiles.size(), differences.stream().anyMatch(d -> d.startsWith(table + "/")) ? "DIFFER" : "equal");
  }

  /** "part-00000-<uuid>-c000.snappy.parquet" -> "part-00000". */
  private static String partNumber(String file) {
    return file.substring(0, Math.min(file.length(), "part-00000".length()));
  }

  private void compareRows(String where, StructType schema, List<Row> expected, List<Row> actual) {
    if (expected.size() != actual.size()) {
      differences.add(where + ": " + expected.size() + " rows locally, " + actual.size() + " on the cluster");
    }
    int shown = 0;
    Iterator<Row> e = expected.iterator();
    Iterator<Row> a = actual.iterator();
    for (int i = 0; e.hasNext() && a.hasNext(); i++) {
      Row er = e.next();
      Row ar = a.next();
      if (!er.equals(ar)) {
        if (shown++ < 3) {
          differences.add(where + ": row " + (i + 1) + " differs: local " + er + ", cluster " + ar
              + " (columns " + Arrays.toString(schema.fieldNames()) + ")");
        }
      }
    }
    if (shown > 3) {
      differences.add(where + ": " + (shown - 3) + " more differing rows");
    }
  }

  /** Files of a folder, byte for byte, once each side's own strings (its run id, ...) are masked. */
  private void compareFiles(String what, Path expected, Path actual, List<String> expectedMasks,
      List<String> actualMasks) throws IOException {
    boolean hasExpected = Files.isDirectory(expected);
    if (hasExpected != Files.isDirectory(actual)) {
      differences.add(what + "/: present in " + (hasExpected ? "the local run only" : "the cluster run only"));
      return;
    }
    if (!hasExpected) {
      return;
    }
    List<String> names = listFiles(expected);
    List<String> actualNames = listFiles(actual);
    if (!names.equals(actualNames)) {
      differences.add(what + "/: local files " + names + ", cluster files " + actualNames);
      return;
    }
    for (String name : names) {
      byte[] e = mask(Files.readAllBytes(expected.resolve(name)), expectedMasks);
      byte[] a = mask(Files.readAllBytes(actual.resolve(name)), actualMasks);
      if (!Arrays.equals(e, a)) {
        differences.add(what + "/" + name + ": contents differ (" + e.length + " bytes locally, " + a.length
            + " on the cluster" + (expectedMasks.isEmpty() ? "" : ", run id and time masked") + ")");
      }
    }
    System.out.printf("compare-runs: %-20s %9d file(s)%s: %s%n", what + "/", names.size(),
        expectedMasks.isEmpty() ? " byte for byte" : " (run id and time masked)",
        differences.stream().anyMatch(d -> d.startsWith(what + "/")) ? "DIFFER" : "equal");
  }

  private static byte[] mask(byte[] content, List<String> masks) {
    if (masks.isEmpty()) {
      return content;
    }
    String text = new String(content, StandardCharsets.UTF_8);
    for (int i = 0; i < masks.size(); i++) {
      text = text.replace(masks.get(i), "<masked " + i + ">");
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> listFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }
}
