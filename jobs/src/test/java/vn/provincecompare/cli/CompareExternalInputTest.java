package vn.provincecompare.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.testing.SparkTestBase;
import vn.provincecompare.validate.ValidateTables;

/**
 * {@code compare --indicator-values} on a commune-level data folder written here: four communes (5-digit codes)
 * of a frame with no predecessors (header-only lineage and aliases), a canonical table prepared elsewhere, and
 * {@code --tables} choosing what is published. Ranks and gaps worked out by hand below.
 */
class CompareExternalInputTest extends SparkTestBase {
  @TempDir static Path dir;
  static Path data;
  static Path values;

  @BeforeAll
  static void writeInputs() throws IOException {
    data = dir.resolve("communes");
    Path ref = Files.createDirectories(data.resolve("reference"));
    Files.writeString(ref.resolve("frames.csv"), """
        frame_code,name,valid_from,valid_to,first_data_year,last_data_year,n_units
        CX25,Four test communes,2020-01-01,,2023,2024,4
        """);
    Files.writeString(ref.resolve("regions.csv"), "region_code,name_vi,name_en\nR1,Vùng 1,Region 1\nR2,Vùng 2,Region 2\n");
    Files.writeString(ref.resolve("units.csv"), """
        unit_frame,unit_code,name_vi,name_ascii,name_en,unit_type,region_code
        CX25,00001,Xã Một,Xa Mot,Commune One,commune,R1
        CX25,00002,Xã Hai,Xa Hai,Commune Two,commune,R1
        CX25,00003,Phường Ba,Phuong Ba,Ward Three,ward,R2
        CX25,00004,Xã Bốn,Xa Bon,Commune Four,commune,R2
        """);
    Files.writeString(ref.resolve("lineage.csv"),
        "from_frame,from_code,to_frame,to_code,relation,effective_date,source\n");
    Files.writeString(ref.resolve("aliases.csv"), "alias,unit_frame,unit_code,source\n");
    List<String> indicatorHeader = Files.readAllLines(repoRoot().resolve("data/reference/indicators.csv"));
    Files.writeString(ref.resolve("indicators.csv"), indicatorHeader.get(0) + "\n"
        + indicatorRow(indicatorHeader.get(0), "T_UP", "higher_is_better")
        + indicatorRow(indicatorHeader.get(0), "T_DOWN", "lower_is_better"));
    Files.writeString(ref.resolve("bands.csv"), """
        indicator_code,band_code,band_rank,name_vi,name_en,basis,lower,upper,first_year,last_year,source
        T_UP,T_UP_GOOD,1,Tốt,Good,value,70,,2023,,test
        T_UP,T_UP_LOW,2,Thấp,Low,value,,70,2023,,test
        """);
    Files.writeString(ref.resolve("method_breaks.csv"), "indicator_code,break_year,description,source\n");
    Files.copy(repoRoot().resolve("data/reference/missing_value_codes.csv"), ref.resolve("missing_value_codes.csv"));
    Path targets = Files.createDirectories(data.resolve("targets"));
    Files.writeString(targets.resolve("targets.csv"), """
        target_id,unit_frame,unit_code,indicator_code,target_year,kind,threshold,band_code,base_year,source,note
        X4-TOP2,CX25,00004,T_UP,2026,rank_at_most,2,,,test,top 2 of 4
        """);

    List<Row> rows = new ArrayList<>();
    // T_UP 2023: 00002 and 00003 tie at 70 -> 1, 1; 00001 (60) 3; 00004 (50) 4.
    // T_UP 2024: 75, 70, 65, 40 -> 1, 2, 3, 4.   T_DOWN 2024 (lower is better): 10, 5, 5, 20 -> 3, 1, 1, 4.
    double[][] up = {{60, 75}, {70, 70}, {70, 65}, {50, 40}};
    double[] down = {10, 5, 5, 20};
    for (int u = 0; u < 4; u++) {
      String code = "0000" + (u + 1);
      rows.add(observation(code, "T_UP", 2023, up[u][0]));
      rows.add(observation(code, "T_UP", 2024, up[u][1]));
      rows.add(observation(code, "T_DOWN", 2024, down[u]));
    }
    values = dir.resolve("prepared/indicator_values");
    spark.createDataFrame(rows, ValidateTables.INDICATOR_VALUES).write().parquet(values.toString());
  }

