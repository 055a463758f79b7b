package vn.provincecompare.compute;

import static org.assertj.core.api.Assertions.assertThat;
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
 * What a VN34 unit's first observation can be compared with, on the merger fixture ({@link LineageFixtures}).
 * DTI ranks: dti_2022_ranking_dti_gov_vn.csv (Lào Cai 38/63, Yên Bái 15/63, Hà Nội 24/63) and
 * lao_cai_published_facts.csv (DTI 2024 Lào Cai 14/34, 0.7167; PCI 2023 Lào Cai 26/63). Hà Nội's DTI values,
 * its 2024 rank, Lào Cai's PCI 2024 rank among 34 and the PCI 2025 row are made up for the fixture.
 */
class BoundaryChangesTest extends SparkTestBase {

  private static final List<String> KEY = List.of("unit_frame", "unit_code", "indicator_code", "predecessor_code");

  @BeforeAll
  static void tune() {
    TargetFixtures.tuneForTinyFixtures(spark);
  }

  private Dataset<Row> boundary(TargetFixtures.RowBuilder... rankings) {
    return BoundaryChanges.acrossFrames(LineageFixtures.units(spark), LineageFixtures.lineage(spark),
        table(spark, RANKINGS, rankings));
  }

  @Test
  void newLaoCaiDti2024StandsBesideEachPredecessorsDti2022RankAndIsNeverSubtracted() {
    Dataset<Row> result = boundary(
        ranking("VN63", "10", LAO_CAI, "R1", "DTI", 2022, null, 38, 63).set("percentile", percentile(38, 63)),
        ranking("VN63", "15", YEN_BAI, "R1", "DTI", 2022, null, 15, 63).set("percentile", percentile(15, 63)),
        ranking("VN34", "15", LAO_CAI, "R1", "DTI", 2024, 0.7167, 14, 34).set("percentile", percentile(14, 34)),
        // A later VN34 year is not the first one in the frame.
        ranking("VN34", "15", LAO_CAI, "R1", "DTI", 2025, 0.75, 12, 34));

    TargetFixtures.RowBuilder first = row(BoundaryChanges.SCHEMA).set("unit_frame", "VN34").set("unit_code", "15")
        .set("unit_name_vi", LAO_CAI).set("indicator_code", "DTI").set("year", 2024).set("value", 0.7167)
        .set("rank", 14).set("n_ranked", 34).set("percentile", 100.0 * 20 / 33).set("relation", "merged")
        .set("predecessor_frame", "VN63").set("predecessor_year", 2022).set("is_frame_changed", true)
        .set("is_value_comparable", false);
    String merged = "merged unit: not comparable with one predecessor (survey indices are not combined); ranks in "
        + "different frames are not subtracted (VN34 15 14/34 in 2024; ";
    assertRows(result, BoundaryChanges.SCHEMA, KEY,
        copy(first).set("predecessor_code", "10").set("predecessor_name_vi", LAO_CAI).set("predecessor_rank", 38)
            .set("predecessor_n_ranked", 63).set("predecessor_percentile", 100.0 * 25 / 62)
            .set("comparison_note", merged + "VN63 10 Lào Cai 38/63 in 2022)"),
        copy(first).set("predecessor_code", "15").set("predecessor_name_vi", YEN_BAI).set("predecessor_rank", 15)
            .set("predecessor_n_ranked", 63).set("predecessor_percentile", 100.0 * 48 / 62)
            .set("comparison_note", merged + "VN63 15 Yên Bái 15/63 in 2022)"));
    assertThat(BoundaryChanges.columnNames()).noneMatch(c -> c.contains("rank_change"));
  }

  @Test
  void anUnchangedUnitComparesPointsAndAMissingPredecessorIsStatedNotDropped() {
    Dataset<Row> result = boundary(
        ranking("VN63", "01", HA_NOI, "R2", "DTI", 2021, 0.60, 30, 63),
        ranking("VN63", "01", HA_NOI, "R2", "DTI", 2022, 0.65, 24, 63),
        ranking("VN34", "01", HA_NOI, "R2", "DTI", 2024, 0.70, 5, 34),
        // PCI: only old Lào Cai has it; its 2025 row is after new Lào Cai's first year (2024), so 2023 is used.
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2023, 67.38, 26, 63),
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2025, 70.0, 20, 63),
        ranking("VN34", "15", LAO_CAI, "R1", "PCI", 2024, null, 10, 34),
        // No predecessor ever had OP_RATE: nothing to compare with, no row.
        ranking("VN34", "15", LAO_CAI, "R1", "OP_RATE", 2024, 55.0, null, null));

    assertRows(result, BoundaryChanges.SCHEMA, KEY,
        // Same territory, both valued: 0.70 - 0.65 = 0.05 points, the latest predecessor year (2022, not 2021).
        row(BoundaryChanges.SCHEMA).set("unit_frame", "VN34").set("unit_code", "01").set("unit_name_vi", HA_NOI)
            .set("indicator_code", "DTI").set("year", 2024).set("value", 0.70).set("rank", 5).set("n_ranked", 34)
            .set("relation", "unchanged").set("predecessor_frame", "VN63").set("predecessor_code", "01")
            .set("predecessor_name_vi", HA_NOI).set("predecessor_year", 2022).set("predecessor_value", 0.65)
            .set("predecessor_rank", 24).set("predecessor_n_ranked", 63).set("is_frame_changed", true)
            .set("is_value_comparable", true).set("delta_value", 0.05)
            .set("comparison_note", "same territory: the change in points is comparable; ranks in different "
                + "frames are not subtracted (VN34 01 5/34 in 2024; VN63 01 Hà Nội 24/63 in 2022)"),
        row(BoundaryChanges.SCHEMA).set("unit_frame", "VN34").set("unit_code", "15").set("unit_name_vi", LAO_CAI)
            .set("indicator_code", "PCI").set("year", 2024).set("rank", 10).set("n_ranked", 34)
            .set("relation", "merged").set("predecessor_frame", "VN63").set("predecessor_code", "10")
            .set("predecessor_name_vi", LAO_CAI).set("predecessor_year", 2023).set("predecessor_value", 67.38)
            .set("predecessor_rank", 26).set("predecessor_n_ranked", 63).set("is_frame_changed", true)
            .set("is_value_comparable", false)
            .set("comparison_note", "merged unit: not comparable with one predecessor (survey indices are not "
                + "combined); ranks in different frames are not subtracted (VN34 15 10/34 in 2024; VN63 10 Lào Cai "
                + "26/63 in 2023)"),
        row(BoundaryChanges.SCHEMA).set("unit_frame", "VN34").set("unit_code", "15").set("unit_name_vi", LAO_CAI)
            .set("indicator_code", "PCI").set("year", 2024).set("rank", 10).set("n_ranked", 34)
            .set("relation", "merged").set("predecessor_frame", "VN63").set("predecessor_code", "15")
            .set("predecessor_name_vi", YEN_BAI).set("is_frame_changed", true).set("is_value_comparable", false)
            .set("comparison_note", "no observation of the predecessor up to 2024; ranks in different frames are "
                + "not subtracted (VN34 15 10/34 in 2024)"));
  }

  private static TargetFixtures.RowBuilder copy(TargetFixtures.RowBuilder b) {
    TargetFixtures.RowBuilder c = row(BoundaryChanges.SCHEMA);
    b.map().forEach((k, v) -> c.set(k, v instanceof java.math.BigDecimal d ? d.doubleValue() : v));
    return c;
  }
}
