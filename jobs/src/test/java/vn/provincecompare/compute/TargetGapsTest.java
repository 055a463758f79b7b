package vn.provincecompare.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vn.provincecompare.compute.TargetFixtures.BANDS;
import static vn.provincecompare.compute.TargetFixtures.CHANGES;
import static vn.provincecompare.compute.TargetFixtures.INDICATORS;
import static vn.provincecompare.compute.TargetFixtures.LINEAGE;
import static vn.provincecompare.compute.TargetFixtures.RANKINGS;
import static vn.provincecompare.compute.TargetFixtures.TARGETS;
import static vn.provincecompare.compute.TargetFixtures.assertRows;
import static vn.provincecompare.compute.TargetFixtures.empty;
import static vn.provincecompare.compute.TargetFixtures.frames;
import static vn.provincecompare.compute.TargetFixtures.indicator;
import static vn.provincecompare.compute.TargetFixtures.ranking;
import static vn.provincecompare.compute.TargetFixtures.row;
import static vn.provincecompare.compute.TargetFixtures.table;
import static vn.provincecompare.compute.TargetFixtures.target;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Target gaps on hand-built fixtures. Every expected number is worked out beside it from the fixture rows;
 * the operational figures are Lào Cai's own (Đề án 14 results report, 31 March 2025, in
 * {@code ../shared/data/published/lao_cai_de_an_14_operational.csv}) and the PAR INDEX and DTI ranks are the
 * published ones of {@code lao_cai_published_facts.csv}.
 */
class TargetGapsTest extends SparkTestBase {

  private static final List<String> KEY = List.of("target_id");
  private static final String LAO_CAI = "Lào Cai";

  @BeforeAll
  static void tune() {
    TargetFixtures.tuneForTinyFixtures(spark);
  }

  private Dataset<Row> indicators() {
    return table(spark, INDICATORS,
        indicator("PAR_INDEX", null, "PAR INDEX", "higher_is_better"),
        indicator("PCI", null, "PCI", "higher_is_better"),
        indicator("PAPI", null, "PAPI", "higher_is_better"),
        indicator("SIPAS", null, "SIPAS", "higher_is_better"),
        indicator("DTI", null, "DTI", "higher_is_better"),
        indicator("OP_ONLINE_FILING", null, "Nộp hồ sơ trực tuyến", "higher_is_better"),
        indicator("OP_ONLINE_ELIGIBLE", null, "TTHC trực tuyến", "higher_is_better"),
        indicator("OP_SATISFACTION_MEASURED", null, "Đo lường hài lòng", "higher_is_better"),
        indicator("OP_PROCESSING_DAYS", null, "Thời gian giải quyết", "lower_is_better"),
        indicator("OP_PUBLIC_SERVICE_UNITS", null, "Số đơn vị sự nghiệp công lập", "lower_is_better", "level"),
        indicator("OP_COMMUNES_INSPECTED", null, "Số xã được kiểm tra CCHC", "higher_is_better", "level"));
  }

  private Dataset<Row> gaps(ReportSettings settings, Dataset<Row> rankings, Dataset<Row> changes,
      Dataset<Row> targets) {
    return TargetGaps.targetGap(settings, indicators(), empty(spark, BANDS), frames(spark), rankings, changes,
        targets);
  }

  /** The gaps of {@code targets} with default settings and no changes, by target id. */
  private Map<String, Row> gapsById(Dataset<Row> rankings, Dataset<Row> targets) {
    Map<String, Row> byId = new HashMap<>();
    for (Row r : gaps(ReportSettings.defaults(), rankings, empty(spark, CHANGES), targets).collectAsList()) {
      byId.put(r.getAs("target_id"), r);
    }
    return byId;
  }

  /** The expected row of a value target on unit VN63 10, with the columns every such row shares. */
  private static TargetFixtures.RowBuilder expectedValueTarget(String id, String indicator, String kind,
      double threshold, int targetYear, int latestYear, double latestValue) {
    return row(TargetGaps.SCHEMA).set("target_id", id).set("unit_frame", "VN63").set("unit_code", "10")
        .set("unit_name_vi", LAO_CAI).set("indicator_code", indicator).set("kind", kind)
        .set("threshold", threshold).set("target_year", targetYear).set("latest_unit_frame", "VN63")
        .set("latest_unit_code", "10").set("latest_year", latestYear).set("latest_value", latestValue)
        .set("gap_unit", "points").set("is_restated", false).set("assessed_threshold", threshold);
  }