  private static String indicatorRow(String header, String code, String direction) {
    List<String> cells = new ArrayList<>();
    for (String column : header.split(",")) {
      cells.add(switch (column) {
        case "indicator_code", "short_name" -> code;
        case "family" -> "TEST";
        case "name_vi", "name_en" -> "Test " + code;
        case "publisher" -> "test";
        case "kind" -> "composite";
        case "unit" -> "points";
        case "value_type" -> "index_score";
        case "scale_min" -> "0";
        case "scale_max" -> "100";
        case "direction" -> direction;
        case "first_year" -> "2023";
        case "merger_combine" -> "never";
        default -> "";
      });
    }
    return String.join(",", cells) + "\n";
  }

  private static Row observation(String unit, String indicator, int year, double value) {
    return RowFactory.create("CX25", unit, indicator, year, value, null, null, "PREPARED", "prepared.csv", 2,
        "reported", true);
  }

  private static JobConfig config(String out, String indicatorValues, List<String> tables) {
    return JobConfig.defaults().overlay(new JobConfig(data.toString(), null, dir.resolve(out).toString(), null,
        List.of("00004"), "CX25", null, null, null, null, null, null, 2, null, null, null, indicatorValues,
        tables));
  }

  private static Dataset<Row> table(Pipeline.Summary s, String name) {
    return spark.read().parquet(s.runDir().resolve(name).toString());
  }

  @Test
  void ranksCommunesFromThePreparedTableAndPublishesOnlyWhatWasAsked() throws IOException {
    Pipeline.Summary s = Pipeline.run(spark, config("out-gaps", values.toString(), List.of("target_gaps")),
        Pipeline.Stages.COMPARE);

    // target_gaps is built from rankings and changes, so those three are published, and the prepared rows' checks.
    assertThat(s.rowCounts().keySet()).containsExactlyInAnyOrder("rankings", "changes", "target_gaps",
        "quarantine", "dq_results");
    assertThat(s.rowCounts()).containsEntry("quarantine", 0L);
    assertThat(s.rowCounts()).containsEntry("rankings", 12L).containsEntry("changes", 12L);
    assertThat(Files.readString(s.runDir().resolve("manifest.json")))
        .contains("\"input_indicator_values\"").contains("part-");

    Dataset<Row> rankings = table(s, "rankings");
    assertThat(ranks(rankings, "T_UP", 2023)).containsExactly(3, 1, 1, 4);
    assertThat(ranks(rankings, "T_UP", 2024)).containsExactly(1, 2, 3, 4);
    assertThat(ranks(rankings, "T_DOWN", 2024)).containsExactly(3, 1, 1, 4);
    Row ward = rankings.filter(col("indicator_code").equalTo("T_UP").and(col("year").equalTo(2024))
        .and(col("unit_code").equalTo("00003"))).first();
    // Region R2 in 2024: 00003 (65) before 00004 (40).
    assertThat(ward.<Integer>getAs("region_rank")).isEqualTo(1);
    assertThat(ward.<String>getAs("unit_name_vi")).isEqualTo("Phường Ba");
    assertThat(ward.<String>getAs("band_code")).isEqualTo("T_UP_LOW");

    Row one = table(s, "changes").filter(col("indicator_code").equalTo("T_UP").and(col("year").equalTo(2024))
        .and(col("unit_code").equalTo("00001"))).first();
    assertThat(one.<Integer>getAs("rank_change")).isEqualTo(2);            // 3 -> 1
    assertThat(one.<Double>getAs("delta_value")).isCloseTo(15.0, within(1e-9));  // 60 -> 75

    Row gap = table(s, "target_gaps").first();
    // Rank 4 against top 2: two places short; rank 2 was worth 70 points, 00004 had 40.
    assertThat(gap.<Double>getAs("gap")).isCloseTo(-2.0, within(1e-9));
    assertThat(gap.<Double>getAs("value_at_rank_n")).isCloseTo(70.0, within(1e-9));
    assertThat(gap.<Double>getAs("points_needed")).isCloseTo(30.0, within(1e-9));
  }

