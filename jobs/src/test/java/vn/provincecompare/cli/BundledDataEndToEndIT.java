package vn.provincecompare.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * The README's main command on the bundled real data, once: {@code bin/province-compare run --report --csv} as a
 * child process (the launcher, this build's jar and class path, the JVM options it chooses), then its published
 * tables checked against facts a person read off the sources: the PAPI and PCI files, the provincial portals, and
 * DOMAIN.md's worked example. An integration test (Failsafe, after {@code package}) because the launcher runs the
 * packaged jar; one run of the job serves this class and, through {@value #OUT_PROPERTY}, the later steps of
 * {@code bin/test} (cluster, notebooks, dashboards), which would otherwise make the same run a second time.
 */
class BundledDataEndToEndIT extends SparkTestBase {
  /** Where the run is published ({@code --out}); by default a new directory under {@code target/}. */
  static final String OUT_PROPERTY = "province.compare.bundled.out";

  static Path out;
  static Path runDir;
  static String runId;
  static JsonNode manifest;
  static final List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void runTheMainCommand() throws IOException, InterruptedException {
    String given = System.getProperty(OUT_PROPERTY, "");
    out = given.isBlank()
        ? Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bundled-run-").resolve("out")
        : Path.of(given).toAbsolutePath();
    Process launcher = new ProcessBuilder(repoRoot().resolve("bin/province-compare").toString(),
        "run", "--report", "--csv", "--out", out.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    // Its stdout is the user's summary (accounting, the published run): shown in the build log and kept. Read on
    // its own thread, so that the bounded wait below can stop a run that hangs.
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          System.out.println(line);
          stdout.add(line);
        }
      } catch (IOException e) {
        stdout.add("(reading the run's output failed: " + e + ")");
      }
    }, "bundled-run-stdout");
    reader.start();
    boolean ended = launcher.waitFor(20, TimeUnit.MINUTES);
    if (!ended) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly().waitFor();
    }
    reader.join(60_000);
    assertThat(ended).as("the run ended within 20 minutes (stopped otherwise)").isTrue();
    assertThat(launcher.exitValue()).as("exit code of bin/province-compare run (its stderr is above)").isZero();
    runId = Files.readString(out.resolve("CURRENT")).strip();
    runDir = out.resolve("runs").resolve(runId);
    manifest = new ObjectMapper().readTree(runDir.resolve("manifest.json").toFile());
  }

  private static Dataset<Row> table(String name) {
    return spark.read().parquet(runDir.resolve(name).toString());
  }

  private static Row preferred(String indicator, String frame, String unit, int year) {
    List<Row> rows = table("indicator_values").filter(col("indicator_code").equalTo(indicator)
        .and(col("unit_frame").equalTo(frame)).and(col("unit_code").equalTo(unit)).and(col("year").equalTo(year))
        .and(col("is_preferred"))).collectAsList();
    assertThat(rows).as("%s %s %s %d", indicator, frame, unit, year).hasSize(1);
    return rows.get(0);
  }

  @Test
  void everyRowReadIsAcceptedOrQuarantined() {
    assertThat(stdout).contains("accounted for:    yes (read = accepted + quarantined)");
    assertThat(table("dq_results").filter(col("check_name").equalTo("ROW_ACCOUNTING")).first().getString(2))
        .isEqualTo("passed");
    // Every spelling in every bundled file resolves: no unit-resolution rejects.
    assertThat(table("quarantine").filter(col("reason_code").endsWith("_UNIT")).count()).isZero();
  }

  @Test
  void papi2023ThuaThienHueTotal() {
    // UNDP's 2023 table and TTXVN: 46,0415 (unweighted, 8 dimensions).
    assertThat(preferred("PAPI", "VN63", "46", 2023).<Double>getAs("value")).isCloseTo(46.0415, within(1e-4));
  }

  @Test
  void papi2014HasSixtyOneProvincesWithData() {
    // Bắc Giang and Đồng Tháp are blank in 2014 in both the panel and UNDP's workbook.
    long n = table("indicator_values").filter(col("indicator_code").equalTo("PAPI").and(col("year").equalTo(2014))
        .and(col("is_preferred")).and(col("value").isNotNull())).count();
    assertThat(n).isEqualTo(61);
  }

  @Test
  void pci2011LaoCaiFromVcciWorkbook() {
    Row r = table("indicator_values").filter(col("indicator_code").equalTo("PCI").and(col("year").equalTo(2011))
        .and(col("unit_code").equalTo("10")).and(col("source_id").equalTo("pci_vcci"))).first();
    assertThat(r.<Double>getAs("value")).isCloseTo(73.53, within(0.005));
    assertThat(r.<Integer>getAs("published_rank")).isEqualTo(1);
    assertThat(r.<Integer>getAs("published_n")).isEqualTo(63);
  }

  @Test
  void pci2013LaoCaiIsPresentAlthoughItsNameIsDecomposed() {
    Row r = table("indicator_values").filter(col("indicator_code").equalTo("PCI").and(col("year").equalTo(2013))
        .and(col("unit_code").equalTo("10")).and(col("source_id").equalTo("pci_vcci"))).first();
    // vccinews.com: Lào Cai 17th in 2013.
    assertThat(r.<Integer>getAs("published_rank")).isEqualTo(17);
  }

  private static Row ranking(String indicator, String unit, int year) {
    List<Row> rows = table("rankings").filter(col("indicator_code").equalTo(indicator)
        .and(col("unit_frame").equalTo("VN63")).and(col("unit_code").equalTo(unit)).and(col("year").equalTo(year)))
        .collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void pci2011LaoCaiIsComputedFirstOf63AndAgreesWithVcci() {
    Row r = ranking("PCI", "10", 2011);
    assertThat(r.<String>getAs("rank_source")).isEqualTo("computed");
    assertThat(r.<Integer>getAs("rank")).isEqualTo(1);
    assertThat(r.<Integer>getAs("n_ranked")).isEqualTo(63);
    assertThat(r.<Integer>getAs("published_rank")).isEqualTo(1);
    assertThat(r.<Boolean>getAs("is_rank_mismatch")).isFalse();
  }

  @Test
  void pci2013To2016ComputedRanksEqualVccisPublishedRanks() {
    // VCCI ranks on unrounded scores; the workbooks of 2013-2016 keep full precision (2016's three-way tie at 58.20
    // is 32, 33, 34 in the file), so every recomputed rank must equal the published one.
    Dataset<Row> pci = table("rankings").filter(col("indicator_code").equalTo("PCI")
        .and(col("year").between(2013, 2016)));
    assertThat(pci.count()).isEqualTo(4 * 63);
    assertThat(pci.filter(col("rank_source").notEqual("computed")).count()).isZero();
    assertThat(pci.filter(col("is_rank_mismatch")).select("year", "unit_code", "rank", "published_rank")
        .collectAsList()).isEmpty();
  }

  @Test
  void parIndexLaoCaiWorkedExample() {
    // Published: 2022 11/63, 2024 26/63 (baolaocai.vn); 2023 (7/63 in DOMAIN.md) is not in the bundled facts.
    Row r2024 = ranking("PAR_INDEX", "10", 2024);
    assertThat(r2024.<Integer>getAs("rank")).isEqualTo(26);
    assertThat(r2024.<Integer>getAs("n_ranked")).isEqualTo(63);
    assertThat(r2024.<String>getAs("rank_source")).isEqualTo("published");
    Row change = table("changes").filter(col("indicator_code").equalTo("PAR_INDEX")
        .and(col("unit_code").equalTo("10")).and(col("unit_frame").equalTo("VN63")).and(col("year").equalTo(2024)))
        .first();
    assertThat(change.<Boolean>getAs("is_prev_year_missing")).isTrue();
    assertThat(change.<Integer>getAs("last_obs_year")).isEqualTo(2022);
    assertThat(change.<Integer>getAs("rank_change_since_last_obs")).isEqualTo(11 - 26);
    Row gap = table("target_gaps").filter(col("target_id").equalTo("LCI-2025-PAR_INDEX-RANK")).first();
    assertThat(gap.<Double>getAs("gap")).isEqualTo(20.0 - 26.0);
    assertThat(gap.<Boolean>getAs("is_met")).isFalse();
    // The 2025 index is published on the 34 units: top 20 of 63 reads top floor(20 x 34 / 63) = 10 of 34.
    assertThat(gap.<Boolean>getAs("is_restated")).isTrue();
    assertThat(gap.<Double>getAs("restated_threshold")).isEqualTo(10.0);
    assertThat(gap.<Double>getAs("threshold")).isEqualTo(20.0);
    Row card = table("scorecard").filter(col("unit_frame").equalTo("VN63").and(col("unit_code").equalTo("10"))
        .and(col("indicator_code").equalTo("PAR_INDEX"))).first();
    assertThat(card.<String>getAs("sentence_vi")).isEqualTo("Lào Cai xếp thứ 26/63 về PAR INDEX năm 2024, giảm 15 "
        + "bậc so với năm 2022; chưa đạt mục tiêu top 20 (còn thiếu 6 bậc).");
  }

  @Test
  void papiChangesAcrossThe2018MethodBreakAreFlagged() {
    Dataset<Row> papi2018 = table("changes").filter(col("indicator_code").equalTo("PAPI")
        .and(col("year").equalTo(2018)).and(col("prev_year").equalTo(2017)));
    assertThat(papi2018.count()).isGreaterThan(55);
    assertThat(papi2018.filter(col("is_method_break").notEqual(true)).count()).isZero();
    assertThat(table("changes").filter(col("indicator_code").equalTo("PAPI").and(col("year").equalTo(2017))
        .and(col("is_method_break"))).count()).isZero();
  }

  @Test
  void papi2020LaoCaiPublishedRankDiffersFromTheRecomputedOneAndIsFlagged() {
    // The provincial portal publishes 27th (42.96); the unrounded sub-dimension sum 42.9506 ranks 28th.
    Row r = ranking("PAPI", "10", 2020);
    assertThat(r.<Integer>getAs("rank")).isEqualTo(28);
    assertThat(r.<Integer>getAs("published_rank")).isEqualTo(27);
    assertThat(r.<Boolean>getAs("is_rank_mismatch")).isTrue();
    assertThat(r.<Double>getAs("value")).isCloseTo(42.9506, within(1e-4));
  }

  @Test
  void operationalTargetsReproduceThePublishedPercents() {
    // Đề án 14 report: 64.5% against 50% "đạt 129%"; 89% against 80% "111,25%".
    assertThat(table("target_gaps").filter(col("target_id").equalTo("LCI-2025-OP_ONLINE_FILING_AND_SETTLEMENT-VALUE"))
        .first().<Double>getAs("pct_of_target")).isCloseTo(129.0, within(1e-9));
    assertThat(table("target_gaps").filter(col("target_id").equalTo("LCI-2025-OP_ELIGIBLE_PROCEDURES_ONLINE-VALUE"))
        .first().<Double>getAs("pct_of_target")).isCloseTo(111.25, within(1e-9));
  }

  @Test
  void theChangeTargetOfALevelIndicatorIsMeasuredInPercent() {
    // "At least 10% fewer public service units than in 2021": OP_PUBLIC_SERVICE_UNITS is a level (a count), so its
    // change target is judged in percent of the 2021 base, not in units (issue 13 item 1).
    assertThat(table("target_gaps").filter(col("target_id").equalTo("LCI-2025-OP_PUBLIC_SERVICE_UNITS-CHANGE"))
        .first().<String>getAs("gap_unit")).isEqualTo("percent");
  }

  @Test
  void operationalSentencesNameTheIndicatorInVietnamese() {
    // Đề án 14: "Tỷ lệ nộp hồ sơ trực tuyến và giải quyết trực tuyến đạt 64,5% = 129% so với chỉ tiêu Đề án".
    Row card = table("scorecard").filter(col("unit_code").equalTo("10")
        .and(col("indicator_code").equalTo("OP_ONLINE_FILING_AND_SETTLEMENT"))).first();
    assertThat(card.<String>getAs("sentence_vi")).isEqualTo("Lào Cai đạt 64,5 về Tỷ lệ nộp hồ sơ trực tuyến và giải "
        + "quyết trực tuyến năm 2025; đạt mục tiêu (đạt 129% so với chỉ tiêu).");
    assertThat(card.<String>getAs("sentence_en")).isEqualTo("Lào Cai scored 64.5 on Online filing and settlement in "
        + "2025; target met (129% of target).");
  }

  @Test
  void newLaoCaiDti2024IsShownBesideItsPredecessorsDti2022RanksNeverMixed() {
    // lao_cai_published_facts.csv: DTI 2024 Lào Cai 14/34 (post-merger ranking) -> VN34 15.
    Row dti2024 = table("rankings").filter(col("indicator_code").equalTo("DTI").and(col("unit_frame").equalTo("VN34"))
        .and(col("unit_code").equalTo("15")).and(col("year").equalTo(2024))).first();
    assertThat(dti2024.<Integer>getAs("rank")).isEqualTo(14);
    assertThat(dti2024.<Integer>getAs("n_ranked")).isEqualTo(34);

    // dti_2022_ranking_dti_gov_vn.csv: "Lào Cai,,38" and "Yên Bái,,15" (tied with Thanh Hóa), of 63; no scores.
    List<Row> history = table("predecessor_history").filter(col("unit_frame").equalTo("VN34")
        .and(col("unit_code").equalTo("15")).and(col("indicator_code").equalTo("DTI")).and(col("year").equalTo(2022)))
        .orderBy(col("predecessor_code")).collectAsList();
    assertThat(history).extracting(r -> r.getAs("row_type") + " " + r.getAs("predecessor_frame") + " "
            + r.getAs("predecessor_code") + " " + r.getAs("predecessor_name_vi") + " " + r.getAs("rank") + "/"
            + r.getAs("n_ranked") + " best " + r.getAs("predecessors_best_rank") + " worst "
            + r.getAs("predecessors_worst_rank") + " reconstructed " + r.getAs("is_reconstructed"))
        .containsExactly("predecessor VN63 10 Lào Cai 38/63 best 15 worst 38 reconstructed false",
            "predecessor VN63 15 Yên Bái 15/63 best 15 worst 38 reconstructed false");
    // Survey indices are never combined into the merged unit.
    assertThat(table("predecessor_history").filter(col("is_reconstructed")
        .and(col("merger_combine").notEqual("sum"))).count()).isZero();

    List<Row> boundary = table("boundary_changes").filter(col("unit_frame").equalTo("VN34")
        .and(col("unit_code").equalTo("15")).and(col("indicator_code").equalTo("DTI")))
        .orderBy(col("predecessor_code")).collectAsList();
    assertThat(boundary).extracting(r -> r.getAs("year") + " " + r.getAs("rank") + "/" + r.getAs("n_ranked") + " vs "
            + r.getAs("predecessor_code") + " " + r.getAs("predecessor_year") + " " + r.getAs("predecessor_rank") + "/"
            + r.getAs("predecessor_n_ranked") + " frame changed " + r.getAs("is_frame_changed") + " comparable "
            + r.getAs("is_value_comparable"))
        .containsExactly("2024 14/34 vs 10 2022 38/63 frame changed true comparable false",
            "2024 14/34 vs 15 2022 15/63 frame changed true comparable false");

    Row card = table("scorecard").filter(col("unit_frame").equalTo("VN34").and(col("unit_code").equalTo("15"))
        .and(col("indicator_code").equalTo("DTI"))).first();
    assertThat(card.<String>getAs("sentence_vi"))
        .isEqualTo("Lào Cai (mới, gồm Lào Cai và Yên Bái cũ) xếp thứ 14/34 về DTI năm 2024.");
    assertThat(card.<String>getAs("sentence_en"))
        .isEqualTo("Lào Cai (new, formed from former Lào Cai and Yên Bái) ranked 14/34 on DTI in 2024.");
  }

  @Test
  void nothingMixesFrames() {
    // Every ranking is within one frame: no n_ranked above the frame's unit count (64, 63, 34).
    assertThat(table("rankings").filter(col("unit_frame").equalTo("VN34").and(col("n_ranked").gt(34))
        .or(col("unit_frame").equalTo("VN63").and(col("n_ranked").gt(63)))
        .or(col("unit_frame").equalTo("VN64").and(col("n_ranked").gt(64)))).count()).isZero();
    // A predecessor is always in another frame than its successor; ranks in a range come from one frame.
    assertThat(table("predecessor_history").filter(col("predecessor_frame").equalTo(col("unit_frame"))).count())
        .isZero();
    // No bundled target is judged on a VN34 ranking (Lào Cai's targets are PAR INDEX, PAPI, PCI, SIPAS, ICT and
    // operational, all observed in VN63 up to 2025; no source sets a DTI target): every gap is measured against
    // the original threshold, on the 63.
    assertThat(table("target_gaps").filter(col("latest_unit_frame").equalTo("VN34")
        .or(col("assessed_threshold").notEqual(col("threshold")))).count()).isZero();
    // The 2025 rank targets are restated for the 34 units in force from 2025-07-01, floor(N x 34 / 63):
    // ICT top 10 -> 5 (5.40), PAPI and PAR INDEX top 20 -> 10 (10.79), PCI top 15 -> 8 (8.10), SIPAS top 25 -> 13
    // (13.49); no value, band or change target is restated.
    java.util.Map<String, Double> restated = new java.util.TreeMap<>();
    for (Row r : table("target_gaps").filter(col("is_restated")).collectAsList()) {
      restated.put(r.getAs("target_id"), r.getAs("restated_threshold"));
    }
    assertThat(restated).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
        "LCI-2025-ICT_INDEX-RANK", 5.0, "LCI-2025-PAPI-RANK", 10.0, "LCI-2025-PAR_INDEX-RANK", 10.0,
        "LCI-2025-PCI-RANK", 8.0, "LCI-2025-SIPAS-RANK", 13.0)));
  }

  @Test
  void everyTableOfTheRunIsPublishedWithItsManifest() throws IOException {
    List<String> tables = new ArrayList<>();
    manifest.get("row_counts").fieldNames().forEachRemaining(tables::add);
    assertThat(tables).containsExactlyInAnyOrder("indicator_values", "quarantine", "dq_results", "rankings",
        "changes", "target_gaps", "scorecard", "peers", "predecessor_history", "boundary_changes");
    assertThat(manifest.get("run_id").asText()).isEqualTo(runId);
    assertThat(manifest.has("schema_versions")).isTrue();
    assertThat(Files.readString(runDir.resolve("manifest.json"))).contains("\"sha256\"", "\"rows_read\"");
    // The link a dashboard follows names the same run as CURRENT, and the summary says where it went.
    assertThat(out.resolve("current").toRealPath()).isEqualTo(runDir.toRealPath());
    assertThat(stdout).anyMatch(line -> line.startsWith("published run " + runId + " -> "));
    // --report and --csv: the pages and the copies a spreadsheet user opens.
    assertThat(runDir.resolve("report")).isDirectory();
    assertThat(runDir.resolve("csv")).isDirectory();
  }
}
