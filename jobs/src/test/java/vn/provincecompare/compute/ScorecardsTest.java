package vn.provincecompare.compute;

import static vn.provincecompare.compute.TargetFixtures.BANDS;
import static vn.provincecompare.compute.TargetFixtures.CHANGES;
import static vn.provincecompare.compute.TargetFixtures.INDICATORS;
import static vn.provincecompare.compute.TargetFixtures.RANKINGS;
import static vn.provincecompare.compute.TargetFixtures.assertRows;
import static vn.provincecompare.compute.TargetFixtures.empty;
import static vn.provincecompare.compute.TargetFixtures.indicator;
import static vn.provincecompare.compute.TargetFixtures.ranking;
import static vn.provincecompare.compute.TargetFixtures.row;
import static vn.provincecompare.compute.TargetFixtures.table;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/** Scorecards on a hand-built fixture for Lào Cai (VN63 10), with Yên Bái (VN63 15) as a non-focal unit. */
class ScorecardsTest extends SparkTestBase {

  private static final List<String> KEY = List.of("unit_frame", "unit_code", "indicator_code");
  private static final String LAO_CAI = "Lào Cai";

  @BeforeAll
  static void tune() {
    TargetFixtures.tuneForTinyFixtures(spark);
  }

  private Dataset<Row> indicators() {
    return table(spark, INDICATORS,
        indicator("PAR_INDEX", null, "PAR INDEX", "higher_is_better"),
        indicator("PAR_INDEX_F1", "PAR_INDEX", "F1", "higher_is_better"),
        indicator("PAR_INDEX_F2", "PAR_INDEX", "F2", "higher_is_better"),
        indicator("PAR_INDEX_F3", "PAR_INDEX", "F3", "higher_is_better"),
        indicator("PAR_INDEX_F4", "PAR_INDEX", "F4", "higher_is_better"),
        indicator("PAR_INDEX_F5", "PAR_INDEX", "F5", "higher_is_better"),
        indicator("PAPI", null, "PAPI", "higher_is_better"),
        indicator("PCI", null, "PCI", "higher_is_better"),
        indicator("OP_ONLINE_FILING", "", "Hồ sơ trực tuyến", "higher_is_better"));
  }

  private Dataset<Row> bands() {
    return table(spark, BANDS,
        row(BANDS).set("indicator_code", "PAPI").set("band_code", "HIGH_AVG").set("band_rank", 2)
            .set("name_vi", "Trung bình cao").set("name_en", "High average").set("basis", "percentile")
            .set("lower", 50.0).set("upper", 75.0).set("first_year", 2018),
        // An older period of the same code with another name: must not be picked for 2024.
        row(BANDS).set("indicator_code", "PAPI").set("band_code", "HIGH_AVG").set("band_rank", 2)
            .set("name_vi", "Khá").set("name_en", "Good").set("basis", "percentile")
            .set("lower", 50.0).set("upper", 75.0).set("first_year", 2011).set("last_year", 2017));
  }