  @Test
  void aPreparedTableInsideTheDataFolderIsListedNotHashed() throws IOException {
    Path inside = data.resolve("prepared/indicator_values");
    spark.read().parquet(values.toString()).write().parquet(inside.toString());
    Pipeline.Summary s = Pipeline.run(spark, config("out-inside", inside.toString(), List.of("rankings")),
        Pipeline.Stages.COMPARE);
    com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(s.runDir().resolve("manifest.json").toFile());
    // The reference files are fingerprinted; the table's files only listed (path and bytes) under their own key.
    assertThat(manifest.get("inputs").toString()).contains("units.csv").doesNotContain("prepared/");
    assertThat(manifest.get("input_indicator_values").get("files").size()).isPositive();
    assertThat(s.rowCounts().keySet()).containsExactlyInAnyOrder("rankings", "quarantine", "dq_results");
  }

  private static List<Integer> ranks(Dataset<Row> rankings, String indicator, int year) {
    return rankings.filter(col("indicator_code").equalTo(indicator).and(col("year").equalTo(year)))
        .orderBy("unit_code").collectAsList().stream().map(r -> r.<Integer>getAs("rank")).toList();
  }

  @Test
  void aPreparedTableWithoutAColumnIsRefusedNamingTheColumn() {
    Path partial = dir.resolve("prepared/no_rank_n");
    spark.read().parquet(values.toString()).drop("published_n").write().parquet(partial.toString());
    assertThatThrownBy(() -> Pipeline.run(spark, config("out-bad", partial.toString(), List.of()),
        Pipeline.Stages.COMPARE))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(partial.toString())
        .hasMessageContaining("column published_n is missing");
  }

  @Test
  void usageMistakesAreNamed() {
    assertThatThrownBy(() -> PreparedRun.of(config("out-u1", values.toString(), List.of("rankings", "league")),
        Pipeline.Stages.COMPARE))
        .isInstanceOf(UsageException.class).hasMessageContaining("'league' is not a compare table");
    assertThatThrownBy(() -> PreparedRun.of(config("out-u2", values.toString(), List.of()),
        Pipeline.Stages.RUN))
        .isInstanceOf(UsageException.class).hasMessageContaining("--indicator-values is read by 'compare' only");
    assertThatThrownBy(() -> PreparedRun.of(config("out-u3", dir.resolve("nowhere").toString(), List.of()),
        Pipeline.Stages.COMPARE))
        .isInstanceOf(UsageException.class).hasMessageContaining("does not exist");
    JobConfig wrongFrame = JobConfig.defaults().overlay(new JobConfig(data.toString(), null,
        dir.resolve("out-u4").toString(), null, List.of(), "VN99", null, null, null, null, null, null, 2, null));
    assertThatThrownBy(() -> PreparedRun.of(wrongFrame, Pipeline.Stages.COMPARE))
        .isInstanceOf(UsageException.class).hasMessageContaining("'VN99' is not a frame").hasMessageContaining("CX25");
  }
  private static Row prepared(String frame, String unit, String indicator, int year, Double value, Integer rank,
      Integer n, String source, String status) {
    return RowFactory.create(frame, unit, indicator, year, value, rank, n, source, "prepared.csv", 2, status, true);
  }

