package vn.provincecompare.compute;

import static vn.provincecompare.compute.TargetFixtures.INDICATORS;
import static vn.provincecompare.compute.TargetFixtures.LINEAGE;
import static vn.provincecompare.compute.TargetFixtures.UNITS;
import static vn.provincecompare.compute.TargetFixtures.row;
import static vn.provincecompare.compute.TargetFixtures.table;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The 2025 merger in miniature, as the catalog has it (data/reference/units.csv and lineage.csv):
 * <ul>
 *   <li>a merged unit: VN34 15 Lào Cai = VN63 10 Lào Cai + VN63 15 Yên Bái (both links {@code merged});</li>
 *   <li>a split code: the name Lào Cai is code 10 in VN63 and 15 in VN34, while VN63 15 is Yên Bái, so a code
 *       read without its frame would pair the wrong provinces;</li>
 *   <li>an unchanged unit: VN63 01 Hà Nội -> VN34 01 Hà Nội.</li>
 * </ul>
 */
final class LineageFixtures {

  static final String LAO_CAI = "Lào Cai";
  static final String YEN_BAI = "Yên Bái";
  static final String HA_NOI = "Hà Nội";

  private LineageFixtures() {
  }

  static Dataset<Row> units(SparkSession spark) {
    return table(spark, UNITS,
        unit("VN63", "01", HA_NOI), unit("VN63", "10", LAO_CAI), unit("VN63", "15", YEN_BAI),
        unit("VN34", "01", HA_NOI), unit("VN34", "15", LAO_CAI));
  }

  static Dataset<Row> lineage(SparkSession spark) {
    return table(spark, LINEAGE,
        link("01", "01", "unchanged"), link("10", "15", "merged"), link("15", "15", "merged"));
  }

  /**
   * DTI, PCI: survey indices ({@code never}); OP_PUBLIC_SERVICE_UNITS: a count ({@code sum}, as in
   * indicators.csv); OP_RATE: a made-up rate that could only be combined with a population table.
   */
  static Dataset<Row> indicators(SparkSession spark) {
    return table(spark, INDICATORS,
        indicator("DTI", "never"), indicator("PCI", "never"), indicator("OP_PUBLIC_SERVICE_UNITS", "sum"),
        indicator("OP_RATE", "population_weighted_mean"));
  }

  private static TargetFixtures.RowBuilder indicator(String code, String combine) {
    return TargetFixtures.indicator(code, null, code, "higher_is_better").set("merger_combine", combine);
  }

  private static TargetFixtures.RowBuilder unit(String frame, String code, String name) {
    return row(UNITS).set("unit_frame", frame).set("unit_code", code).set("name_vi", name);
  }

  private static TargetFixtures.RowBuilder link(String from, String to, String relation) {
    return row(LINEAGE).set("from_frame", "VN63").set("from_code", from).set("to_frame", "VN34").set("to_code", to)
        .set("relation", relation).set("effective_date", "2025-07-01");
  }

  /** percentile = 100 x (n - rank) / (n - 1), as the rankings table defines it. */
  static double percentile(int rank, int n) {
    return 100.0 * (n - rank) / (n - 1);
  }
}
