package vn.provincecompare.reliability;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.provincecompare.cli.Pipeline;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.testing.SparkTestBase;

/**
 * The row-level half of the bad-input corpus ({@code src/test/resources/bad-inputs/}): every case file is its own
 * source of ONE sources.json and ONE ingest + compare run, and each case asserts exactly which of its lines were
 * quarantined, with which reason and message, how many were accepted, and that accepted + quarantined = the
 * lines of the file. Expectations are read off the files by hand (line 1 is the header), not off the output.
 *
 * <p>The same run carries the injection case: province names written as SQL ({@code O'Brien'); DROP},
 * {@code Hà Nội" OR 1=1}) registered as aliases, a source id and a column header with quotes, which must arrive
 * in the tables as data.
 */
class BadInputRowCasesTest extends SparkTestBase {
  @TempDir static Path tmp;
  static Pipeline.Summary summary;
  static Map<String, List<Row>> quarantineBySource;
  static Map<String, List<Row>> acceptedBySource;

  /** One quarantined line: its reason code and a piece of its message. */
  record Q(int line, String reason, String message) {
    @Override
    public String toString() {
      return line + " " + reason;
    }
  }

  /**
   * One case: the file, its frame rule, its priority, its data lines, the quarantined ones, and what the rest
   * is accepted as.
   */
  record Case(String file, String frame, int priority, int inputRows, int accepted, List<Q> quarantined) {
    String sourceId() {
      return file.replace(".csv", "");
    }

    @Override
    public String toString() {
      return file;
    }
  }

  static Case c(String file, int inputRows, int accepted, Q... quarantined) {
    return new Case(file, "VN63", 10, inputRows, accepted, List.of(quarantined));
  }

  static Case c(String file, String frame, int inputRows, int accepted, Q... quarantined) {
    return new Case(file, frame, 10, inputRows, accepted, List.of(quarantined));
  }

  static Q q(int line, String reason, String message) {
    return new Q(line, reason, message);
  }

  static final String TEN_MB_FILE = "generated-10mb-line.csv";
  static final String INJECTION_FILE = "generated-sql-names.csv";
  static final String INJECTION_SOURCE = "names\"); DROP TABLE indicator_values; --";
  static final String O_BRIEN = "O'Brien'); DROP";
  static final String HA_NOI_OR = "Hà Nội\" OR 1=1";