  /**
   * Issue 14.8: a prepared table gets ingest's row checks. Each bad row fails one check (line = its 1-based row in
   * the one Parquet file); the fates are worked out from the catalog above (CX25 2023-2024, 4 units; T_UP and
   * T_DOWN on 0-100 from 2023).
   */
  @Test
  void preparedRowsGoThroughTheIngestRowChecksWithQuarantineAndAccounting() throws IOException {
    double third = 0.1 + 0.2;  // 0.30000000000000004: a value must come through as given, to the last bit
    List<Row> rows = List.of(
        prepared("CX25", "00001", "T_UP", 2023, 60.0, null, null, "PREPARED", "reported"),            // 1 ok
        prepared("CX25", "00002", "T_UP", 2023, 70.0, null, null, "PREPARED", "reported"),            // 2 ok
        prepared("CX25", "00003", "T_UP", 2023, third, null, null, "PREPARED", "reported"),           // 3 ok
        prepared("CX25", "00009", "T_UP", 2023, 50.0, null, null, "PREPARED", "reported"),            // 4 no unit 00009
        prepared("CX25", "00001", "T_SIDE", 2023, 50.0, null, null, "PREPARED", "reported"),          // 5 no T_SIDE
        prepared("CX25", "00004", "T_UP", 2023, 105.0, null, null, "PREPARED", "reported"),           // 6 > 100
        prepared("CX25", "00004", "T_DOWN", 2024, -3.0, null, null, "PREPARED", "reported"),          // 7 < 0
        prepared("CX25", "00002", "T_DOWN", 2024, Double.NaN, null, null, "PREPARED", "reported"),    // 8 NaN
        prepared("CX25", "00003", "T_DOWN", 2024, Double.POSITIVE_INFINITY, null, null, "PREPARED", "reported"),
        prepared("CX25", "00001", "T_UP", 2022, 50.0, null, null, "PREPARED", "reported"),            // 10 < 2023
        prepared("CX99", "00001", "T_UP", 2024, 50.0, null, null, "PREPARED", "reported"),            // 11 no CX99
        prepared("CX25", "00001", "T_UP", 2024, 75.0, null, null, "PREPARED", "reported"),            // 12 ok
        prepared("CX25", "00001", "T_UP", 2024, 75.0, null, null, "PREPARED", "reported"),            // 13 repeat
        prepared("CX25", "00002", "T_UP", 2024, 70.0, null, null, "PREPARED", "reported"),            // 14 conflict
        prepared("CX25", "00002", "T_UP", 2024, 71.0, null, null, "PREPARED", "reported"),            // 15 conflict
        prepared("CX25", "00003", "T_UP", 2024, 65.0, null, null, "PREPARED", null),                  // 16 null
        prepared("CX25", "00004", "T_UP", 2024, 40.0, 5, 4, "PREPARED", "reported"),                  // 17 5 of 4
        prepared("CX25", "00001", "T_DOWN", 2024, 10.0, null, null, "derived", "derived"));           // 18 ok
    Path checked = dir.resolve("prepared/checked");
    // Written by a tool that does not enforce the declared non-nulls (row 16).
    org.apache.spark.sql.types.StructType nullable = new org.apache.spark.sql.types.StructType(java.util.Arrays
        .stream(ValidateTables.INDICATOR_VALUES.fields()).map(f -> new org.apache.spark.sql.types.StructField(
            f.name(), f.dataType(), true, f.metadata())).toArray(org.apache.spark.sql.types.StructField[]::new));
    spark.createDataFrame(rows, nullable).coalesce(1).write().parquet(checked.toString());

    Pipeline.Summary s = Pipeline.run(spark, config("out-checked", checked.toString(), List.of("rankings")),
        Pipeline.Stages.COMPARE);

    List<Row> quarantine = table(s, "quarantine").orderBy("line").collectAsList();
    assertThat(quarantine.stream().map(r -> r.<Integer>getAs("line") + " " + r.<String>getAs("reason_code")))
        .containsExactly("4 UNKNOWN_UNIT", "5 UNKNOWN_INDICATOR", "6 OFF_SCALE", "7 OFF_SCALE", "8 NON_NUMERIC",
            "9 NON_NUMERIC", "10 YEAR_OUTSIDE_FRAME", "11 UNKNOWN_FRAME", "13 DUPLICATE_ROW",
            "14 DUPLICATE_CONFLICT", "15 DUPLICATE_CONFLICT", "16 MISSING_FIELD", "17 BAD_RANK");
    // Each names the Parquet file and its row; the record is the row as given.
    assertThat(quarantine).allSatisfy(r -> assertThat(r.<String>getAs("source_file"))
        .startsWith(checked + "/part-").endsWith(".parquet"));
    java.util.Map<Integer, String> messages = new java.util.TreeMap<>();
    quarantine.forEach(r -> messages.put(r.getAs("line"), r.getAs("message")));
    assertThat(messages.get(4)).isEqualTo("unit: unit code '00009' is not a unit of frame CX25 in "
        + "reference/units.csv");
    assertThat(messages.get(6)).startsWith("field 'value': value '105.0' is off the scale 0.0-100.0 of T_UP");
    assertThat(messages.get(8)).startsWith("field 'value': value 'NaN' is not a number");
    assertThat(messages.get(10)).isEqualTo("year 2022 is outside the data years of frame CX25 (2023-2024) (also "
        + "fails: YEAR_OUTSIDE_INDICATOR)");
    assertThat(messages.get(13)).isEqualTo("repeats line 12 of the same source for CX25 00001 T_UP 2024 with the "
        + "same value; the first is kept");
    assertThat(messages.get(16)).isEqualTo("column value_status is null; indicator_values declares it non-null "
        + "(docs/tables/indicator_values.md)");
    assertThat(quarantine.get(0).<String>getAs("raw_record")).contains("\"unit_code\":\"00009\"");

    // The accounting: 18 read = 5 accepted (rows 1, 2, 3, 12, 18) + 13 quarantined; nothing derived in this run.
    com.fasterxml.jackson.databind.JsonNode acc = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(s.runDir().resolve("manifest.json").toFile()).get("accounting");
    assertThat(acc.get("rows_read").asLong()).isEqualTo(18);
    assertThat(acc.get("accepted").asLong()).isEqualTo(5);
    assertThat(acc.get("quarantined").asLong()).isEqualTo(13);
    assertThat(acc.get("derived").asLong()).isZero();
    assertThat(acc.get("quarantined_by_check").toString()).isEqualTo("{\"BAD_RANK\":1,\"DUPLICATE_CONFLICT\":2,"
        + "\"DUPLICATE_ROW\":1,\"NON_NUMERIC\":2,\"OFF_SCALE\":2,\"READER_REJECT\":1,\"UNIT_RESOLUTION\":1,"
        + "\"UNKNOWN_FRAME\":1,\"UNKNOWN_INDICATOR\":1,\"YEAR_OUTSIDE_FRAME\":1}");
    // dq_results counts every failing row per check: row 10 fails YEAR_OUTSIDE_INDICATOR too.
    java.util.Map<String, Long> failed = new java.util.TreeMap<>();
    table(s, "dq_results").collectAsList().forEach(r -> failed.put(r.getAs("check_name"), r.getAs("failed_count")));
    assertThat(failed).containsEntry("YEAR_OUTSIDE_INDICATOR", 1L).containsEntry("OFF_SCALE", 2L)
        .containsEntry("IMPLAUSIBLE", 0L).containsEntry("ROW_ACCOUNTING", 0L);

    // Only the accepted rows are ranked, with their values as given.
    Dataset<Row> rankings = table(s, "rankings");
    assertThat(rankings.count()).isEqualTo(5);
    assertThat(rankings.filter(col("unit_code").equalTo("00003")).first().<Double>getAs("value")).isEqualTo(third);
    assertThat(rankings.orderBy("indicator_code", "year", "unit_code").collectAsList().stream().map(r ->
        r.<String>getAs("unit_code") + " " + r.<String>getAs("indicator_code") + " " + r.<Integer>getAs("year")))
        .containsExactly("00001 T_DOWN 2024", "00001 T_UP 2023", "00002 T_UP 2023", "00003 T_UP 2023",
            "00001 T_UP 2024");
  }
}
