package vn.provincecompare.validate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Row checks, duplicates, preference, conflicts and derivation on a fixture of bad rows on purpose. Each expected
 * outcome is written beside its row.
 */
class ValidationTest extends SparkTestBase {

  private static final List<Row> RAW = new ArrayList<>();
  private static Dataset<Row> checked;
  private static Dataset<Row> indicatorValues;

  private static void raw(long id, String source, int priority, boolean rounded, int line, String unit, String year,
      String indicator, String value, String rank, String n, String frame) {
    RAW.add(RowFactory.create(id, source, priority, rounded, "raw/" + source + ".csv", line, "value", unit, year,
        indicator, value, rank, n, frame, "row " + line, null, null));
  }

  @BeforeAll
  static void runValidation() {
    raw(1, "a", 10, false, 2, "Lào Cai", "2024", "PAR_INDEX", "89.03", "26", "63", "VN63"); // accepted
    raw(2, "a", 10, false, 3, "Atlantis", "2024", "PAR_INDEX", "50", null, null, "VN63"); // UNKNOWN_UNIT
    raw(3, "a", 10, false, 4, "Lào Cai", "44927", "PAR_INDEX", "50", null, null, "VN63"); // BAD_YEAR
    raw(4, "a", 10, false, 5, "Lào Cai", "2023", "PAR_INDEX", "64,5", null, null, "VN63"); // NON_NUMERIC
    raw(5, "a", 10, false, 6, "Lào Cai", "2018", "PAPI_D1", "KCDL", null, null, "VN63"); // MISSING_VALUE
    raw(6, "a", 10, false, 7, "Lào Cai", "2022", "PAPI_D1", "0", null, null, "VN63"); // MISSING_CODE_OFF_SCALE (scale 1-10)
    raw(7, "a", 10, false, 8, "Lào Cai", "2022", "PAR_INDEX", "145", null, null, "VN63"); // OFF_SCALE (0-100)
    raw(8, "a", 10, false, 9, "Lào Cai", "2030", "PAR_INDEX", "80", null, null, "VN63"); // YEAR_OUTSIDE_FRAME
    raw(9, "a", 10, false, 10, "Lào Cai", "2015", "PAPI_SC24", "", null, null, "VN63"); // NOT_APPLICABLE (2018-)
    raw(10, "a", 10, false, 11, "Lào Cai", "2021", "NO_SUCH", "1", null, null, "VN63"); // UNKNOWN_INDICATOR
    raw(11, "a", 10, false, 12, "Lào Cai", "2021", "PAR_INDEX", "88", "0", "63", "VN63"); // BAD_RANK (0)
    RAW.add(RowFactory.create(12L, "a", 10, false, "raw/a.csv", 13, null, null, null, null, null, null, null, null,
        "x,y", "WRONG_FIELD_COUNT", "line has 2 fields, the header has 4")); // READER_REJECT, own reason code
    // Duplicates within source b: an exact repeat keeps its first line; repeats that disagree are all rejected.
    raw(13, "b", 20, false, 2, "Yên Bái", "2020", "PAR_INDEX", "80.5", null, null, "VN63"); // kept
    raw(14, "b", 20, false, 3, "Yên Bái", "2020", "PAR_INDEX", "80.5", null, null, "VN63"); // DUPLICATE_ROW
    raw(15, "b", 20, false, 4, "Yên Bái", "2021", "PAR_INDEX", "81", null, null, "VN63"); // DUPLICATE_CONFLICT
    raw(16, "b", 20, false, 5, "Yên Bái", "2021", "PAR_INDEX", "82", null, null, "VN63"); // DUPLICATE_CONFLICT
    // Across sources: PAPI 2020 full precision (a, priority 10) vs the rounded published figure (f, 90):
    // |42.9506 - 42.96| = 0.0094 > 0.005 (half of 0.01) + 1e-4 -> f conflicts; its rank still counts.
    raw(17, "a", 10, false, 20, "Lào Cai", "2020", "PAPI", "42.9506", null, null, "VN63");
    raw(18, "f", 90, true, 2, "Lào Cai", "2020", "PAPI", "42.96", "27", "63", "VN63");
    // PCI 2011: |73.5312 - 73.53| = 0.0012 <= 0.005 + 1e-4 -> agrees.
    raw(19, "a", 10, false, 21, "Lào Cai", "2011", "PCI", "73.5312", "1", "63", "VN63");
    raw(20, "f", 90, true, 3, "Lào Cai", "2011", "PCI", "73.53", "1", "63", "VN63");
    // Derivation: D1 = SC11 + SC12. Hà Nội has both -> 1.25 + 2.5 = 3.75; Yên Bái lacks SC12 -> no D1.
    raw(21, "a", 10, false, 30, "Hà Nội", "2019", "PAPI_SC11", "1.25", null, null, "VN63");
    raw(22, "a", 10, false, 31, "Hà Nội", "2019", "PAPI_SC12", "2.5", null, null, "VN63");
    raw(23, "a", 10, false, 32, "Yên Bái", "2019", "PAPI_SC11", "1.5", null, null, "VN63");
    // Ranks by priority, not by source id: PCI 2016 Lào Cai, the preferred scores (a, 10) carry no rank; the
    // province's published facts (p_facts, 30) say 26/63, a news page (b_news, 95, whose id sorts first) 20/63.
    // The rank is p_facts' (30 < 95); b_news's row stays, marked rank_conflict. A second page (c_copy, 96)
    // repeating 26/63 agrees and stays reported.
    raw(24, "a", 10, false, 40, "Lào Cai", "2016", "PCI", "60.12", null, null, "VN63");
    raw(25, "p_facts", 30, true, 2, "Lào Cai", "2016", "PCI", "", "26", "63", "VN63");
    raw(26, "b_news", 95, true, 2, "Lào Cai", "2016", "PCI", "", "20", "63", "VN63");
    raw(27, "c_copy", 96, true, 2, "Lào Cai", "2016", "PCI", "", "26", "63", "VN63");

    Dataset<Row> rawTable = spark.createDataFrame(RAW, ValidateTables.RAW_OBSERVATIONS);
    Dataset<Row> units = spark.createDataFrame(List.of(
        RowFactory.create("Lào Cai", "VN63", "10", null, null),
        RowFactory.create("Yên Bái", "VN63", "15", null, null),
        RowFactory.create("Hà Nội", "VN63", "01", null, null),
        RowFactory.create("Atlantis", "VN63", null, "UNKNOWN_UNIT", "'Atlantis' is not a unit of VN63")),
        ValidateTables.UNIT_RESOLUTION);
    Dataset<Row> indicatorResolution = spark.createDataFrame(List.of(
        RowFactory.create("PAR_INDEX", "PAR_INDEX"), RowFactory.create("PAPI_D1", "PAPI_D1"),
        RowFactory.create("PAPI_SC24", "PAPI_SC24"), RowFactory.create("PAPI", "PAPI"),
        RowFactory.create("PCI", "PCI"), RowFactory.create("PAPI_SC11", "PAPI_SC11"),
        RowFactory.create("PAPI_SC12", "PAPI_SC12"), RowFactory.create("NO_SUCH", null)),
        ValidateTables.INDICATOR_RESOLUTION);
    StructType indicatorSchema = new StructType()
        .add("indicator_code", DataTypes.StringType).add("parent_code", DataTypes.StringType)
        .add("scale_min", DataTypes.DoubleType).add("scale_max", DataTypes.DoubleType)
        .add("plausible_min", DataTypes.DoubleType).add("plausible_max", DataTypes.DoubleType)
        .add("direction", DataTypes.StringType).add("first_year", DataTypes.IntegerType)
        .add("last_year", DataTypes.IntegerType);
    Dataset<Row> indicators = spark.createDataFrame(List.of(
        RowFactory.create("PAR_INDEX", null, 0.0, 100.0, null, null, "higher_is_better", 2012, null),
        RowFactory.create("PCI", null, 0.0, 100.0, null, null, "higher_is_better", 2005, null),
        RowFactory.create("PAPI", null, 6.0, 80.0, null, null, "higher_is_better", 2011, null),
        RowFactory.create("PAPI_D1", "PAPI", 1.0, 10.0, null, null, "higher_is_better", 2011, null),
        RowFactory.create("PAPI_SC11", "PAPI_D1", 0.0, 10.0, null, null, "higher_is_better", 2011, null),
        RowFactory.create("PAPI_SC12", "PAPI_D1", 0.0, 10.0, null, null, "higher_is_better", 2011, null),
        RowFactory.create("PAPI_SC24", "PAPI_D2", 0.0, 10.0, null, null, "higher_is_better", 2018, null)), indicatorSchema);
    Dataset<Row> frames = spark.createDataFrame(List.of(RowFactory.create("VN63", 2008, 2025, 63)),
        new StructType().add("frame_code", DataTypes.StringType).add("first_data_year", DataTypes.IntegerType)
            .add("last_data_year", DataTypes.IntegerType).add("n_units", DataTypes.IntegerType));

    List<Check> checks = RowChecks.standardChecks(List.of("kcdl", "..", "n/a"), List.of(0.0));
    checked = Consolidation.markDuplicates(RowChecks.checkRows(checks, units, indicatorResolution, indicators,
        frames, rawTable)).cache();
    Dataset<Row> candidates = Consolidation.candidates(checked);
    candidates = candidates.unionByName(Consolidation.deriveSums(List.of("PAPI_D1"), indicators, candidates));
    indicatorValues = Consolidation.toIndicatorValues(candidates).cache();
  }

