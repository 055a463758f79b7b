package vn.provincecompare.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Derived sums that are equal in decimal arithmetic are equal as doubles, so floating-point error never breaks a
 * tie between them (issue 13 item 7).
 */
class DerivedSumsTest extends SparkTestBase {

  private static Row child(String unit, String code, double value) {
    return RowFactory.create("VN63", unit, code, 2020, value, null, null, "src", "f.csv", 2, 10, 1e-4, false, 1L);
  }

  @Test
  void sumsEqualInDecimalArithmeticAreEqualAsDoubles() {
    StructType candidateSchema = new StructType()
        .add("unit_frame", DataTypes.StringType).add("unit_code", DataTypes.StringType)
        .add("indicator_code", DataTypes.StringType).add("year", DataTypes.IntegerType)
        .add("value", DataTypes.DoubleType).add("published_rank", DataTypes.IntegerType)
        .add("published_n", DataTypes.IntegerType).add("source_id", DataTypes.StringType)
        .add("source_file", DataTypes.StringType).add("line", DataTypes.IntegerType)
        .add("source_priority", DataTypes.IntegerType).add("value_tolerance", DataTypes.DoubleType)
        .add("is_derived", DataTypes.BooleanType).add("obs_id", DataTypes.LongType);
    // Summed in code order (C1, C2, C3): unit 01 is (0.1 + 0.2) + 0.3 = 0.6000000000000001 in doubles, unit 02 is
    // (0.3 + 0.2) + 0.1 = 0.6 exactly; both are 0.6 in decimal, so they tie. Unit 03: 0.1 + 0.2 + 0.4 = 0.7,
    // a real difference of 0.1, stays apart.
    Dataset<Row> candidates = spark.createDataFrame(List.of(
        child("01", "C1", 0.1), child("01", "C2", 0.2), child("01", "C3", 0.3),
        child("02", "C1", 0.3), child("02", "C2", 0.2), child("02", "C3", 0.1),
        child("03", "C1", 0.1), child("03", "C2", 0.2), child("03", "C3", 0.4)), candidateSchema);
    Dataset<Row> indicators = spark.createDataFrame(List.of(
        RowFactory.create("P", null), RowFactory.create("C1", "P"), RowFactory.create("C2", "P"),
        RowFactory.create("C3", "P")),
        new StructType().add("indicator_code", DataTypes.StringType).add("parent_code", DataTypes.StringType));

    Map<String, Double> sums = new TreeMap<>();
    for (Row r : Consolidation.deriveSums(List.of("P"), indicators, candidates).orderBy(col("unit_code"))
        .collectAsList()) {
      sums.put(r.getAs("unit_code"), r.getAs("value"));
    }
    assertThat(sums).containsOnlyKeys("01", "02", "03");
    assertThat(sums.get("01")).isEqualTo(sums.get("02")).isEqualTo(0.6);
    assertThat(sums.get("03")).isEqualTo(0.7);
  }
}
