package vn.provincecompare.compute;

import static vn.provincecompare.compute.LineageFixtures.HA_NOI;
import static vn.provincecompare.compute.LineageFixtures.LAO_CAI;
import static vn.provincecompare.compute.LineageFixtures.YEN_BAI;
import static vn.provincecompare.compute.LineageFixtures.percentile;
import static vn.provincecompare.compute.TargetFixtures.RANKINGS;
import static vn.provincecompare.compute.TargetFixtures.assertRows;
import static vn.provincecompare.compute.TargetFixtures.ranking;
import static vn.provincecompare.compute.TargetFixtures.row;
import static vn.provincecompare.compute.TargetFixtures.table;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Predecessor history on the merger fixture ({@link LineageFixtures}). The DTI 2022 ranks are the published ones
 * of data/raw/published/dti_2022_ranking_dti_gov_vn.csv (Lào Cai 38, Yên Bái 15 (tied with Thanh Hóa), Hà Nội
 * 24, all of 63); DTI 2024 Lào Cai 14/34 (0.7167) is lao_cai_published_facts.csv. Hà Nội's DTI values and the
 * operational counts are made up for the fixture.
 */
class PredecessorHistoryTest extends SparkTestBase {

  private static final List<String> KEY = List.of("unit_frame", "unit_code", "indicator_code", "year", "row_type",
      "predecessor_code");

  @BeforeAll
  static void tune() {
    TargetFixtures.tuneForTinyFixtures(spark);
  }

  private Dataset<Row> history(TargetFixtures.RowBuilder... rankings) {
    return PredecessorHistory.predecessorHistory(LineageFixtures.indicators(spark), LineageFixtures.units(spark),
        LineageFixtures.lineage(spark), table(spark, RANKINGS, rankings));
  }

  private static TargetFixtures.RowBuilder expected(String toCode, String toName, String indicator, int year,
      String rowType) {
    return row(PredecessorHistory.SCHEMA).set("unit_frame", "VN34").set("unit_code", toCode)
        .set("unit_name_vi", toName).set("indicator_code", indicator).set("year", year).set("row_type", rowType)
        .set("predecessor_frame", "VN63").set("is_reconstructed", "reconstructed".equals(rowType));
  }

  @Test
  void newLaoCaiShowsOldLaoCaiAndYenBaiWithTheirOwnRanksAndTheirRangeNeverAnAverage() {
    Dataset<Row> result = history(
        ranking("VN63", "10", LAO_CAI, "R1", "DTI", 2022, null, 38, 63).set("percentile", percentile(38, 63)),
        ranking("VN63", "15", YEN_BAI, "R1", "DTI", 2022, null, 15, 63).set("percentile", percentile(15, 63)),
        // The successor's own ranking is not history: it stays in rankings, in its own frame.
        ranking("VN34", "15", LAO_CAI, "R1", "DTI", 2024, 0.7167, 14, 34).set("rank_source", "published"),
        // An unobserved row (no value, no rank) is not history either.
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2019, null, null, null));