  private Dataset<Row> rankings() {
    return table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2022, null, 11, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX", 2024, 89.03, 26, 63).set("rank_source", "published"),
        // 2024 components: F1 30, F2 12, F3 40, F4 12, F5 40. Relative to the overall 26:
        // F1 +4, F2 -14, F3 +14, F4 -14, F5 +14 -> strongest F2 (tie with F4, F2 < F4 by code),
        // weakest F3 (tie with F5, F3 < F5 by code).
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX_F1", 2024, 80.0, 30, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX_F2", 2024, 90.0, 12, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX_F3", 2024, 70.0, 40, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX_F4", 2024, 90.0, 12, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX_F5", 2024, 70.0, 40, 63),
        // 2022 components do not count for the 2024 card (F1 first in 2022 would otherwise be strongest).
        ranking("VN63", "10", LAO_CAI, "R1", "PAR_INDEX_F1", 2022, 99.0, 1, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAPI", 2023, 43.0, 35, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PAPI", 2024, 44.5, 29, 63).set("percentile", 55.0)
            .set("band_code", "HIGH_AVG").set("band_rank", 2),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_ONLINE_FILING", 2025, 64.5, null, null),
        ranking("VN63", "15", "Yên Bái", "R1", "PAR_INDEX", 2024, 85.0, 40, 63));
  }

  private Dataset<Row> changes() {
    return table(spark, CHANGES,
        // 2023 PAR INDEX unobserved: compared with the last observed year 2022 (rank 11): 11 - 26 = -15.
        row(CHANGES).set("unit_frame", "VN63").set("unit_code", "10").set("indicator_code", "PAR_INDEX")
            .set("year", 2024).set("rank", 26).set("prev_year", 2023).set("is_prev_year_missing", true)
            .set("last_obs_year", 2022).set("last_obs_rank", 11).set("rank_change_since_last_obs", -15),
        // PAPI 2023 rank 35 -> 2024 rank 29: 35 - 29 = +6 (up).
        row(CHANGES).set("unit_frame", "VN63").set("unit_code", "10").set("indicator_code", "PAPI")
            .set("year", 2024).set("rank", 29).set("prev_year", 2023).set("is_prev_year_missing", false)
            .set("prev_rank", 35).set("rank_change", 6).set("last_obs_year", 2023).set("last_obs_rank", 35)
            .set("rank_change_since_last_obs", 6),
        row(CHANGES).set("unit_frame", "VN63").set("unit_code", "15").set("indicator_code", "PAR_INDEX")
            .set("year", 2024).set("rank", 40).set("prev_year", 2023).set("is_prev_year_missing", true));
  }

  /** target_gaps rows as TargetGaps produces them (its own test checks how). */
  private Dataset<Row> targetGaps() {
    return table(spark, TargetGaps.SCHEMA,
        row(TargetGaps.SCHEMA).set("target_id", "PAR_TOP20").set("unit_frame", "VN63").set("unit_code", "10")
            .set("indicator_code", "PAR_INDEX").set("kind", "rank_at_most").set("threshold", 20.0)
            .set("target_year", 2025).set("latest_year", 2024).set("latest_rank", 26).set("gap", -6.0)
            .set("gap_unit", "places").set("is_met", false).set("is_restated", false)
            .set("assessed_threshold", 20.0),
        row(TargetGaps.SCHEMA).set("target_id", "PAR_GOOD").set("unit_frame", "VN63").set("unit_code", "10")
            .set("indicator_code", "PAR_INDEX").set("kind", "value_at_least").set("threshold", 80.0)
            .set("target_year", 2025).set("latest_year", 2024).set("latest_value", 89.03).set("gap", 9.03)
            .set("gap_unit", "points").set("pct_of_target", 111.2875).set("is_met", true)
            .set("is_restated", false).set("assessed_threshold", 80.0),
        row(TargetGaps.SCHEMA).set("target_id", "T_ONLINE").set("unit_frame", "VN63").set("unit_code", "10")
            .set("indicator_code", "OP_ONLINE_FILING").set("kind", "value_at_least").set("threshold", 50.0)
            .set("target_year", 2025).set("latest_year", 2025).set("latest_value", 64.5).set("gap", 14.5)
            .set("gap_unit", "points").set("pct_of_target", 129.0).set("is_met", true).set("is_restated", false)
            .set("assessed_threshold", 50.0));
  }

  private static TargetFixtures.RowBuilder card(String code, String name, String indicator, String shortName,
      int year) {
    return row(Scorecards.SCHEMA).set("unit_frame", "VN63").set("unit_code", code).set("unit_name_vi", name)
        .set("indicator_code", indicator).set("short_name", shortName).set("latest_year", year);
  }

  private static final TargetFixtures.RowBuilder[] LAO_CAI_CARDS = {
      card("10", LAO_CAI, "PAR_INDEX", "PAR INDEX", 2024).set("value", 89.03).set("rank", 26).set("n_ranked", 63)
          .set("rank_source", "published").set("rank_change", -15).set("compared_year", 2022)
          // Two targets: PAR_TOP20 not met, so not_met, and it is the worst (unmet before met).
          .set("target_ids", "PAR_GOOD,PAR_TOP20").set("target_status", "not_met")
          .set("target_kind", "rank_at_most").set("target_threshold", 20.0).set("target_gap", -6.0)
          .set("target_gap_unit", "places")
          .set("strongest_child_code", "PAR_INDEX_F2").set("strongest_child_rank", 12)
          .set("weakest_child_code", "PAR_INDEX_F3").set("weakest_child_rank", 40)
          .set("sentence_vi", "Lào Cai xếp thứ 26/63 về PAR INDEX năm 2024, giảm 15 bậc so với năm 2022; "
              + "chưa đạt mục tiêu top 20 (còn thiếu 6 bậc).")
          .set("sentence_en", "Lào Cai ranked 26/63 on PAR INDEX in 2024, down 15 places from 2022; "
              + "target top 20 not met (6 places short)."),
      card("10", LAO_CAI, "PAPI", "PAPI", 2024).set("value", 44.5).set("rank", 29).set("n_ranked", 63)
          .set("rank_source", "computed").set("rank_change", 6).set("compared_year", 2023)
          .set("band_code", "HIGH_AVG").set("band_name_vi", "Trung bình cao").set("target_status", "no_target")
          .set("sentence_vi", "Lào Cai xếp thứ 29/63 về PAPI năm 2024, tăng 6 bậc so với năm 2023.")
          .set("sentence_en", "Lào Cai ranked 29/63 on PAPI in 2024, up 6 places from 2023."),
      // Value only: no rank, no change; 64.5 / 50 x 100 = 129.
      card("10", LAO_CAI, "OP_ONLINE_FILING", "Hồ sơ trực tuyến", 2025).set("value", 64.5)
          .set("rank_source", "none").set("target_ids", "T_ONLINE").set("target_status", "met")
          .set("target_kind", "value_at_least").set("target_threshold", 50.0).set("target_gap", 14.5)
          .set("target_gap_unit", "points").set("target_pct_of_target", 129.0)
          .set("sentence_vi", "Lào Cai đạt 64,5 về Hồ sơ trực tuyến năm 2025; đạt mục tiêu (đạt 129% so với chỉ tiêu).")
          .set("sentence_en", "Lào Cai scored 64.5 on Hồ sơ trực tuyến in 2025; target met (129% of target).")};

  @Test
  void focalUnitGetsOneCardPerTopLevelIndicatorItHasObservationsOf() {
    ReportSettings settings = ReportSettings.defaults()
        .withFocalUnits(List.of(new ReportSettings.UnitRef("VN63", "10")));

    Dataset<Row> result = Scorecards.scorecard(settings, indicators(), bands(), targetGaps(), rankings(),
        changes());

    // PCI has no observation for Lào Cai: no card. Yên Bái is not focal: no card.
    assertRows(result, Scorecards.SCHEMA, KEY, LAO_CAI_CARDS);
  }

  @Test
  void batchModeMakesCardsForEveryUnit() {
    ReportSettings settings = ReportSettings.defaults().withBatch(true);

    Dataset<Row> result = Scorecards.scorecard(settings, indicators(), bands(), targetGaps(), rankings(),
        changes());

    TargetFixtures.RowBuilder[] expected = java.util.Arrays.copyOf(LAO_CAI_CARDS, LAO_CAI_CARDS.length + 1);
    // Yên Bái 2024 40/63; 2023 missing and no last observation: no change stated; no target.
    expected[LAO_CAI_CARDS.length] = card("15", "Yên Bái", "PAR_INDEX", "PAR INDEX", 2024).set("value", 85.0)
        .set("rank", 40).set("n_ranked", 63).set("rank_source", "computed").set("target_status", "no_target")
        .set("sentence_vi", "Yên Bái xếp thứ 40/63 về PAR INDEX năm 2024.")
        .set("sentence_en", "Yên Bái ranked 40/63 on PAR INDEX in 2024.");
    assertRows(result, Scorecards.SCHEMA, KEY, expected);
  }

  @Test
  void aTargetJudgedOnTheSuccessorSaysSoAndNeverMixesFrames() {
    // The case: VN63 Lào Cai's DTI "top 20 by 2025" judged on new Lào Cai (VN34 15), 14/34 in 2024,
    // restated top 10 (floor(20 x 34 / 63) = 10): 10 - 14 = -4 places. VN63 Lào Cai's own latest DTI is 38/63
    // (2022). The old card must not read "xếp thứ 38/63 ... còn thiếu 4 bậc" as if both were of one frame.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "DTI", 2022, 0.40, 38, 63),
        ranking("VN34", "15", LAO_CAI, "R1", "DTI", 2024, 0.7167, 14, 34).set("rank_source", "published"));
    Dataset<Row> targetGaps = table(spark, TargetGaps.SCHEMA,
        row(TargetGaps.SCHEMA).set("target_id", "DTI_TOP20").set("unit_frame", "VN63").set("unit_code", "10")
            .set("indicator_code", "DTI").set("kind", "rank_at_most").set("threshold", 20.0)
            .set("target_year", 2025).set("latest_unit_frame", "VN34").set("latest_unit_code", "15")
            .set("latest_year", 2024).set("latest_value", 0.7167).set("latest_rank", 14).set("latest_n_ranked", 34)
            .set("gap", -4.0).set("gap_unit", "places").set("is_met", false).set("is_restated", true)
            .set("restated_threshold", 10.0).set("assessed_threshold", 10.0));
    Dataset<Row> mergedNames = table(spark, TargetFixtures.nullable(LineageNames.SCHEMA),
        row(TargetFixtures.nullable(LineageNames.SCHEMA)).set("unit_frame", "VN34").set("unit_code", "15")
            .set("merged_name_vi", "Lào Cai (mới, gồm Lào Cai và Yên Bái cũ)")
            .set("merged_name_en", "Lào Cai (new, formed from former Lào Cai and Yên Bái)"));
    ReportSettings settings = ReportSettings.defaults()
        .withFocalUnits(List.of(new ReportSettings.UnitRef("VN63", "10")));

    Dataset<Row> result = Scorecards.scorecard(settings,
        table(spark, INDICATORS, indicator("DTI", null, "DTI", "higher_is_better")), bands(), mergedNames,
        targetGaps, rankings, empty(spark, CHANGES));

    assertRows(result, Scorecards.SCHEMA, KEY,
        card("10", LAO_CAI, "DTI", "DTI", 2022).set("value", 0.40).set("rank", 38).set("n_ranked", 63)
            .set("rank_source", "computed").set("target_ids", "DTI_TOP20").set("target_status", "not_met")
            .set("target_kind", "rank_at_most").set("target_threshold", 10.0).set("target_gap", -4.0)
            .set("target_gap_unit", "places").set("target_judged_on_frame", "VN34")
            .set("target_judged_on_code", "15").set("target_judged_on_year", 2024)
            .set("target_judged_on_value", 0.7167).set("target_judged_on_rank", 14)
            .set("target_judged_on_n_ranked", 34)
            .set("sentence_vi", "Lào Cai xếp thứ 38/63 về DTI năm 2022; đánh giá trên Lào Cai (mới, gồm Lào Cai và "
                + "Yên Bái cũ), xếp thứ 14/34 năm 2024: chưa đạt mục tiêu top 10 (còn thiếu 4 bậc).")
            .set("sentence_en", "Lào Cai ranked 38/63 on DTI in 2022; judged on Lào Cai (new, formed from former "
                + "Lào Cai and Yên Bái), ranked 14/34 in 2024: target top 10 not met (4 places short)."));
  }

  @Test
  void noFocalUnitsAndNoBatchGiveAnEmptyTable() {
    Dataset<Row> result = Scorecards.scorecard(ReportSettings.defaults(), indicators(), bands(),
        empty(spark, TargetGaps.SCHEMA), rankings(), empty(spark, CHANGES));

    assertRows(result, Scorecards.SCHEMA, KEY);
  }
}