  @Test
  void everyRowGetsTheReasonOfItsFirstFailingCheck() {
    Map<Long, String> reasons = new TreeMap<>();
    for (Row r : checked.select("obs_id", "reason_code").collectAsList()) {
      reasons.put(r.getLong(0), r.isNullAt(1) ? "-" : r.getString(1));
    }
    assertThat(reasons).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
        Map.entry(1L, "-"), Map.entry(2L, "UNKNOWN_UNIT"), Map.entry(3L, "BAD_YEAR"), Map.entry(4L, "NON_NUMERIC"),
        Map.entry(5L, "MISSING_VALUE"), Map.entry(6L, "MISSING_CODE_OFF_SCALE"), Map.entry(7L, "OFF_SCALE"),
        Map.entry(8L, "YEAR_OUTSIDE_FRAME"), Map.entry(9L, "NOT_APPLICABLE"), Map.entry(10L, "UNKNOWN_INDICATOR"),
        Map.entry(11L, "BAD_RANK"), Map.entry(12L, "WRONG_FIELD_COUNT"), Map.entry(13L, "-"),
        Map.entry(14L, "DUPLICATE_ROW"), Map.entry(15L, "DUPLICATE_CONFLICT"), Map.entry(16L, "DUPLICATE_CONFLICT"),
        Map.entry(17L, "-"), Map.entry(18L, "-"), Map.entry(19L, "-"), Map.entry(20L, "-"), Map.entry(21L, "-"),
        Map.entry(22L, "-"), Map.entry(23L, "-"), Map.entry(24L, "-"), Map.entry(25L, "-"), Map.entry(26L, "-"),
        Map.entry(27L, "-"))));
  }

  @Test
  void messagesNameTheFieldAndTheValue() {
    Map<Long, String> messages = new TreeMap<>();
    for (Row r : checked.filter(col("obs_id").isin(3L, 4L, 7L, 12L, 14L)).select("obs_id", "message")
        .collectAsList()) {
      messages.put(r.getLong(0), r.getString(1));
    }
    assertThat(messages.get(3L)).isEqualTo("year '44927' is not a four-digit year (an Excel date serial or a "
        + "shifted column?)");
    assertThat(messages.get(4L)).isEqualTo("field 'value': value '64,5' is not a number (expected e.g. 64.5: a '.' "
        + "decimal separator, no thousands separator, no % sign)");
    assertThat(messages.get(7L)).isEqualTo("field 'value': value '145' is off the scale 0.0-100.0 of PAR_INDEX (a "
        + "0-1 share where 0-100 is expected, or the reverse?)");
    assertThat(messages.get(12L)).isEqualTo("line has 2 fields, the header has 4");
    assertThat(messages.get(14L)).isEqualTo("repeats line 2 of the same source for VN63 15 PAR_INDEX 2020 with the "
        + "same value; the first is kept");
  }

  @Test
  void everyInputRowIsAcceptedOrQuarantined() {
    long accepted = indicatorValues.filter(col("source_id").notEqual("derived")).count();
    long quarantined = checked.filter(col("reason_code").isNotNull()).count();
    // 27 input rows: 1, 13, 17..27 accepted (13); the other 14 quarantined.
    assertThat(accepted).isEqualTo(13);
    assertThat(quarantined).isEqualTo(14);
    assertThat(accepted + quarantined).isEqualTo(RAW.size());
  }

  @Test
  void preferenceAndConflictsAcrossSources() {
    List<Row> papi = indicatorValues.filter(col("indicator_code").equalTo("PAPI"))
        .orderBy("source_id").select("source_id", "value", "published_rank", "value_status", "is_preferred")
        .collectAsList();
    assertThat(papi).containsExactly(
        RowFactory.create("a", 42.9506, null, "reported", true),
        RowFactory.create("f", 42.96, 27, "conflict", false));
    List<Row> pci = indicatorValues.filter(col("indicator_code").equalTo("PCI").and(col("year").equalTo(2011)))
        .orderBy("source_id").select("source_id", "value_status", "is_preferred").collectAsList();
    assertThat(pci).containsExactly(RowFactory.create("a", "reported", true), RowFactory.create("f", "reported", false));
  }

  @Test
  void thePublishedRankIsTheBestPrioritySourcesAndTheLosingRankIsAConflict() {
    List<Row> pci2016 = indicatorValues.filter(col("indicator_code").equalTo("PCI").and(col("year").equalTo(2016)))
        .orderBy("source_id").select("source_id", "published_rank", "value_status", "is_preferred")
        .collectAsList();
    assertThat(pci2016).containsExactly(
        RowFactory.create("a", null, "reported", true),
        // 20/63 from priority 95 against 26/63 from priority 30: it loses, stays visible.
        RowFactory.create("b_news", 20, "rank_conflict", false),
        RowFactory.create("c_copy", 26, "rank_only", false),
        RowFactory.create("p_facts", 26, "rank_only", false));
    // Through compute: the observation's rank is 26/63, although "b_news" sorts before "p_facts".
    Row observation = vn.provincecompare.compute.Observations.preferred(indicatorValues)
        .filter(col("indicator_code").equalTo("PCI").and(col("year").equalTo(2016))).first();
    assertThat(observation.<Integer>getAs("published_rank")).isEqualTo(26);
    assertThat(observation.<Integer>getAs("published_n")).isEqualTo(63);
    assertThat(observation.<Double>getAs("value")).isEqualTo(60.12);
  }

  @Test
  void parentsAreDerivedOnlyFromCompleteChildren() {
    List<Row> d1 = indicatorValues.filter(col("indicator_code").equalTo("PAPI_D1"))
        .select("unit_code", "year", "value", "source_id", "value_status", "is_preferred").collectAsList();
    assertThat(d1).containsExactly(RowFactory.create("01", 2019, 3.75, "derived", "derived", true));
  }
}