  @Test
  void valueTargetsGivePercentOfTargetAsPublishedByLaoCai() {
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "OP_ONLINE_FILING", 2025, 64.5, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_ONLINE_ELIGIBLE", 2025, 89.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_SATISFACTION_MEASURED", 2024, 90.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_SATISFACTION_MEASURED", 2025, 94.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_PROCESSING_DAYS", 2025, 12.0, null, null)
            .set("direction", "lower_is_better"));
    Dataset<Row> targets = table(spark, TARGETS,
        target("T_ONLINE", "VN63", "10", "OP_ONLINE_FILING", 2025, "value_at_least", 50.0),
        target("T_ELIGIBLE", "VN63", "10", "OP_ONLINE_ELIGIBLE", 2025, "value_at_least", 80.0),
        target("T_MEASURED", "VN63", "10", "OP_SATISFACTION_MEASURED", 2026, "value_at_least", 100.0),
        target("T_DAYS", "VN63", "10", "OP_PROCESSING_DAYS", 2025, "value_at_most", 15.0));

    Dataset<Row> result = gaps(ReportSettings.defaults(), rankings, empty(spark, CHANGES), targets);

    assertRows(result, TargetGaps.SCHEMA, KEY,
        // 64.5 - 50 = 14.5 points; 64.5 / 50 x 100 = 129 (published: "đạt 64,5% = 129% so với chỉ tiêu").
        // One observed year: no line to project; met already, so on track.
        expectedValueTarget("T_ONLINE", "OP_ONLINE_FILING", "value_at_least", 50.0, 2025, 2025, 64.5)
            .set("gap", 14.5).set("pct_of_target", 129.0).set("is_met", true).set("is_on_track", true),
        // 89 - 80 = 9 points; 89 / 80 x 100 = 111.25 (published "111,25%").
        expectedValueTarget("T_ELIGIBLE", "OP_ONLINE_ELIGIBLE", "value_at_least", 80.0, 2025, 2025, 89.0)
            .set("gap", 9.0).set("pct_of_target", 111.25).set("is_met", true).set("is_on_track", true),
        // 94 - 100 = -6 points short; 94 / 100 x 100 = 94 (published "đạt 94% (mục tiêu đề án 100%)").
        // Line through (2024, 90) and (2025, 94): slope 4 a year, at 2026: 94 + 4 = 98 < 100, not on track.
        expectedValueTarget("T_MEASURED", "OP_SATISFACTION_MEASURED", "value_at_least", 100.0, 2026, 2025, 94.0)
            .set("gap", -6.0).set("pct_of_target", 94.0).set("is_met", false).set("projected_value", 98.0)
            .set("projection_method", "ols_last_2").set("is_on_track", false),
        // Lower is better: 15 - 12 = 3 days inside the ceiling, 3 / 15 = 20% under it: 120 (> 100 = better).
        expectedValueTarget("T_DAYS", "OP_PROCESSING_DAYS", "value_at_most", 15.0, 2025, 2025, 12.0)
            .set("gap", 3.0).set("pct_of_target", 120.0).set("is_met", true).set("is_on_track", true));
  }

  @Test
  void aCeilingTargetHasAPercentAtZeroAndNoneBelowNothingAchieved() {
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "OP_PROCESSING_DAYS", 2025, 0.0, null, null)
            .set("direction", "lower_is_better"),
        ranking("VN63", "11", "Điện Biên", "R1", "OP_PROCESSING_DAYS", 2025, 20.0, null, null)
            .set("direction", "lower_is_better"),
        ranking("VN63", "12", "Lai Châu", "R1", "OP_PROCESSING_DAYS", 2025, 40.0, null, null)
            .set("direction", "lower_is_better"));
    Dataset<Row> targets = table(spark, TARGETS,
        target("T_ZERO", "VN63", "10", "OP_PROCESSING_DAYS", 2025, "value_at_most", 15.0),
        target("T_OVER", "VN63", "11", "OP_PROCESSING_DAYS", 2025, "value_at_most", 15.0),
        target("T_FAR", "VN63", "12", "OP_PROCESSING_DAYS", 2025, "value_at_most", 15.0));

    Map<String, Row> byId = gapsById(rankings, targets);
    // 0 days against a 15-day ceiling: the best a unit can do, (2 x 15 - 0) / 15 = 200%, not a division by zero.
    assertThat(byId.get("T_ZERO").<Double>getAs("pct_of_target")).isEqualTo(200.0);
    assertThat(byId.get("T_ZERO").<Boolean>getAs("is_met")).isTrue();
    // 20 days: 5 over, a third of the ceiling: (30 - 20) / 15 = 66.67%.
    assertThat(byId.get("T_OVER").<Double>getAs("pct_of_target")).isCloseTo(200.0 / 3, within(1e-9));
    assertThat(byId.get("T_OVER").<Double>getAs("gap")).isEqualTo(-5.0);
    // 40 days: more than twice the ceiling is nothing achieved, 0%, never a negative percent.
    assertThat(byId.get("T_FAR").<Double>getAs("pct_of_target")).isEqualTo(0.0);
    assertThat(byId.get("T_FAR").<Double>getAs("gap")).isEqualTo(-25.0);
  }

  @Test
  void aCeilingTargetNotYetMetIsOnTrackWhenItsLineFallsUnderTheCeilingByTheTargetYear() {
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "14", "Sơn La", "R1", "OP_PROCESSING_DAYS", 2023, 20.0, null, null)
            .set("direction", "lower_is_better"),
        ranking("VN63", "14", "Sơn La", "R1", "OP_PROCESSING_DAYS", 2024, 17.0, null, null)
            .set("direction", "lower_is_better"),
        ranking("VN63", "15", "Yên Bái", "R1", "OP_PROCESSING_DAYS", 2023, 20.0, null, null)
            .set("direction", "lower_is_better"),
        ranking("VN63", "15", "Yên Bái", "R1", "OP_PROCESSING_DAYS", 2024, 18.0, null, null)
            .set("direction", "lower_is_better"));
    Dataset<Row> targets = table(spark, TARGETS,
        target("T_FALLING", "VN63", "14", "OP_PROCESSING_DAYS", 2025, "value_at_most", 15.0),
        target("T_SLOW", "VN63", "15", "OP_PROCESSING_DAYS", 2025, "value_at_most", 15.0));

    Map<String, Row> byId = gapsById(rankings, targets);
    // 20 -> 17: 3 days a year fewer, 14 in 2025, under the 15-day ceiling: not met yet, on track.
    assertThat(byId.get("T_FALLING").<Boolean>getAs("is_met")).isFalse();
    assertThat(byId.get("T_FALLING").<Double>getAs("projected_value")).isCloseTo(14.0, within(1e-9));
    assertThat(byId.get("T_FALLING").<Boolean>getAs("is_on_track")).isTrue();
    // 20 -> 18: 2 a year, 16 in 2025, still over it: not on track.
    assertThat(byId.get("T_SLOW").<Double>getAs("projected_value")).isCloseTo(16.0, within(1e-9));
    assertThat(byId.get("T_SLOW").<Boolean>getAs("is_on_track")).isFalse();
  }

  @Test
  void rankTargetGivesTheValueAtRankNAndThePointsNeeded() {
    // PCI 2024 among six units, competition ranks with a tie at 2:
    //   01 70.0 -> 1, 02 68.0 -> 2, 04 68.0 -> 2, 08 66.5 -> 4, 06 65.0 -> 5, 10 64.0 -> 6.
    // PCI 2023 was only published as ranks (no values): Lào Cai 6/6.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "01", "Hà Nội", "R2", "PCI", 2024, 70.0, 1, 6),
        ranking("VN63", "02", "Hà Giang", "R1", "PCI", 2024, 68.0, 2, 6),
        ranking("VN63", "04", "Cao Bằng", "R1", "PCI", 2024, 68.0, 2, 6),
        ranking("VN63", "08", "Tuyên Quang", "R1", "PCI", 2024, 66.5, 4, 6),
        ranking("VN63", "06", "Bắc Kạn", "R1", "PCI", 2024, 65.0, 5, 6),
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2024, 64.0, 6, 6),
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2023, null, 6, 6));
    Dataset<Row> targets = table(spark, TARGETS,
        target("T_TOP3", "VN63", "10", "PCI", 2024, "rank_at_most", 3.0),
        target("T_TOP4", "VN63", "08", "PCI", 2024, "rank_at_most", 4.0),
        target("T_TOP3_2023", "VN63", "10", "PCI", 2023, "rank_at_most", 3.0));

    Dataset<Row> result = gaps(ReportSettings.defaults(), rankings, empty(spark, CHANGES), targets);

    TargetFixtures.RowBuilder laoCai2024 = row(TargetGaps.SCHEMA).set("target_id", "T_TOP3")
        .set("unit_frame", "VN63").set("unit_code", "10").set("unit_name_vi", LAO_CAI).set("indicator_code", "PCI")
        .set("kind", "rank_at_most").set("threshold", 3.0).set("target_year", 2024)
        .set("latest_unit_frame", "VN63").set("latest_unit_code", "10").set("latest_year", 2024)
        .set("latest_value", 64.0).set("latest_rank", 6).set("latest_n_ranked", 6)
        // 3 - 6 = -3 places short.
        .set("gap", -3.0).set("gap_unit", "places").set("is_met", false)
        // Ranks <= 3 are 1, 2, 2 (70.0, 68.0, 68.0): the worst of them is 68.0; 68.0 - 64.0 = 4 points needed.
        .set("value_at_rank_n", 68.0).set("points_needed", 4.0)
        // Ranks 6 (2023) and 6 (2024): a flat line at 6 > 3, not on track; values: one year only.
        .set("projected_rank", 6.0).set("projection_method", "ols_last_2").set("is_on_track", false)
        .set("is_restated", false).set("assessed_threshold", 3.0);
    TargetFixtures.RowBuilder tuyenQuang = row(TargetGaps.SCHEMA).set("target_id", "T_TOP4")
        .set("unit_frame", "VN63").set("unit_code", "08").set("unit_name_vi", "Tuyên Quang")
        .set("indicator_code", "PCI").set("kind", "rank_at_most").set("threshold", 4.0).set("target_year", 2024)
        .set("latest_unit_frame", "VN63").set("latest_unit_code", "08").set("latest_year", 2024)
        .set("latest_value", 66.5).set("latest_rank", 4).set("latest_n_ranked", 6)
        // 4 - 4 = 0: met exactly; ranks <= 4 are 1, 2, 2, 4: worst value 66.5 (its own); met, so 0 points.
        .set("gap", 0.0).set("gap_unit", "places").set("is_met", true)
        .set("value_at_rank_n", 66.5).set("points_needed", 0.0)
        // One ranked year: no line; met, so on track.
        .set("is_on_track", true).set("is_restated", false).set("assessed_threshold", 4.0);
    TargetFixtures.RowBuilder laoCai2023 = row(TargetGaps.SCHEMA).set("target_id", "T_TOP3_2023")
        .set("unit_frame", "VN63").set("unit_code", "10").set("unit_name_vi", LAO_CAI).set("indicator_code", "PCI")
        .set("kind", "rank_at_most").set("threshold", 3.0).set("target_year", 2023)
        .set("latest_unit_frame", "VN63").set("latest_unit_code", "10").set("latest_year", 2023)
        .set("latest_rank", 6).set("latest_n_ranked", 6).set("gap", -3.0).set("gap_unit", "places")
        // Only published ranks in 2023: no value at rank 3, no points.
        .set("is_met", false).set("is_restated", false).set("assessed_threshold", 3.0);
    assertRows(result, TargetGaps.SCHEMA, KEY, laoCai2024, tuyenQuang, laoCai2023);
  }

  @Test
  void parIndexWorkedExampleMissesTheTop20BySixPlaces() {
    // Published: 2021 11/63 (88.44), 2022 11/63, 2024 26/63 (89.03); 2023 7/63 (DOMAIN.md). Scores of 2022 and
    // 2023 were not published, so those rows carry published ranks only.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2021, 88.44, 11, 63).set("rank_source", "published"),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2022, null, 11, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2023, null, 7, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2024, 89.03, 26, 63).set("rank_source", "published"));
    Dataset<Row> targets = table(spark, TARGETS,
        target("PAR_TOP20", "VN63", "10", "PAR_INDEX", 2025, "rank_at_most", 20.0),
        target("PAR_GOOD", "VN63", "10", "PAR_INDEX", 2025, "value_at_least", 80.0));

    Dataset<Row> result = gaps(ReportSettings.defaults(), rankings, empty(spark, CHANGES), targets);

    // Value line over the last 3 years with a value, which are only 2021 (88.44) and 2024 (89.03):
    // slope (89.03 - 88.44) / 3 = 0.196667 a year; at 2025: 89.03 + 0.196667 = 89.226667.
    double projectedValue = 89.03 + (89.03 - 88.44) / 3;
    assertRows(result, TargetGaps.SCHEMA, KEY,
        row(TargetGaps.SCHEMA).set("target_id", "PAR_TOP20").set("unit_frame", "VN63").set("unit_code", "10")
            .set("unit_name_vi", LAO_CAI).set("indicator_code", "PAR_INDEX").set("kind", "rank_at_most")
            .set("threshold", 20.0).set("target_year", 2025).set("latest_unit_frame", "VN63")
            .set("latest_unit_code", "10").set("latest_year", 2024).set("latest_value", 89.03)
            .set("latest_rank", 26).set("latest_n_ranked", 63)
            // 20 - 26 = -6 places: "misses by 6 places".
            .set("gap", -6.0).set("gap_unit", "places").set("is_met", false)
            // Published ranks only: no other unit's value in the fixture, so no value at rank 20 and no points.
            .set("projected_value", projectedValue)
            // Ranks 2022..2024 = 11, 7, 26 at x = year - 2025 = -3, -2, -1:
            // n = 3, Sx = -6, Sy = 44, Sxy = -33 - 14 - 26 = -73, Sxx = 9 + 4 + 1 = 14;
            // slope = (3 x -73 - (-6 x 44)) / (3 x 14 - 36) = 45 / 6 = 7.5; at x = 0: (44 + 7.5 x 6) / 3 = 89 / 3.
            .set("projected_rank", 89.0 / 3).set("projection_method", "ols_last_3")
            // The 2025 PAR INDEX is published on the 34 units in force from 2025-07-01 (VN63 ended 2025-06-30):
            // top 20 of 63 is restated as floor(20 x 34 / 63) = floor(10.79) = top 10 of 34, the original kept;
            // the gap is still measured against 20, since the latest ranking (2024) is of the 63.
            .set("is_on_track", false).set("is_restated", true).set("restated_threshold", 10.0)
            .set("restatement_rule", "rank_share_floor: top 20 of 63 (VN63) -> top 10 of 34 (VN34)")
            .set("assessed_threshold", 20.0),
        row(TargetGaps.SCHEMA).set("target_id", "PAR_GOOD").set("unit_frame", "VN63").set("unit_code", "10")
            .set("unit_name_vi", LAO_CAI).set("indicator_code", "PAR_INDEX").set("kind", "value_at_least")
            .set("threshold", 80.0).set("target_year", 2025).set("latest_unit_frame", "VN63")
            .set("latest_unit_code", "10").set("latest_year", 2024).set("latest_value", 89.03)
            .set("latest_rank", 26).set("latest_n_ranked", 63)
            // 89.03 - 80 = 9.03 points; 89.03 / 80 x 100 = 111.2875.
            .set("gap", 9.03).set("gap_unit", "points").set("pct_of_target", 111.2875).set("is_met", true)
            .set("projected_value", projectedValue).set("projection_method", "ols_last_2")
            .set("is_on_track", true).set("is_restated", false).set("assessed_threshold", 80.0));
  }

  /** PAPI quartile groups on the percentile of the rankings (100 = best): lower <= percentile < upper. */
  private static Dataset<Row> papiQuartileGroups() {
    return table(spark, BANDS,
        band("HIGH", 1, 75.0, null), band("HIGH_AVG", 2, 50.0, 75.0), band("LOW_AVG", 3, 25.0, 50.0),
        band("LOW", 4, null, 25.0));
  }

  @Test
  void bandTargetOnPercentileBandsCountsBandSteps() {
    Dataset<Row> bands = papiQuartileGroups();
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "PAPI", 2022, 42.0, 38, 63).set("percentile", 40.0)
            .set("band_code", "LOW_AVG").set("band_rank", 3),
        ranking("VN63", "10", LAO_CAI, "R1", "PAPI", 2023, 43.0, 35, 63).set("percentile", 45.0)
            .set("band_code", "LOW_AVG").set("band_rank", 3),
        ranking("VN63", "10", LAO_CAI, "R1", "PAPI", 2024, 44.5, 29, 63).set("percentile", 55.0)
            .set("band_code", "HIGH_AVG").set("band_rank", 2));
    Dataset<Row> targets = table(spark, TARGETS,
        target("PAPI_KHA", "VN63", "10", "PAPI", 2025, "band_at_least", null).set("band_code", "HIGH_AVG"),
        target("PAPI_CAO", "VN63", "10", "PAPI", 2025, "band_at_least", null).set("band_code", "HIGH"));

    Dataset<Row> result = TargetGaps.targetGap(ReportSettings.defaults(), indicators(), bands, frames(spark),
        rankings, empty(spark, CHANGES), targets);

    // Percentiles 40, 45, 55 at x = -3, -2, -1: Sx = -6, Sy = 140, Sxy = -120 - 90 - 55 = -265, Sxx = 14;
    // slope = (3 x -265 + 6 x 140) / (42 - 36) = 45 / 6 = 7.5; at 2025: (140 + 45) / 3 = 61.67 -> HIGH_AVG.
    // Values 42, 43, 44.5: Sy = 129.5, Sxy = -126 - 86 - 44.5 = -256.5;
    // slope = (3 x -256.5 + 6 x 129.5) / 6 = 7.5 / 6 = 1.25; at 2025: (129.5 + 1.25 x 6) / 3 = 137 / 3.
    TargetFixtures.RowBuilder common = row(TargetGaps.SCHEMA).set("unit_frame", "VN63").set("unit_code", "10")
        .set("unit_name_vi", LAO_CAI).set("indicator_code", "PAPI").set("kind", "band_at_least")
        .set("target_year", 2025).set("latest_unit_frame", "VN63").set("latest_unit_code", "10")
        .set("latest_year", 2024).set("latest_value", 44.5).set("latest_rank", 29).set("latest_n_ranked", 63)
        .set("latest_band_code", "HIGH_AVG").set("gap_unit", "bands").set("projected_value", 137.0 / 3)
        .set("projected_band_code", "HIGH_AVG").set("projection_method", "ols_last_3").set("is_restated", false);
    assertRows(result, TargetGaps.SCHEMA, KEY,
        // Target band rank 2, latest band rank 2: 2 - 2 = 0 band steps, met.
        copy(common).set("target_id", "PAPI_KHA").set("target_band_code", "HIGH_AVG").set("gap", 0.0)
            .set("is_met", true).set("is_on_track", true),
        // Target band rank 1, latest 2: 1 - 2 = -1 band step; projected HIGH_AVG (rank 2 > 1): not on track.
        copy(common).set("target_id", "PAPI_CAO").set("target_band_code", "HIGH").set("gap", -1.0)
            .set("is_met", false).set("is_on_track", false));
  }

  @Test
  void aPercentileBandTargetWithOneYearHasNoProjectedBand() {
    // One year of PAPI: no line, so no projected percentile and no projected band (a missing projection once
    // came out as percentile 0, the lowest band).
    Dataset<Row> bands = papiQuartileGroups();
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "PAPI", 2024, 44.5, 29, 63).set("percentile", 55.0)
            .set("band_code", "HIGH_AVG").set("band_rank", 2));
    Dataset<Row> targets = table(spark, TARGETS,
        target("PAPI_CAO", "VN63", "10", "PAPI", 2025, "band_at_least", null).set("band_code", "HIGH"));

    Dataset<Row> result = TargetGaps.targetGap(ReportSettings.defaults(), indicators(), bands, frames(spark),
        rankings, empty(spark, CHANGES), targets);

    // Target band rank 1, latest band rank 2: 1 - 2 = -1 band step, not met; nothing projected.
    assertRows(result, TargetGaps.SCHEMA, KEY,
        row(TargetGaps.SCHEMA).set("target_id", "PAPI_CAO").set("unit_frame", "VN63").set("unit_code", "10")
            .set("unit_name_vi", LAO_CAI).set("indicator_code", "PAPI").set("kind", "band_at_least")
            .set("target_band_code", "HIGH").set("target_year", 2025).set("latest_unit_frame", "VN63")
            .set("latest_unit_code", "10").set("latest_year", 2024).set("latest_value", 44.5)
            .set("latest_rank", 29).set("latest_n_ranked", 63).set("latest_band_code", "HIGH_AVG")
            .set("gap", -1.0).set("gap_unit", "bands").set("is_met", false).set("is_restated", false));
  }

  @Test
  void projectionUsesTheLastKYearsAfterTheLatestMethodBreak() {
    // SIPAS: 2020 95 (old method), break in 2021, then 70, 74, 75. With k = 4 the line would take 2020 too;
    // the break leaves 2021..2023.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "SIPAS", 2020, 95.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "SIPAS", 2021, 70.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "SIPAS", 2022, 74.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "SIPAS", 2023, 75.0, null, null));
    Dataset<Row> changes = table(spark, CHANGES,
        row(CHANGES).set("unit_frame", "VN63").set("unit_code", "10").set("indicator_code", "SIPAS")
            .set("year", 2021).set("value", 70.0).set("is_method_break", true),
        row(CHANGES).set("unit_frame", "VN63").set("unit_code", "10").set("indicator_code", "SIPAS")
            .set("year", 2022).set("value", 74.0).set("is_method_break", false));
    Dataset<Row> targets = table(spark, TARGETS,
        target("SIPAS_80", "VN63", "10", "SIPAS", 2025, "value_at_least", 80.0));

    Dataset<Row> result = gaps(ReportSettings.defaults().withProjectionYears(4), rankings, changes, targets);

    // x = year - 2025 = -4, -3, -2 for 70, 74, 75: n = 3, Sx = -9, Sy = 219, Sxy = -280 - 222 - 150 = -652,
    // Sxx = 16 + 9 + 4 = 29; slope = (3 x -652 + 9 x 219) / (3 x 29 - 81) = 15 / 6 = 2.5;
    // at 2025: (219 + 2.5 x 9) / 3 = 80.5 >= 80: on track although 75 - 80 = -5 today (75 / 80 = 93.75%).
    assertRows(result, TargetGaps.SCHEMA, KEY,
        expectedValueTarget("SIPAS_80", "SIPAS", "value_at_least", 80.0, 2025, 2023, 75.0)
            .set("gap", -5.0).set("pct_of_target", 93.75).set("is_met", false).set("projected_value", 80.5)
            .set("projection_method", "ols_last_3").set("is_on_track", true));
  }

  @Test
  void changeTargetsCountTheImprovementSinceTheBaseYearInEitherDirection() {
    // PCI of Lào Cai as published: 2021 64.93 (25/63), 2022 68.20 (11/63), 2023 67.38 (26/63), 2024 68.56 (23/63).
    // Processing days (lower is better): 2021 20, 2024 12.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2021, 64.93, 25, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2022, 68.20, 11, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2023, 67.38, 26, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2024, 68.56, 23, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_PROCESSING_DAYS", 2021, 20.0, null, null)
            .set("direction", "lower_is_better"),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_PROCESSING_DAYS", 2024, 12.0, null, null)
            .set("direction", "lower_is_better"));
    Dataset<Row> targets = table(spark, TARGETS,
        target("PCI_PLUS3", "VN63", "10", "PCI", 2025, "change_at_least", 3.0).set("base_year", 2021),
        target("DAYS_MINUS10", "VN63", "10", "OP_PROCESSING_DAYS", 2025, "change_at_least", 10.0)
            .set("base_year", 2021));

    Dataset<Row> result = gaps(ReportSettings.defaults(), rankings, empty(spark, CHANGES), targets);

    assertRows(result, TargetGaps.SCHEMA, KEY,
        // Improvement 68.56 - 64.93 = 3.63; 3.63 - 3 = 0.63 points beyond: met.
        // Values 2022..2024 = 68.20, 67.38, 68.56 at x = -3, -2, -1: Sy = 204.14,
        // Sxy = -204.60 - 134.76 - 68.56 = -407.92; slope = (3 x -407.92 + 6 x 204.14) / 6 = 1.08 / 6 = 0.18;
        // at 2025: (204.14 + 0.18 x 6) / 3 = 205.22 / 3 = 68.406667.
        expectedValueTarget("PCI_PLUS3", "PCI", "change_at_least", 3.0, 2025, 2024, 68.56).set("base_year", 2021)
            .set("latest_rank", 23).set("latest_n_ranked", 63).set("base_value", 64.93)
            .set("is_method_break_since_base", false).set("gap", 0.63)
            .set("is_met", true).set("projected_value", 205.22 / 3).set("projection_method", "ols_last_3")
            .set("is_on_track", true),
        // Lower is better: improvement = 20 - 12 = 8 days; 8 - 10 = -2 short. Line through (2021, 20) and
        // (2024, 12): slope -8/3; at 2025: 12 - 8/3 = 9.333; improvement 20 - 9.333 = 10.667 >= 10: on track.
        expectedValueTarget("DAYS_MINUS10", "OP_PROCESSING_DAYS", "change_at_least", 10.0, 2025, 2024, 12.0)
            .set("base_year", 2021).set("base_value", 20.0).set("is_method_break_since_base", false)
            .set("gap", -2.0).set("is_met", false)
            .set("projected_value", 12.0 - 8.0 / 3).set("projection_method", "ols_last_2")
            .set("is_on_track", true));
  }

  @Test
  void changeTargetsOfLevelIndicatorsAreJudgedInPercentOfTheBaseValue() {
    // The catalog's "at least 10% fewer public service units than in 2021" (a level, lower is better): 300 units
    // in 2021, 285 in 2024. Communes inspected (a level, higher is better): 120 in 2021, 150 in 2024, target +20%.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "OP_PUBLIC_SERVICE_UNITS", 2021, 300.0, null, null)
            .set("direction", "lower_is_better"),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_PUBLIC_SERVICE_UNITS", 2024, 285.0, null, null)
            .set("direction", "lower_is_better"),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_COMMUNES_INSPECTED", 2021, 120.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_COMMUNES_INSPECTED", 2024, 150.0, null, null));
    Dataset<Row> targets = table(spark, TARGETS,
        target("UNITS_MINUS10PCT", "VN63", "10", "OP_PUBLIC_SERVICE_UNITS", 2025, "change_at_least", 10.0)
            .set("base_year", 2021),
        target("INSPECTED_PLUS20PCT", "VN63", "10", "OP_COMMUNES_INSPECTED", 2025, "change_at_least", 20.0)
            .set("base_year", 2021));

    Dataset<Row> result = gaps(ReportSettings.defaults(), rankings, empty(spark, CHANGES), targets);

    assertRows(result, TargetGaps.SCHEMA, KEY,
        // (285 - 300) x -1 = 15 fewer units = 15 / 300 x 100 = 5%; 5 - 10 = -5 percent: NOT met (in points it
        // would have read +15 - 10 = +5, met). Line through (2021, 300), (2024, 285): slope -5 a year, 280 in
        // 2025: (300 - 280) / 300 x 100 = 6.67% < 10%, not on track.
        expectedValueTarget("UNITS_MINUS10PCT", "OP_PUBLIC_SERVICE_UNITS", "change_at_least", 10.0, 2025, 2024,
            285.0).set("base_year", 2021).set("base_value", 300.0).set("is_method_break_since_base", false)
            .set("gap", -5.0).set("gap_unit", "percent")
            .set("is_met", false).set("projected_value", 280.0).set("projection_method", "ols_last_2")
            .set("is_on_track", false),
        // (150 - 120) / 120 x 100 = 25%; 25 - 20 = +5 percent: met (in points: 30 - 20 = 10).
        expectedValueTarget("INSPECTED_PLUS20PCT", "OP_COMMUNES_INSPECTED", "change_at_least", 20.0, 2025, 2024,
            150.0).set("base_year", 2021).set("base_value", 120.0).set("is_method_break_since_base", false)
            .set("gap", 5.0).set("gap_unit", "percent")
            .set("is_met", true).set("projected_value", 160.0).set("projection_method", "ols_last_2")
            .set("is_on_track", true));
  }

  @Test
  void aChangeTargetAcrossAMethodBreakIsFlagged() {
    // PAR INDEX: 2021 88.44 (old method), the 2022-2030 method from 2022 (changes.is_method_break), 2022 85.0,
    // 2024 89.03. Target: +1 point on 2021 by 2025, and +1 point on 2022 (after the break) by 2025.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2021, 88.44, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2022, 85.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2024, 89.03, null, null));
    Dataset<Row> changes = table(spark, CHANGES,
        row(CHANGES).set("unit_frame", "VN63").set("unit_code", "10").set("indicator_code", "PAR_INDEX")
            .set("year", 2022).set("value", 85.0).set("is_method_break", true),
        row(CHANGES).set("unit_frame", "VN63").set("unit_code", "10").set("indicator_code", "PAR_INDEX")
            .set("year", 2024).set("value", 89.03).set("is_method_break", false));
    Dataset<Row> targets = table(spark, TARGETS,
        target("PAR_PLUS1_ON_2021", "VN63", "10", "PAR_INDEX", 2025, "change_at_least", 1.0).set("base_year", 2021),
        target("PAR_PLUS1_ON_2022", "VN63", "10", "PAR_INDEX", 2025, "change_at_least", 1.0).set("base_year", 2022));

    Dataset<Row> result = gaps(ReportSettings.defaults(), rankings, changes, targets);

    // Value line cut at the 2022 break: (2022, 85.0), (2024, 89.03): slope 4.03 / 2 = 2.015, at 2025 91.045.
    assertRows(result, TargetGaps.SCHEMA, KEY,
        // 89.03 - 88.44 = 0.59; 0.59 - 1 = -0.41, not met, and 2022 lies in (2021, 2024]: flagged, two methods.
        // Projected 91.045 - 88.44 = 2.605 >= 1: on track.
        expectedValueTarget("PAR_PLUS1_ON_2021", "PAR_INDEX", "change_at_least", 1.0, 2025, 2024, 89.03)
            .set("base_year", 2021).set("base_value", 88.44).set("is_method_break_since_base", true)
            .set("gap", 0.59 - 1).set("is_met", false).set("projected_value", 91.045)
            .set("projection_method", "ols_last_2").set("is_on_track", true),
        // 89.03 - 85.0 = 4.03; 4.03 - 1 = 3.03, met; 2022 is not in (2022, 2024]: one method, not flagged.
        expectedValueTarget("PAR_PLUS1_ON_2022", "PAR_INDEX", "change_at_least", 1.0, 2025, 2024, 89.03)
            .set("base_year", 2022).set("base_value", 85.0).set("is_method_break_since_base", false)
            .set("gap", 3.03).set("is_met", true).set("projected_value", 91.045)
            .set("projection_method", "ols_last_2").set("is_on_track", true));
  }

  @Test
  void top20Of63IsRestatedAsTop10Of34ForAVn34Ranking() {
    // DTI 2022 on VN63 (Lào Cai 10: rank 30/63, made up for the fixture); DTI 2024 published on the 34 units:
    // Lào Cai (VN34 15) 14/34 with 0.7167. The lineage maps VN63 10 -> VN34 15.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "DTI", 2022, 0.50, 30, 63),
        ranking("VN34", "15", LAO_CAI, "R1", "DTI", 2024, 0.7167, 14, 34).set("rank_source", "published"));
    Dataset<Row> lineage = table(spark, LINEAGE,
        row(LINEAGE).set("from_frame", "VN63").set("from_code", "10").set("to_frame", "VN34").set("to_code", "15")
            .set("relation", "merged_into").set("effective_date", "2025-07-01"));
    Dataset<Row> targets = table(spark, TARGETS,
        target("DTI_TOP20", "VN63", "10", "DTI", 2025, "rank_at_most", 20.0));

    Dataset<Row> result = TargetGaps.targetGap(ReportSettings.defaults(), indicators(), empty(spark, BANDS),
        frames(spark), lineage, rankings, empty(spark, CHANGES), targets);

    assertRows(result, TargetGaps.SCHEMA, KEY,
        row(TargetGaps.SCHEMA).set("target_id", "DTI_TOP20").set("unit_frame", "VN63").set("unit_code", "10")
            .set("unit_name_vi", LAO_CAI).set("indicator_code", "DTI").set("kind", "rank_at_most")
            .set("threshold", 20.0).set("target_year", 2025)
            // 2024 (VN34 15) is later than 2022 (VN63 10): the successor's ranking is the latest.
            .set("latest_unit_frame", "VN34").set("latest_unit_code", "15").set("latest_year", 2024)
            .set("latest_value", 0.7167).set("latest_rank", 14).set("latest_n_ranked", 34)
            // floor(20 x 34 / 63) = floor(680 / 63) = floor(10.79) = 10; gap 10 - 14 = -4 places.
            .set("gap", -4.0).set("gap_unit", "places").set("is_met", false)
            // One VN34 year: no line for ranks or values.
            .set("is_restated", true).set("restated_threshold", 10.0).set("assessed_threshold", 10.0)
            .set("restatement_rule", "rank_share_floor: top 20 of 63 (VN63) -> top 10 of 34 (VN34)"));
  }

  @Test
  void withoutLineageATargetAfterItsFramesLastYearIsStillRestatedAndFlagged() {
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "DTI", 2022, 0.50, 30, 63));
    Dataset<Row> targets = table(spark, TARGETS,
        target("DTI_TOP20_2026", "VN63", "10", "DTI", 2026, "rank_at_most", 20.0));

    Dataset<Row> result = gaps(ReportSettings.defaults(), rankings, empty(spark, CHANGES), targets);

    assertRows(result, TargetGaps.SCHEMA, KEY,
        row(TargetGaps.SCHEMA).set("target_id", "DTI_TOP20_2026").set("unit_frame", "VN63").set("unit_code", "10")
            .set("unit_name_vi", LAO_CAI).set("indicator_code", "DTI").set("kind", "rank_at_most")
            .set("threshold", 20.0).set("target_year", 2026).set("latest_unit_frame", "VN63")
            .set("latest_unit_code", "10").set("latest_year", 2022).set("latest_value", 0.50)
            .set("latest_rank", 30).set("latest_n_ranked", 63)
            // 2026 is after VN63's last data year (2025): VN34 is the frame then, 20 of 63 -> 10 of 34; the
            // latest ranking is still on VN63, so the gap is against 20: 20 - 30 = -10.
            .set("gap", -10.0).set("gap_unit", "places").set("is_met", false)
            // Only 0.50 ranks 30 and it is the only 2022 row: no unit ranked <= 20, so no value at rank 20.
            .set("is_restated", true).set("restated_threshold", 10.0).set("assessed_threshold", 20.0)
            .set("restatement_rule", "rank_share_floor: top 20 of 63 (VN63) -> top 10 of 34 (VN34)"));
  }

  @Test
  void settingsRejectAProjectionOfFewerThanTwoYears() {
    assertThatThrownBy(() -> ReportSettings.defaults().withProjectionYears(1))
        .isInstanceOf(UsageException.class)
        .hasMessage("projection_years must be at least 2 (a line needs two points), got 1");
    assertThatThrownBy(() -> new ReportSettings.UnitRef("VN63", " "))
        .isInstanceOf(UsageException.class)
        .hasMessage("A unit needs both a frame and a code (e.g. VN63 10), got frame 'VN63' and code ' '");
  }

  private static TargetFixtures.RowBuilder band(String code, int rank, Double lower, Double upper) {
    return row(BANDS).set("indicator_code", "PAPI").set("band_code", code).set("band_rank", rank)
        .set("name_vi", code).set("name_en", code).set("basis", "percentile").set("lower", lower)
        .set("upper", upper);
  }

  private static TargetFixtures.RowBuilder copy(TargetFixtures.RowBuilder from) {
    TargetFixtures.RowBuilder to = row(TargetGaps.SCHEMA);
    from.map().forEach((k, v) -> to.set(k, v instanceof java.math.BigDecimal d ? d.doubleValue() : v));
    return to;
  }
}