  static final List<Case> CASES = List.of(
      c("unknown-unit.csv", 3, 2, q(3, "UNKNOWN_UNIT", "unit: unknown province 'Atlantis' in frame VN63")),
      // "Hà…" (cut short) starts Hà Giang, Hà Nam, Hà Nội and Hà Tĩnh alike.
      c("ambiguous-unit.csv", 2, 1, q(3, "AMBIGUOUS_UNIT", "unit: ambiguous province name 'Hà…' in frame VN63")),
      // VN63 holds data years 2008-2025 (frames.csv); VN34 from 2024.
      c("year-outside-frame.csv", 2, 1,
          q(3, "YEAR_OUTSIDE_FRAME", "year 2005 is outside the data years of frame VN63 (2008-2025)")),
      c("year-outside-frame-vn34.csv", "VN34", 2, 1,
          q(3, "YEAR_OUTSIDE_FRAME", "year 2020 is outside the data years of frame VN34 (2024-)")),
      // SIPAS starts in 2017: a value in 2015 is an error, a blank in 2014 is expected (info).
      c("indicator-not-yet.csv", 3, 1,
          q(3, "YEAR_OUTSIDE_INDICATOR", "indicator SIPAS has a value in 2015 but the catalog says it exists 2017-"),
          q(4, "NOT_APPLICABLE", "indicator SIPAS did not exist in 2014")),
      c("off-scale.csv", 3, 1,
          q(2, "OFF_SCALE", "field 'value': value '105.3' is off the scale 0.0-100.0 of PAR_INDEX"),
          q(3, "OFF_SCALE", "field 'value': value '-2' is off the scale 0.0-100.0 of PAR_INDEX")),
      c("missing-blank.csv", 3, 1,
          q(2, "MISSING_VALUE", "field 'value': no value ('' is blank or a missing-value code)"),
          q(3, "MISSING_VALUE", "field 'value': no value ('   ' is blank or a missing-value code)")),
      c("missing-kcdl.csv", 3, 1,
          q(2, "MISSING_VALUE", "no value ('KCDL' is blank or a missing-value code)"),
          q(3, "MISSING_VALUE", "no value ('kcdl' is blank or a missing-value code)")),
      c("missing-dots.csv", 2, 1, q(2, "MISSING_VALUE", "no value ('..' is blank or a missing-value code)")),
      c("missing-na.csv", 3, 0,
          q(2, "MISSING_VALUE", "no value ('N/A' is"), q(3, "MISSING_VALUE", "no value ('NA' is"),
          q(4, "MISSING_VALUE", "no value ('-' is")),
      // PAPI's scale starts at 6, so UNDP's 0 means no data; 0 on PAR INDEX lies on its scale 0-100 but below
      // the plausible 40 (no province has scored near 0): kept out as a warning, not taken for a score.
      c("zero-off-scale.csv", 3, 1,
          q(2, "MISSING_CODE_OFF_SCALE", "value '0' is off the scale 6.0-80.0 of PAPI: the source's code for no data"),
          q(3, "IMPLAUSIBLE", "value '0' lies on the scale of PAR_INDEX but outside its plausible range 40.0-100.0")),
      c("non-numeric.csv", 3, 1,
          q(2, "NON_NUMERIC", "value 'tám mươi' is not a number"), q(3, "NON_NUMERIC", "value '85.2x' is not a number")),
      c("duplicate-same-value.csv", 3, 2,
          q(3, "DUPLICATE_ROW", "repeats line 2 of the same source for VN63 24 PAR_INDEX 2019 with the same value")),
      c("duplicate-conflict.csv", 3, 1,
          q(2, "DUPLICATE_CONFLICT", "the source gives 2 different values for VN63 25 PAR_INDEX 2019"),
          q(3, "DUPLICATE_CONFLICT", "the source gives 2 different values for VN63 25 PAR_INDEX 2019")),
      new Case("conflict-source-a.csv", "VN63", 10, 2, 2, List.of()),
      new Case("conflict-source-b.csv", "VN63", 20, 2, 2, List.of()),
      c("nfd-names.csv", 2, 2),
      c("bom.csv", 2, 2),
      c("excel-date-year.csv", 3, 1,
          q(2, "BAD_YEAR", "year '43831' is not a four-digit year"),
          q(3, "BAD_YEAR", "year '2020-01-01' is not a four-digit year")),
      c("thousands-separator.csv", 3, 1,
          q(2, "NON_NUMERIC", "value '1,234' is not a number"), q(3, "NON_NUMERIC", "value '1.234.5' is not a number")),
      c("decimal-comma.csv", 2, 1, q(2, "NON_NUMERIC",
          "value '64,5' is not a number (expected e.g. 64.5: a '.' decimal separator, no thousands separator, no % sign)")),
      c("percent-sign.csv", 2, 1, q(2, "NON_NUMERIC", "value '88.5%' is not a number")),
      // PAR INDEX 0.8844 (a 0-1 share) lies on 0-100 but below its plausible 40: kept out as a warning;
      // DTI 88.44 on 0-1 is off the scale; DTI 0.4412 is on it and plausible.
      c("zero-one-scale.csv", 3, 1,
          q(2, "IMPLAUSIBLE", "value '0.8844' lies on the scale of PAR_INDEX but outside its plausible range 40.0-100.0"),
          q(3, "OFF_SCALE", "value '88.44' is off the scale 0.0-1.0 of DTI")),
      // Huế twice with one value: the repeat goes; Hồ Chí Minh twice with two values: neither is used.
      c("province-twice-spellings.csv", 4, 1,
          q(3, "DUPLICATE_ROW", "repeats line 2 of the same source for VN63 46 PAR_INDEX 2019"),
          q(4, "DUPLICATE_CONFLICT", "the source gives 2 different values for VN63 79 PAR_INDEX 2019"),
          q(5, "DUPLICATE_CONFLICT", "the source gives 2 different values for VN63 79 PAR_INDEX 2019")),
      // Line 3 swapped year and indicator (the indicator check comes first); line 4 has an empty cell too many.
      c("year-column-shifted.csv", 3, 1,
          q(3, "UNKNOWN_INDICATOR", "indicator '2020' is not a code or name of data/reference/indicators.csv"),
          q(4, "WRONG_FIELD_COUNT", "line has 5 fields, the header has 4")),
      c("wrong-field-count.csv", 3, 1,
          q(3, "WRONG_FIELD_COUNT", "line has 5 fields, the header has 4"),
          q(4, "WRONG_FIELD_COUNT", "line has 2 fields, the header has 4")),
      c("unknown-indicator.csv", 3, 1,
          q(3, "UNKNOWN_INDICATOR", "indicator 'PAR INDEX 2' is not a code or name"),
          q(4, "UNKNOWN_INDICATOR", "indicator 'CHI_SO_CCHC' is not a code or name")),
      c("trailing-spaces-and-case.csv", 2, 2),
      // Yên Bái merged into Lào Cai on 2025-07-01: it is no VN34 unit.
      c("merged-province-vn34.csv", "VN34", 2, 1,
          q(2, "UNKNOWN_UNIT", "unit: unknown province 'Yên Bái' in frame VN34")),
      c("crlf-line-endings.csv", 2, 2),
      c("unicode-escapes-r-export.csv", 2, 2),
      c("lost-characters-wrong-decoding.csv", 2, 2),
      c("bad-rank.csv", 4, 1,
          q(3, "BAD_RANK", "published rank '0' of '63' is not a whole number between 1 and the published n"),
          q(4, "BAD_RANK", "published rank '65' of '63'"), q(5, "BAD_RANK", "published rank '12th' of '63'")),
      // A rank without a score is kept (rank_only); a row with neither is missing.
      c("rank-only.csv", 2, 1, q(3, "MISSING_VALUE", "no value ('' is blank or a missing-value code) and no published rank")),
      // by_published_n: 63 in 2020 is VN63; 64 units in 2021 is no frame (VN64 ends in 2008).
      c("published-n-no-frame.csv", "by_published_n", 2, 1,
          q(3, "UNKNOWN_FRAME", "unit frame '' could not be determined")),
      // Issue 14, class 1: overflow and non-finite spellings are not numbers; days cannot be negative (min 0).
      c("non-finite.csv", 5, 1,
          q(2, "NON_NUMERIC", "value '1e400' is not a finite number: it is beyond the range of a double"),
          q(3, "NON_NUMERIC", "value '-inf' is not a number"), q(4, "NON_NUMERIC", "value 'NaN' is not a number"),
          q(5, "OFF_SCALE", "value '-0.5' is off the scale 0.0- of OP_PROCESSING_TIME")),
      // Class 1: the extremes ingest accepts (0, the largest double, the smallest subnormal) go through compare.
      c("extreme-values-accepted.csv", 3, 3),
      // Class 2: VN63 has 63 units: rank 64 without n, and n 62, contradict the frame; 63 of 63 is fine.
      c("rank-beyond-frame.csv", 3, 1,
          q(2, "BAD_RANK", "published rank '64' is above the 63 units of frame VN63 in 2019"),
          q(3, "BAD_RANK", "published n '62' is not the 63 units of frame VN63 in 2020")),
      // Class 3: VN34 has no last data year; years after the run's are typos, 2025 is fine.
      c("future-year.csv", "VN34", 3, 1,
          q(2, "FUTURE_YEAR", "year 2099 is after the year of this run ("),
          q(3, "FUTURE_YEAR", "year 2999 is after the year of this run (")),
      // Class 4: 2019.0 / 26.0 / 63.0, no-break and zero-width padding are read; inner padding is shown.
      c("tool-written-numbers.csv", 5, 3,
          q(5, "NON_NUMERIC", "value '1<U+00A0>234' is not a number"),
          q(6, "BAD_YEAR", "year '2023.5' is not a four-digit year")),
      // Class 5: frame cells vn63, 'VN 63' and blank (the source's) are read; VN36 is one quarantined row.
      c("unit-frame-cells.csv", 4, 3,
          q(5, "UNKNOWN_FRAME", "unit frame 'VN36' could not be determined")),
      // Generated at run time (a 10 MB file is not committed): a province cell holding 10 MB of pasted text.
      c(TEN_MB_FILE, 2, 1, q(3, "UNKNOWN_UNIT", "unit: unknown province")),
      // The injection rows: both names are aliases of real provinces, so they are accepted as data.
      new Case(INJECTION_FILE, "VN63", 10, 3, 2, List.of(q(4, "UNKNOWN_UNIT", "unknown province 'x'); DROP TABLE"))));

