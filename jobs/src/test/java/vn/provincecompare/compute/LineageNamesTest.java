package vn.provincecompare.compute;

import static vn.provincecompare.compute.LineageFixtures.LAO_CAI;
import static vn.provincecompare.compute.LineageFixtures.YEN_BAI;
import static vn.provincecompare.compute.TargetFixtures.BANDS;
import static vn.provincecompare.compute.TargetFixtures.CHANGES;
import static vn.provincecompare.compute.TargetFixtures.FRAMES;
import static vn.provincecompare.compute.TargetFixtures.LINEAGE;
import static vn.provincecompare.compute.TargetFixtures.RANKINGS;
import static vn.provincecompare.compute.TargetFixtures.UNITS;
import static vn.provincecompare.compute.TargetFixtures.assertRows;
import static vn.provincecompare.compute.TargetFixtures.empty;
import static vn.provincecompare.compute.TargetFixtures.ranking;
import static vn.provincecompare.compute.TargetFixtures.row;
import static vn.provincecompare.compute.TargetFixtures.table;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Names of merged units in report sentences. Lineage as in data/reference/lineage.csv: VN34 15 Lào Cai = VN63 10
 * Lào Cai + VN63 15 Yên Bái; VN34 68 Lâm Đồng = VN63 60 Bình Thuận + 67 Đắk Nông + 68 Lâm Đồng; VN34 01 Hà Nội
 * unchanged; VN63 01 Hà Nội = VN64 01 Hà Nội + VN64 28 Hà Tây (2008, a frame that is no longer current).
 */
class LineageNamesTest extends SparkTestBase {

  private static final List<String> KEY = List.of("unit_frame", "unit_code");

  @BeforeAll
  static void tune() {
    TargetFixtures.tuneForTinyFixtures(spark);
  }

  private Dataset<Row> frames() {
    return table(spark, FRAMES,
        row(FRAMES).set("frame_code", "VN64").set("n_units", 64).set("valid_to", Date.valueOf("2008-07-31")),
        row(FRAMES).set("frame_code", "VN63").set("n_units", 63).set("valid_to", Date.valueOf("2025-06-30")),
        row(FRAMES).set("frame_code", "VN34").set("n_units", 34));
  }

  private Dataset<Row> units() {
    return table(spark, UNITS,
        unit("VN64", "01", "Hà Nội"), unit("VN64", "28", "Hà Tây"), unit("VN63", "01", "Hà Nội"),
        unit("VN63", "10", LAO_CAI), unit("VN63", "15", YEN_BAI), unit("VN63", "60", "Bình Thuận"),
        unit("VN63", "67", "Đắk Nông"), unit("VN63", "68", "Lâm Đồng"), unit("VN34", "01", "Hà Nội"),
        unit("VN34", "15", LAO_CAI), unit("VN34", "68", "Lâm Đồng"));
  }

  private Dataset<Row> lineage() {
    return table(spark, LINEAGE,
        link("VN64", "01", "VN63", "01", "merged"), link("VN64", "28", "VN63", "01", "merged"),
        link("VN63", "01", "VN34", "01", "unchanged"),
        // Listed out of code order on purpose: the names come out by code.
        link("VN63", "15", "VN34", "15", "merged"), link("VN63", "10", "VN34", "15", "merged"),
        link("VN63", "68", "VN34", "68", "merged"), link("VN63", "60", "VN34", "68", "merged"),
        link("VN63", "67", "VN34", "68", "merged"));
  }

  @Test
  void mergedUnitsOfTheCurrentFrameAreNamedWithTheirPredecessorsByCode() {
    Dataset<Row> result = LineageNames.mergedUnitNames(frames(), units(), lineage());

    // Not VN34 01 (unchanged), not VN63 01 (VN63 is not the current frame).
    assertRows(result, LineageNames.SCHEMA, KEY,
        row(LineageNames.SCHEMA).set("unit_frame", "VN34").set("unit_code", "15")
            .set("merged_name_vi", "Lào Cai (mới, gồm Lào Cai và Yên Bái cũ)")
            .set("merged_name_en", "Lào Cai (new, formed from former Lào Cai and Yên Bái)"),
        row(LineageNames.SCHEMA).set("unit_frame", "VN34").set("unit_code", "68")
            .set("merged_name_vi", "Lâm Đồng (mới, gồm Bình Thuận, Đắk Nông và Lâm Đồng cũ)")
            .set("merged_name_en", "Lâm Đồng (new, formed from former Bình Thuận, Đắk Nông and Lâm Đồng)"));
  }

  @Test
  void theScorecardSentenceOfNewLaoCaiSaysWhatItIsMadeOfAndOldLaoCaisStaysPlain() {
    Dataset<Row> indicators = table(spark, TargetFixtures.INDICATORS,
        TargetFixtures.indicator("DTI", null, "DTI", "higher_is_better"));
    // lao_cai_published_facts.csv: DTI 2024 14/34 (0.7167); dti_2022_ranking_dti_gov_vn.csv: Lào Cai 38/63.
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN34", "15", LAO_CAI, "R1", "DTI", 2024, 0.7167, 14, 34).set("rank_source", "published"),
        ranking("VN63", "10", LAO_CAI, "R1", "DTI", 2022, null, 38, 63));
    Dataset<Row> result = Scorecards.scorecard(ReportSettings.defaults().withBatch(true), indicators,
        empty(spark, BANDS), LineageNames.mergedUnitNames(frames(), units(), lineage()),
        empty(spark, TargetFixtures.nullable(TargetGaps.SCHEMA)), rankings, empty(spark, CHANGES));

    assertRows(result, Scorecards.SCHEMA, List.of("unit_frame", "unit_code", "indicator_code"),
        row(Scorecards.SCHEMA).set("unit_frame", "VN34").set("unit_code", "15").set("unit_name_vi", LAO_CAI)
            .set("indicator_code", "DTI").set("short_name", "DTI").set("latest_year", 2024).set("value", 0.7167)
            .set("rank", 14).set("n_ranked", 34).set("rank_source", "published").set("target_status", "no_target")
            .set("sentence_vi", "Lào Cai (mới, gồm Lào Cai và Yên Bái cũ) xếp thứ 14/34 về DTI năm 2024.")
            .set("sentence_en", "Lào Cai (new, formed from former Lào Cai and Yên Bái) ranked 14/34 on DTI in 2024."),
        row(Scorecards.SCHEMA).set("unit_frame", "VN63").set("unit_code", "10").set("unit_name_vi", LAO_CAI)
            .set("indicator_code", "DTI").set("short_name", "DTI").set("latest_year", 2022).set("rank", 38)
            .set("n_ranked", 63).set("rank_source", "published").set("target_status", "no_target")
            .set("sentence_vi", "Lào Cai xếp thứ 38/63 về DTI năm 2022.")
            .set("sentence_en", "Lào Cai ranked 38/63 on DTI in 2022."));
  }

  private static TargetFixtures.RowBuilder unit(String frame, String code, String name) {
    return row(UNITS).set("unit_frame", frame).set("unit_code", code).set("name_vi", name);
  }

  private static TargetFixtures.RowBuilder link(String fromFrame, String from, String toFrame, String to,
      String relation) {
    return row(LINEAGE).set("from_frame", fromFrame).set("from_code", from).set("to_frame", toFrame)
        .set("to_code", to).set("relation", relation);
  }
}
