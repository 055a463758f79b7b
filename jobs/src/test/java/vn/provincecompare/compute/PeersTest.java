package vn.provincecompare.compute;

import static vn.provincecompare.compute.TargetFixtures.RANKINGS;
import static vn.provincecompare.compute.TargetFixtures.UNITS;
import static vn.provincecompare.compute.TargetFixtures.assertRows;
import static vn.provincecompare.compute.TargetFixtures.ranking;
import static vn.provincecompare.compute.TargetFixtures.row;
import static vn.provincecompare.compute.TargetFixtures.table;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.compute.ReportSettings.UnitRef;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Peer comparison for Lào Cai (VN63 10) in its region R1 (Lào Cai 10, Yên Bái 15, Tuyên Quang 08, Hà Giang
 * 02) and against the peer list Yên Bái 15, Quảng Ninh 22 (region R2) and a VN34 unit (another frame: never in
 * a VN63 group).
 */
class PeersTest extends SparkTestBase {

  private static final List<String> KEY = List.of("indicator_code", "group_code");
  private static final String LAO_CAI = "Lào Cai";

  @BeforeAll
  static void tune() {
    TargetFixtures.tuneForTinyFixtures(spark);
  }

  private Dataset<Row> units() {
    return table(spark, UNITS, unit("10", LAO_CAI, "R1"), unit("15", "Yên Bái", "R1"),
        unit("08", "Tuyên Quang", "R1"), unit("02", "Hà Giang", "R1"), unit("01", "Hà Nội", "R2"),
        unit("22", "Quảng Ninh", "R2"));
  }