  static List<Case> cases() {
    return CASES;
  }

  @BeforeAll
  static void runTheCorpus() throws IOException {
    Path data = BadInputCorpus.dataFolder(tmp);
    Path bad = data.resolve("raw/bad");
    // 10 MB in the province column: plausible when a note is pasted into the wrong cell.
    Files.writeString(bad.resolve(TEN_MB_FILE), "unit,year,indicator,value\nĐồng Nai,2019,PAR_INDEX,81.2\n"
        + "Bình Dương".repeat(1_000_000) + ",2019,PAR_INDEX,85.0\n", StandardCharsets.UTF_8);
    // Names that would break a query built by concatenation, as aliases of Lào Cai (10) and Hà Nội (01).
    Files.writeString(data.resolve("reference/aliases.csv"), "\"" + O_BRIEN + "\",VN63,10,reliability test\n"
        + "\"" + HA_NOI_OR.replace("\"", "\"\"") + "\",VN63,01,reliability test\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(bad.resolve(INJECTION_FILE), "\"tỉnh'); DROP TABLE x; --\",year,indicator,value\n"
        + "\"" + O_BRIEN + "\",2023,PAR_INDEX,83.75\n"
        + "\"" + HA_NOI_OR.replace("\"", "\"\"") + "\",2023,PAR_INDEX,88.25\n"
        + "\"x'); DROP TABLE indicator_values; --\",2023,PAR_INDEX,70.0\n", StandardCharsets.UTF_8);

    StringBuilder sources = new StringBuilder("{\"sources\": [\n");
    for (Case c : CASES) {
      boolean injection = c.file().equals(INJECTION_FILE);
      String id = injection ? INJECTION_SOURCE : c.sourceId();
      sources.append("  {\"source_id\": ").append(json(id)).append(", \"format\": \"long_csv\", \"path\": ")
          .append(json("data/raw/bad/" + c.file())).append(", \"priority\": ").append(c.priority())
          .append(", \"frame\": ").append(json(c.frame()));
      if (injection) {
        sources.append(", \"columns\": {\"unit\": ").append(json("tỉnh'); DROP TABLE x; --")).append("}");
      }
      sources.append("},\n");
    }
    sources.setLength(sources.length() - 2);
    sources.append("\n]}\n");
    Files.writeString(data.resolve("raw/sources.json"), sources, StandardCharsets.UTF_8);

    JobConfig config = JobConfig.defaults().overlay(new JobConfig(data.toString(), null,
        tmp.resolve("out").toString(), null, List.of(O_BRIEN), null, List.of(HA_NOI_OR), null, null, null, null,
        null, 2, null));
    summary = Pipeline.run(spark, config, Pipeline.Stages.RUN);
    quarantineBySource = table("quarantine").collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.<String>getAs("source_id"), TreeMap::new, Collectors.toList()));
    acceptedBySource = table("indicator_values").collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.<String>getAs("source_id"), TreeMap::new, Collectors.toList()));
  }

  static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static Dataset<Row> table(String name) {
    return spark.read().parquet(summary.runDir().resolve(name).toString());
  }

  static String id(Case c) {
    return c.file().equals(INJECTION_FILE) ? INJECTION_SOURCE : c.sourceId();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCaseQuarantinesExactlyTheLinesExpectedWithTheirReasons(Case c) {
    List<Row> quarantined = quarantineBySource.getOrDefault(id(c), List.of());
    List<String> got = quarantined.stream().sorted(java.util.Comparator.comparing(r -> r.<Integer>getAs("line")))
        .map(r -> r.<Integer>getAs("line") + " " + r.<String>getAs("reason_code")).toList();
    assertThat(got).as("quarantined lines of %s", c.file())
        .containsExactlyElementsOf(c.quarantined().stream().map(Q::toString).toList());
    for (Q expected : c.quarantined()) {
      Row row = quarantined.stream().filter(r -> r.<Integer>getAs("line") == expected.line()).findFirst().orElseThrow();
      assertThat(row.<String>getAs("message")).as("message of %s line %d", c.file(), expected.line())
          .contains(expected.message());
      assertThat(row.<String>getAs("source_file")).isEqualTo("data/raw/bad/" + c.file());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void acceptedPlusQuarantinedIsEveryInputRow(Case c) {
    long accepted = acceptedBySource.getOrDefault(id(c), List.of()).size();
    long quarantined = quarantineBySource.getOrDefault(id(c), List.of()).size();
    assertThat(accepted).as("accepted rows of %s", c.file()).isEqualTo(c.accepted());
    assertThat(accepted + quarantined).as("rows of %s", c.file()).isEqualTo(c.inputRows());
  }

  @Test
  void theWholeRunAccountsForEveryRow() {
    // The sum of the data lines of the cases above, counted by hand per file.
    int expectedRows = CASES.stream().mapToInt(Case::inputRows).sum();
    // 95 before issue 14's cases, + 5 + 3 + 3 + 3 + 5 + 4 = 118.
    assertThat(expectedRows).isEqualTo(118);
    assertThat(summary.accounting()).contains("rows read:        118").contains("accounted for:    yes");
    // Accepted lines summed case by case: 49 + 1 + 3 + 1 + 1 + 3 + 3 = 61, less the two PAR INDEX values kept out
    // as IMPLAUSIBLE (0.8844 and 0, issue 13.8) = 59; quarantined: 118 - 59 = 59.
    assertThat(CASES.stream().mapToInt(Case::accepted).sum()).isEqualTo(59);
    assertThat(table("indicator_values").filter(col("source_id").notEqual("derived")).count()).isEqualTo(59);
    assertThat(table("quarantine").count()).isEqualTo(59);
  }

  @Test
  void sourcesThatDisagreeAreBothKeptAndTheLesserOneFlagged() {
    // Vĩnh Phúc (26) PAR INDEX 2019: 86.12 (priority 10) against 86.21 (priority 20): 0.09 apart, beyond 1e-4 each.
    Map<String, String> status2019 = new TreeMap<>();
    Map<String, String> status2020 = new TreeMap<>();
    for (String source : List.of("conflict-source-a", "conflict-source-b")) {
      for (Row r : acceptedBySource.get(source)) {
        String s = r.<String>getAs("value_status") + (r.<Boolean>getAs("is_preferred") ? "/preferred" : "");
        (r.<Integer>getAs("year") == 2019 ? status2019 : status2020).put(source, s);
      }
    }
    assertThat(status2019).containsExactly(Map.entry("conflict-source-a", "reported/preferred"),
        Map.entry("conflict-source-b", "conflict"));
    // 87.00 in both: no conflict, the better priority preferred.
    assertThat(status2020).containsExactly(Map.entry("conflict-source-a", "reported/preferred"),
        Map.entry("conflict-source-b", "reported"));
  }

  @Test
  void aScoreOnTheWrongScaleThatStillFitsIsQuarantinedAsImplausible() {
    // PAR INDEX 0.8844 (Ninh Bình 37, 2019) is a 0-1 share where 0-100 is expected: on the scale 0-100, below the
    // plausible 40 of indicators.csv. A warning: the row is kept out, with the range to check in the message.
    assertThat(acceptedBySource.get("zero-one-scale"))
        .noneMatch(x -> x.<String>getAs("indicator_code").equals("PAR_INDEX"));
    Row q = quarantineBySource.get("zero-one-scale").stream()
        .filter(x -> x.<String>getAs("reason_code").equals("IMPLAUSIBLE")).findFirst().orElseThrow();
    assertThat(q.<String>getAs("level")).isEqualTo("warning");
    assertThat(q.<String>getAs("message")).isEqualTo("field 'value': value '0.8844' lies on the scale of PAR_INDEX "
        + "but outside its plausible range 40.0-100.0 (data/reference/indicators.csv): a 0-1 share where 0-100 is "
        + "expected, or a shifted decimal?");
  }

  @Test
  void namesWrittenAsSqlArriveAsDataThroughIngestAndCompare() {
    // O'Brien'); DROP is an alias of Lào Cai (10), Hà Nội" OR 1=1 of Hà Nội (01): their 2023 PAR INDEX rows.
    Map<String, Double> values = acceptedBySource.get(INJECTION_SOURCE).stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("unit_code"), r -> r.<Double>getAs("value")));
    assertThat(values).containsOnly(Map.entry("10", 83.75), Map.entry("01", 88.25));
    Row rejected = quarantineBySource.get(INJECTION_SOURCE).get(0);
    assertThat(rejected.<String>getAs("raw_record")).isEqualTo("\"x'); DROP TABLE indicator_values; --\",2023,"
        + "PAR_INDEX,70.0");
    // Compare carried them into rankings; with 2 of 63 units holding a 2023 value (under the 0.9 coverage
    // threshold) no rank is computed and none was published, so rank stays null.
    List<Row> ranks = table("rankings").filter(col("indicator_code").equalTo("PAR_INDEX")
        .and(col("year").equalTo(2023))).orderBy(col("unit_code")).collectAsList();
    assertThat(ranks.stream().map(r -> r.<String>getAs("unit_code") + "=" + r.getAs("value") + "/"
        + r.getAs("rank")).toList()).containsExactly("01=88.25/null", "10=83.75/null");
    // The focal (O'Brien...) and peer (Hà Nội" OR 1=1) names from the config reached the scorecard and peers.
    assertThat(table("scorecard").filter(col("unit_code").equalTo("10")
        .and(col("indicator_code").equalTo("PAR_INDEX"))).count()).isEqualTo(1);
    // Every table the run wrote is there; nothing was dropped.
    assertThat(summary.rowCounts()).containsKeys(PublishedRunReader.RUN_TABLES.toArray(String[]::new));
  }

  @Test
  void noSparkSqlTextIsBuiltFromData() throws IOException {
    // The only SQL text in main code is expr(...) of string literals; no spark.sql, selectExpr or temp views.
    Path main = SparkTestBase.repoRoot().resolve("jobs/src/main/java");
    List<String> offenders = new ArrayList<>();
    int exprCalls = 0;
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String src = Files.readString(f);
        for (String banned : List.of(".sql(", "selectExpr(", "createOrReplaceTempView(", "createTempView(",
            "functions.expr(", ".where(\"", ".filter(\"")) {
          if (src.contains(banned) && !banned.equals("functions.expr(")) {
            offenders.add(main.relativize(f) + ": " + banned);
          }
        }
        for (int at = src.indexOf("expr("); at >= 0; at = src.indexOf("expr(", at + 1)) {
          if (at > 0 && Character.isJavaIdentifierPart(src.charAt(at - 1))) {
            continue;
          }
          exprCalls++;
          String args = argumentsOf(src, at + "expr(".length());
          String outsideLiterals = args.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "").replaceAll("[\\s+]", "");
          if (!outsideLiterals.isEmpty()) {
            offenders.add(main.relativize(f) + ": expr(" + args + ")");
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
    assertThat(exprCalls).as("expr calls checked").isPositive();
  }

  /** The text between an opening parenthesis (just before {@code from}) and its closing one, skipping literals. */
  static String argumentsOf(String src, int from) {
    int depth = 1;
    boolean inString = false;
    for (int i = from; i < src.length(); i++) {
      char ch = src.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')' && --depth == 0) {
        return src.substring(from, i);
      }
    }
    throw new IllegalStateException("unbalanced parentheses after " + from);
  }
}