    // Group of VN34 15, DTI 2022: 2 links, both observed, neither with a value; best rank min(38, 15) = 15,
    // worst max(38, 15) = 38; DTI is a survey index, so no reconstructed row.
    assertRows(result, PredecessorHistory.SCHEMA, KEY,
        expected("15", LAO_CAI, "DTI", 2022, "predecessor").set("predecessor_code", "10")
            .set("predecessor_name_vi", LAO_CAI).set("relation", "merged").set("rank", 38).set("n_ranked", 63)
            .set("percentile", 100.0 * 25 / 62).set("rank_source", "published").set("n_predecessors", 2)
            .set("n_predecessors_observed", 2).set("n_predecessors_with_value", 0).set("predecessors_best_rank", 15)
            .set("predecessors_worst_rank", 38).set("merger_combine", "never")
            .set("combine_note", PredecessorHistory.NOTE_NEVER),
        // The split code: predecessor 15 in VN63 is Yên Bái, not Lào Cai.
        expected("15", LAO_CAI, "DTI", 2022, "predecessor").set("predecessor_code", "15")
            .set("predecessor_name_vi", YEN_BAI).set("relation", "merged").set("rank", 15).set("n_ranked", 63)
            .set("percentile", 100.0 * 48 / 62).set("rank_source", "published").set("n_predecessors", 2)
            .set("n_predecessors_observed", 2).set("n_predecessors_with_value", 0).set("predecessors_best_rank", 15)
            .set("predecessors_worst_rank", 38).set("merger_combine", "never")
            .set("combine_note", PredecessorHistory.NOTE_NEVER));
  }

  @Test
  void anUnchangedUnitsHistoryIsItsOwnSeriesSaidSo() {
    Dataset<Row> result = history(
        ranking("VN63", "01", HA_NOI, "R2", "DTI", 2022, 0.65, 24, 63).set("percentile", percentile(24, 63)));

    // One link, observed, with a value: min = max = 0.65, best = worst = 24.
    assertRows(result, PredecessorHistory.SCHEMA, KEY,
        expected("01", HA_NOI, "DTI", 2022, "predecessor").set("predecessor_code", "01")
            .set("predecessor_name_vi", HA_NOI).set("relation", "unchanged").set("value", 0.65).set("rank", 24)
            .set("n_ranked", 63).set("percentile", 100.0 * 39 / 62).set("rank_source", "computed")
            .set("n_predecessors", 1).set("n_predecessors_observed", 1).set("n_predecessors_with_value", 1)
            .set("predecessors_min_value", 0.65).set("predecessors_max_value", 0.65)
            .set("predecessors_best_rank", 24).set("predecessors_worst_rank", 24).set("merger_combine", "never")
            .set("combine_note", PredecessorHistory.NOTE_SAME_TERRITORY));
  }

  @Test
  void aCountIsSummedOnlyWhenEveryPredecessorHasItAndTheSumIsFlaggedReconstructed() {
    Dataset<Row> result = history(
        ranking("VN63", "10", LAO_CAI, "R1", "OP_PUBLIC_SERVICE_UNITS", 2021, 500.0, null, null),
        ranking("VN63", "15", YEN_BAI, "R1", "OP_PUBLIC_SERVICE_UNITS", 2021, 400.0, null, null),
        ranking("VN63", "10", LAO_CAI, "R1", "OP_PUBLIC_SERVICE_UNITS", 2022, 480.0, null, null));

    String sumNote = PredecessorHistory.NOTE_SUM;
    String incomplete = PredecessorHistory.NOTE_SUM_INCOMPLETE_PREFIX + "1 of 2 have one";
    assertRows(result, PredecessorHistory.SCHEMA, KEY,
        // 2021: both have a value: min 400, max 500, and the reconstructed sum 500 + 400 = 900.
        expected("15", LAO_CAI, "OP_PUBLIC_SERVICE_UNITS", 2021, "predecessor").set("predecessor_code", "10")
            .set("predecessor_name_vi", LAO_CAI).set("relation", "merged").set("value", 500.0)
            .set("rank_source", "none").set("n_predecessors", 2).set("n_predecessors_observed", 2)
            .set("n_predecessors_with_value", 2).set("predecessors_min_value", 400.0)
            .set("predecessors_max_value", 500.0).set("merger_combine", "sum").set("combine_note", sumNote),
        expected("15", LAO_CAI, "OP_PUBLIC_SERVICE_UNITS", 2021, "predecessor").set("predecessor_code", "15")
            .set("predecessor_name_vi", YEN_BAI).set("relation", "merged").set("value", 400.0)
            .set("rank_source", "none").set("n_predecessors", 2).set("n_predecessors_observed", 2)
            .set("n_predecessors_with_value", 2).set("predecessors_min_value", 400.0)
            .set("predecessors_max_value", 500.0).set("merger_combine", "sum").set("combine_note", sumNote),
        expected("15", LAO_CAI, "OP_PUBLIC_SERVICE_UNITS", 2021, "reconstructed").set("value", 900.0)
            .set("n_predecessors", 2).set("n_predecessors_observed", 2).set("n_predecessors_with_value", 2)
            .set("predecessors_min_value", 400.0).set("predecessors_max_value", 500.0)
            .set("merger_combine", "sum").set("combine_note", sumNote),
        // 2022: only Lào Cai (480): 1 of 2, so no sum (480 alone would read as the merged province's count).
        expected("15", LAO_CAI, "OP_PUBLIC_SERVICE_UNITS", 2022, "predecessor").set("predecessor_code", "10")
            .set("predecessor_name_vi", LAO_CAI).set("relation", "merged").set("value", 480.0)
            .set("rank_source", "none").set("n_predecessors", 2).set("n_predecessors_observed", 1)
            .set("n_predecessors_with_value", 1).set("predecessors_min_value", 480.0)
            .set("predecessors_max_value", 480.0).set("merger_combine", "sum").set("combine_note", incomplete));
  }

  @Test
  void aRateIsNotCombinedWithoutAPopulationTableAndSaysSo() {
    Dataset<Row> result = history(
        ranking("VN63", "10", LAO_CAI, "R1", "OP_RATE", 2021, 60.0, null, null),
        ranking("VN63", "15", YEN_BAI, "R1", "OP_RATE", 2021, 70.0, null, null));

    String note = PredecessorHistory.NOTE_NO_POPULATION;
    assertRows(result, PredecessorHistory.SCHEMA, KEY,
        expected("15", LAO_CAI, "OP_RATE", 2021, "predecessor").set("predecessor_code", "10")
            .set("predecessor_name_vi", LAO_CAI).set("relation", "merged").set("value", 60.0)
            .set("rank_source", "none").set("n_predecessors", 2).set("n_predecessors_observed", 2)
            .set("n_predecessors_with_value", 2).set("predecessors_min_value", 60.0)
            .set("predecessors_max_value", 70.0).set("merger_combine", "population_weighted_mean")
            .set("combine_note", note),
        expected("15", LAO_CAI, "OP_RATE", 2021, "predecessor").set("predecessor_code", "15")
            .set("predecessor_name_vi", YEN_BAI).set("relation", "merged").set("value", 70.0)
            .set("rank_source", "none").set("n_predecessors", 2).set("n_predecessors_observed", 2)
            .set("n_predecessors_with_value", 2).set("predecessors_min_value", 60.0)
            .set("predecessors_max_value", 70.0).set("merger_combine", "population_weighted_mean")
            .set("combine_note", note));
  }
}