  private Dataset<Row> rankings() {
    return table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "PCI", 2024, 64.0, 30, 63),
        ranking("VN63", "15", "Yên Bái", "R1", "PCI", 2024, 66.0, 20, 63),
        ranking("VN63", "08", "Tuyên Quang", "R1", "PCI", 2024, 66.0, 20, 63),
        ranking("VN63", "02", "Hà Giang", "R1", "PCI", 2024, 60.0, 50, 63),
        ranking("VN63", "01", "Hà Nội", "R2", "PCI", 2024, 70.0, 5, 63),
        ranking("VN63", "22", "Quảng Ninh", "R2", "PCI", 2024, 72.0, 1, 63),
        ranking("VN34", "15", LAO_CAI, "R1", "PCI", 2024, 99.0, 1, 34),
        // Processing days, lower is better; Hà Giang has no value; Quảng Ninh no row.
        days("10", LAO_CAI, 12.0), days("15", "Yên Bái", 10.0), days("08", "Tuyên Quang", 15.0),
        days("02", "Hà Giang", null));
  }

  private static final TargetFixtures.RowBuilder PCI_REGION = expected("PCI", "region:R1", 64.0, 30, 63)
      // Members 64, 66, 66, 60: n = 4; mean = 256 / 4 = 64; sorted 60, 64, 66, 66 -> median (64 + 66) / 2 = 65;
      // best 66 shared by 08 and 15 -> the smaller code 08; two members above 64 -> rank 3;
      // gap to mean 64 - 64 = 0; gap to best 64 - 66 = -2.
      .set("group_n", 4).set("group_mean", 64.0).set("group_median", 65.0).set("group_best_value", 66.0)
      .set("group_best_unit_code", "08").set("rank_in_group", 3).set("gap_to_group_mean", 0.0)
      .set("gap_to_group_best", -2.0);

  private static final TargetFixtures.RowBuilder DAYS_REGION = expected("OP_PROCESSING_DAYS", "region:R1", 12.0,
      null, null)
      // Members with a value 12, 10, 15 (Hà Giang none): n = 3; mean 37 / 3 = 12.333; median 12; best = lowest
      // = 10 (Yên Bái 15); one member lower than 12 -> rank 2; lower is better, so the gaps are turned:
      // to mean -(12 - 37/3) = +1/3 (better than the mean), to best -(12 - 10) = -2.
      .set("group_n", 3).set("group_mean", 37.0 / 3).set("group_median", 12.0).set("group_best_value", 10.0)
      .set("group_best_unit_code", "15").set("rank_in_group", 2).set("gap_to_group_mean", 1.0 / 3)
      .set("gap_to_group_best", -2.0);

  @Test
  void regionAndPeerGroupsByHand() {
    ReportSettings settings = ReportSettings.defaults()
        .withFocalUnits(List.of(new UnitRef("VN63", "10")))
        .withPeerUnits(List.of(new UnitRef("VN63", "15"), new UnitRef("VN63", "22"), new UnitRef("VN34", "15")));

    Dataset<Row> result = Peers.peerComparison(settings, units(), rankings());

    assertRows(result, Peers.SCHEMA, KEY, PCI_REGION, DAYS_REGION,
        // Lào Cai 64, Yên Bái 66, Quảng Ninh 72 (VN34 15 is another frame): n = 3; mean 202 / 3 = 67.333;
        // median 66; best 72 (22); two above 64 -> rank 3; to mean 64 - 202/3 = -10/3; to best 64 - 72 = -8.
        expected("PCI", "peers", 64.0, 30, 63).set("group_n", 3).set("group_mean", 202.0 / 3)
            .set("group_median", 66.0).set("group_best_value", 72.0).set("group_best_unit_code", "22")
            .set("rank_in_group", 3).set("gap_to_group_mean", -10.0 / 3).set("gap_to_group_best", -8.0),
        // Days: Lào Cai 12, Yên Bái 10 (Quảng Ninh has none): n = 2; mean 11; median 11; best 10 (15);
        // rank 2; to mean -(12 - 11) = -1 (worse than the mean); to best -(12 - 10) = -2.
        expected("OP_PROCESSING_DAYS", "peers", 12.0, null, null).set("group_n", 2).set("group_mean", 11.0)
            .set("group_median", 11.0).set("group_best_value", 10.0).set("group_best_unit_code", "15")
            .set("rank_in_group", 2).set("gap_to_group_mean", -1.0).set("gap_to_group_best", -2.0));
  }

  @Test
  void withoutAPeerListOnlyTheRegionIsCompared() {
    ReportSettings settings = ReportSettings.defaults().withFocalUnits(List.of(new UnitRef("VN63", "10")));

    Dataset<Row> result = Peers.peerComparison(settings, units(), rankings());

    assertRows(result, Peers.SCHEMA, KEY, PCI_REGION, DAYS_REGION);
  }

  @Test
  void anUnknownDirectionNamesNoBestUnit() {
    // An indicator whose catalog direction is unknown: values 5 (Lào Cai) and 7 (Yên Bái), region R1. Mean and
    // median need no direction: n 2, mean (5 + 7) / 2 = 6, median 6. Best, rank and gaps do: all null, and no
    // unit may be named best beside a null best value (before: the smallest code, "10", was).
    Dataset<Row> rankings = table(spark, RANKINGS,
        ranking("VN63", "10", LAO_CAI, "R1", "OP_UNKNOWN", 2024, 5.0, null, null).set("direction", null),
        ranking("VN63", "15", "Yên Bái", "R1", "OP_UNKNOWN", 2024, 7.0, null, null).set("direction", null));
    ReportSettings settings = ReportSettings.defaults().withFocalUnits(List.of(new UnitRef("VN63", "10")));

    Dataset<Row> result = Peers.peerComparison(settings, units(), rankings);

    assertRows(result, Peers.SCHEMA, KEY,
        expected("OP_UNKNOWN", "region:R1", 5.0, null, null).set("group_n", 2).set("group_mean", 6.0)
            .set("group_median", 6.0));
  }

  private static TargetFixtures.RowBuilder unit(String code, String name, String region) {
    return row(UNITS).set("unit_frame", "VN63").set("unit_code", code).set("name_vi", name)
        .set("unit_type", "province").set("region_code", region);
  }

  private static TargetFixtures.RowBuilder days(String code, String name, Double value) {
    return ranking("VN63", code, name, "R1", "OP_PROCESSING_DAYS", 2024, value, null, null)
        .set("direction", "lower_is_better");
  }

  private static TargetFixtures.RowBuilder expected(String indicator, String group, double value, Integer rank,
      Integer nRanked) {
    return row(Peers.SCHEMA).set("unit_frame", "VN63").set("unit_code", "10").set("unit_name_vi", LAO_CAI)
        .set("indicator_code", indicator).set("year", 2024).set("group_code", group).set("value", value)
        .set("rank", rank).set("n_ranked", nRanked);
  }
}
