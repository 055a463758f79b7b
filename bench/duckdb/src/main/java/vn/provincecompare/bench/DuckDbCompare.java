package vn.provincecompare.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The project's {@code compare} (rankings, changes, target_gaps) written as SQL and run in one in-process DuckDB
 * connection: the peer bench/compare-scale.py measures the Spark job against, on the same Parquet and machine.
 *
 * <p>Reads {@code <data-dir>/reference/*.csv}, {@code <data-dir>/targets/targets.csv} and the canonical
 * {@code indicator_values} Parquet; writes {@code <out>/<table>/part-00000.parquet} for each table, with the Spark
 * tables' column names, types and sort keys ({@code PublishedTables}), and prints the row counts. The rules live in
 * the SQL resources next to this class ({@code rankings.sql}, {@code changes.sql}, {@code target_gaps.sql}); like
 * the job, each table is written and read back before the next one is computed from it.
 *
 * <pre>
 * java -cp bench/duckdb/target/duckdb-compare.jar:bench/duckdb/target/lib/* vn.provincecompare.bench.DuckDbCompare \
 *     --data-dir bench/work/syn-1m --indicator-values bench/work/syn-1m/indicator_values --out /tmp/duck-1m
 * </pre>
 */
public final class DuckDbCompare {

  /** Exit codes, as the job uses them: usage 2, unusable input 3. */
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;

  /** One output table: the SQL resource computing it and the keys its rows are sorted by. */
  public record Table(String name, String sqlResource, List<String> sortKeys) {}

  /** Same names, order and sort keys as the job's PublishedTables.RANKINGS, CHANGES and TARGET_GAPS. */
  public static final List<Table> TABLES = List.of(
      new Table("rankings", "rankings.sql", List.of("unit_frame", "indicator_code", "year", "unit_code")),
      new Table("changes", "changes.sql", List.of("unit_frame", "indicator_code", "year", "unit_code")),
      new Table("target_gaps", "target_gaps.sql", List.of("target_id")));

  /**
   * A reference file the SQL reads: the raw view it becomes, the columns the SQL needs, and the columns that must
   * parse as a type (everything else is text). A blank cell is null, as in the job's catalog.
   */
  record ReferenceFile(String path, String view, List<String> required, Map<String, String> typed) {}

  static final List<ReferenceFile> REFERENCE_FILES = List.of(
      new ReferenceFile("reference/frames.csv", "raw_frames",
          List.of("frame_code", "valid_from", "valid_to", "n_units"),
          Map.of("valid_from", "DATE", "valid_to", "DATE", "n_units", "INTEGER")),
      new ReferenceFile("reference/units.csv", "raw_units",
          List.of("unit_frame", "unit_code", "name_vi", "region_code"), Map.of()),
      new ReferenceFile("reference/indicators.csv", "raw_indicators",
          List.of("indicator_code", "value_type", "direction"), Map.of()),
      new ReferenceFile("reference/bands.csv", "raw_bands",
          List.of("indicator_code", "band_code", "band_rank", "basis", "lower", "upper", "first_year", "last_year"),
          Map.of("band_rank", "INTEGER", "lower", "DOUBLE", "upper", "DOUBLE", "first_year", "INTEGER",
              "last_year", "INTEGER")),
      new ReferenceFile("reference/method_breaks.csv", "raw_method_breaks",
          List.of("indicator_code", "break_year"), Map.of("break_year", "INTEGER")),
      new ReferenceFile("reference/lineage.csv", "raw_lineage",
          List.of("from_frame", "from_code", "to_frame", "to_code"), Map.of()),
      new ReferenceFile("targets/targets.csv", "raw_targets",
          List.of("target_id", "unit_frame", "unit_code", "indicator_code", "target_year", "kind", "threshold",
              "band_code", "base_year"),
          Map.of("target_year", "INTEGER", "threshold", "DOUBLE", "base_year", "INTEGER")));

  /** The canonical indicator_values columns (docs/tables/indicator_values.md) with their DuckDB types. */
  static final Map<String, String> INDICATOR_VALUES = orderedMap(
      "unit_frame", "VARCHAR", "unit_code", "VARCHAR", "indicator_code", "VARCHAR", "year", "INTEGER",
      "value", "DOUBLE", "published_rank", "INTEGER", "published_n", "INTEGER", "source_id", "VARCHAR",
      "source_file", "VARCHAR", "source_line", "INTEGER", "value_status", "VARCHAR", "is_preferred", "BOOLEAN");

  static final String USAGE_TEXT = "usage: DuckDbCompare --data-dir DIR --indicator-values PATH --out DIR "
      + "[--threads N] [--memory-limit X] [--coverage-threshold S] [--trend-years K] [--top-n N] "
      + "[--baseline-year Y]";

  private DuckDbCompare() {}

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Parses, runs, prints the row counts; returns the exit code (tests call this, only main exits). */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    try {
      Options options = Options.parse(args);
      if (options == null) {
        out.println(USAGE_TEXT);
        return OK;
      }
      Map<String, Long> counts = run(options);
      out.println("duckdb compare -> " + options.out());
      counts.forEach((table, n) -> out.printf("  %-18s %,10d rows%n", table, n));
      return OK;
    } catch (UsageError e) {
      err.println("duckdb-compare: " + e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    } catch (InputException e) {
      err.println("duckdb-compare: " + e.getMessage());
      return BAD_INPUT;
    } catch (SQLException e) {
      err.println("duckdb-compare: DuckDB failed: " + e.getMessage());
      return FAILED;
    }
  }

  /** Computes and writes the three tables; returns their row counts, read back from the written files. */
  public static Map<String, Long> run(Options options) throws SQLException {
    prepareOut(options.out());
    Path spill = options.out().resolve(".duckdb-tmp");
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = connection.createStatement()) {
      // Left at DuckDB's defaults unless asked (threads = all cores, as Spark's local[*]).
      if (options.threads() != null) {
        sql.execute("SET threads = " + options.threads());
      }
      if (options.memoryLimit() != null) {
        sql.execute("SET memory_limit = " + literal(options.memoryLimit()));
      }
      sql.execute("SET temp_directory = " + literal(spill.toString()));
      setVariables(sql, options.settings());
      for (ReferenceFile file : REFERENCE_FILES) {
        createRawView(sql, options.dataDir(), file);
      }
      createIndicatorValuesView(sql, options.indicatorValues());
      runScript(sql, resource("inputs.sql"));
      for (Table table : TABLES) {
        Path dir = options.out().resolve(table.name());
        Path file = dir.resolve("part-00000.parquet");
        createDirectories(dir);
        sql.execute("COPY (SELECT * FROM (" + stripTerminator(resource(table.sqlResource())) + ") ORDER BY "
            + String.join(", ", table.sortKeys()) + ") TO " + literal(file.toString())
            + " (FORMAT parquet, COMPRESSION snappy)");
        // Later tables read the written file, as the job's later stages read theirs.
        sql.execute("CREATE OR REPLACE VIEW " + table.name() + " AS SELECT * FROM read_parquet("
            + literal(file.toString()) + ")");
        counts.put(table.name(), scalarLong(sql, "SELECT count(*) FROM " + table.name()));
      }
    } finally {
      deleteTree(spill);
    }
    return counts;
  }

  /** The knobs of the job's ComputeSettings that the SQL reads, with the job's defaults and checks. */
  public record Settings(double coverageThreshold, int trendYears, Integer baselineYear, int topN) {
    public Settings {
      if (!(coverageThreshold > 0.0 && coverageThreshold <= 1.0)) {
        throw new UsageError("--coverage-threshold is " + coverageThreshold + "; it must be a share in (0, 1], "
            + "e.g. 0.9");
      }
      if (trendYears < 2) {
        throw new UsageError("--trend-years is " + trendYears + "; a slope needs at least 2 years, e.g. 3");
      }
      if (topN < 1) {
        throw new UsageError("--top-n is " + topN + "; it must be at least 1, e.g. 10");
      }
    }

    public static Settings defaults() {
      return new Settings(0.9, 3, null, 10);
    }
  }

  /** What one run is asked to do. */
  public record Options(Path dataDir, Path indicatorValues, Path out, Integer threads, String memoryLimit,
      Settings settings) {

    /** Null for --help. */
    static Options parse(String[] args) {
      Map<String, String> given = new LinkedHashMap<>();
      List<String> known = List.of("--data-dir", "--indicator-values", "--out", "--threads", "--memory-limit",
          "--coverage-threshold", "--trend-years", "--top-n", "--baseline-year");
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--help") || a.equals("-h")) {
          return null;
        }
        if (!known.contains(a)) {
          throw new UsageError("unknown option '" + a + "'; valid: " + known);
        }
        if (i + 1 >= args.length) {
          throw new UsageError(a + " needs a value");
        }
        given.put(a, args[++i]);
      }
      for (String required : List.of("--data-dir", "--indicator-values", "--out")) {
        if (!given.containsKey(required)) {
          throw new UsageError(required + " is required");
        }
      }
      Path dataDir = Paths.get(given.get("--data-dir")).toAbsolutePath().normalize();
      if (!Files.isDirectory(dataDir)) {
        throw new UsageError("--data-dir " + given.get("--data-dir") + " is not a folder (expected one with "
            + "reference/ and targets/, e.g. bench/work/syn-1m)");
      }
      Path values = Paths.get(given.get("--indicator-values")).toAbsolutePath().normalize();
      if (!Files.exists(values)) {
        throw new UsageError("--indicator-values " + given.get("--indicator-values") + " does not exist "
            + "(expected a Parquet file or a folder of Parquet files with the columns of "
            + "docs/tables/indicator_values.md)");
      }
      Settings d = Settings.defaults();
      Settings settings = new Settings(
          number(given, "--coverage-threshold", d.coverageThreshold()),
          (int) integer(given, "--trend-years", d.trendYears()),
          given.containsKey("--baseline-year") ? (int) integer(given, "--baseline-year", 0) : null,
          (int) integer(given, "--top-n", d.topN()));
      Integer threads = given.containsKey("--threads") ? (int) integer(given, "--threads", 0) : null;
      if (threads != null && threads < 1) {
        throw new UsageError("--threads is " + threads + "; it must be at least 1");
      }
      String memory = given.get("--memory-limit");
      if (memory != null && !memory.matches("\\d+(\\.\\d+)?\\s*[KMGT]?i?B")) {
        throw new UsageError("--memory-limit '" + memory + "' is not a size such as 4GB or 512MB");
      }
      return new Options(dataDir, values, Paths.get(given.get("--out")).toAbsolutePath().normalize(), threads,
          memory, settings);
    }

    private static double number(Map<String, String> given, String key, double fallback) {
      String v = given.get(key);
      try {
        return v == null ? fallback : Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new UsageError(key + " '" + v + "' is not a number");
      }
    }

    private static long integer(Map<String, String> given, String key, long fallback) {
      String v = given.get(key);
      try {
        return v == null ? fallback : Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new UsageError(key + " '" + v + "' is not a whole number");
      }
    }
  }

  /** A bad command line (exit 2). */
  public static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
      super(message);
    }
  }

  private static void setVariables(Statement sql, Settings s) throws SQLException {
    sql.execute("SET VARIABLE coverage_threshold = CAST(" + literal(Double.toString(s.coverageThreshold()))
        + " AS DOUBLE)");
    sql.execute("SET VARIABLE trend_years = CAST(" + s.trendYears() + " AS INTEGER)");
    // The job fits target projections over as many years as its trend (CompareStage passes trend_years).
    sql.execute("SET VARIABLE projection_years = CAST(" + s.trendYears() + " AS INTEGER)");
    sql.execute("SET VARIABLE top_n = CAST(" + s.topN() + " AS INTEGER)");
    sql.execute("SET VARIABLE baseline_year = CAST(" + (s.baselineYear() == null ? "NULL" : s.baselineYear())
        + " AS INTEGER)");
  }

  /**
   * {@code raw_<name>}: every column of the file as text, named by the file's own header, so that the typed views
   * of inputs.sql select by name. The header must hold the columns the SQL needs, and the typed columns must
   * parse: both are checked here, so that a bad file is named with its line and field instead of failing inside
   * a query.
   */
  static void createRawView(Statement sql, Path dataDir, ReferenceFile file) throws SQLException {
    Path path = dataDir.resolve(file.path());
    String shown = file.path();
    if (!Files.isRegularFile(path)) {
      throw new InputException(dataDir.resolve(file.path()).toString(), null, null,
          "file is missing; the data folder needs " + REFERENCE_FILES.stream().map(ReferenceFile::path).toList());
    }
    List<String> header = header(path);
    if (header.isEmpty()) {
      throw new InputException(path.toString(), 1L, null, "the file is empty; expected a header row with "
          + file.required());
    }
    for (String column : file.required()) {
      if (!header.contains(column)) {
        throw new InputException(path.toString(), 1L, column, "column " + column + " is missing from the header "
            + header + "; " + shown + " needs " + file.required());
      }
    }
    String columns = header.stream().map(c -> literal(c) + ": 'VARCHAR'").collect(Collectors.joining(", "));
    sql.execute("CREATE OR REPLACE VIEW " + file.view() + " AS SELECT * FROM read_csv(" + literal(path.toString())
        + ", header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false, columns = {"
        + columns + "})");
    for (Map.Entry<String, String> typed : new java.util.TreeMap<>(file.typed()).entrySet()) {
      String c = quoteIdentifier(typed.getKey());
      // Line = row number + 1 for the header (the reference files hold no multi-line cells).
      try (ResultSet bad = sql.executeQuery("SELECT line, cell FROM (SELECT row_number() OVER () + 1 AS line, "
          + c + " AS cell FROM " + file.view() + ") WHERE nullif(trim(cell), '') IS NOT NULL AND "
          + "try_cast(trim(cell) AS " + typed.getValue() + ") IS NULL ORDER BY line LIMIT 1")) {
        if (bad.next()) {
          throw new InputException(path.toString(), bad.getLong(1), typed.getKey(), "'" + bad.getString(2)
              + "' is not " + describe(typed.getValue()) + "; leave the cell blank for none");
        }
      }
    }
  }

  /** {@code indicator_values}: the declared columns of the Parquet, checked by name and type like the job does. */
  static void createIndicatorValuesView(Statement sql, Path path) throws SQLException {
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().endsWith(".parquet"))
            .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
            .sorted(Comparator.naturalOrder()).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (files.isEmpty()) {
        throw new InputException(path.toString(), null, null, "no .parquet file in this folder; expected the "
            + "indicator_values table of docs/tables/indicator_values.md");
      }
    } else {
      files = List.of(path);
    }
    String source = "read_parquet([" + files.stream().map(p -> literal(p.toString()))
        .collect(Collectors.joining(", ")) + "])";
    Map<String, String> found = new LinkedHashMap<>();
    try (ResultSet columns = sql.executeQuery("DESCRIBE SELECT * FROM " + source)) {
      while (columns.next()) {
        found.put(columns.getString("column_name"), columns.getString("column_type"));
      }
    }
    for (Map.Entry<String, String> want : INDICATOR_VALUES.entrySet()) {
      String got = found.get(want.getKey());
      if (got == null) {
        throw new InputException(path.toString(), null, want.getKey(), "column " + want.getKey() + " is missing; "
            + "indicator_values needs " + INDICATOR_VALUES.keySet());
      }
      if (!got.equals(want.getValue())) {
        throw new InputException(path.toString(), null, want.getKey(), "column " + want.getKey() + " is " + got
            + ", expected " + want.getValue());
      }
    }
    sql.execute("CREATE OR REPLACE VIEW indicator_values AS SELECT "
        + String.join(", ", INDICATOR_VALUES.keySet()) + " FROM " + source);
  }

  /** Runs each statement of a script; statements end with a semicolon at the end of a line. */
  static void runScript(Statement sql, String script) throws SQLException {
    for (String statement : script.split(";\\s*(\\r?\\n|$)")) {
      if (!statement.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
        sql.execute(statement);
      }
    }
  }

  static String resource(String name) {
    try (InputStream in = DuckDbCompare.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("SQL resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stripTerminator(String query) {
    String q = query.strip();
    return q.endsWith(";") ? q.substring(0, q.length() - 1) : q;
  }

  private static List<String> header(Path path) {
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null || line.isBlank()) {
        return List.of();
      }
      if (line.startsWith("\uFEFF")) {
        throw new InputException(path.toString(), 1L, null, "the file starts with a byte-order mark; save it as "
            + "UTF-8 without BOM like the other reference files");
      }
      return Arrays.stream(line.split(",", -1)).map(String::strip).toList();
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InputException(path.toString(), 1L, null, "the header is not UTF-8; save the file as UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void prepareOut(Path out) {
    if (Files.exists(out)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(out)) {
        empty = entries.findAny().isEmpty();
      } catch (IOException e) {
        throw new UsageError("--out " + out + " is not a folder we can list: " + e.getMessage());
      }
      if (!empty) {
        throw new UsageError("--out " + out + " is not empty; give a new folder (nothing is overwritten)");
      }
    }
    createDirectories(out);
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing DuckDB's spill folder " + dir, e);
    }
  }

  private static long scalarLong(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String describe(String type) {
    return switch (type) {
      case "INTEGER" -> "a whole number";
      case "DOUBLE" -> "a number (decimal point '.')";
      case "DATE" -> "a date yyyy-mm-dd";
      default -> "a " + type;
    };
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
