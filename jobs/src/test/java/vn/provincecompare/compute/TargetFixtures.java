package vn.provincecompare.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provincecompare.catalog.IndicatorTables;
import vn.provincecompare.catalog.TargetTables;
import vn.provincecompare.catalog.UnitTables;

/**
 * Tiny input tables for the target, scorecard and peer tests, built in code with the column contracts of the
 * tables they stand for (rankings and changes are produced by another stage; their columns are copied here
 * from the contract so these tests do not depend on that code), and a whole-row comparison.
 */
final class TargetFixtures {

  static final StructType RANKINGS = nullable(Rankings.SCHEMA);

  static final StructType CHANGES = nullable(Changes.SCHEMA);

  static final StructType TARGETS = nullable(TargetTables.TARGETS_SCHEMA);

  static final StructType INDICATORS = nullable(IndicatorTables.INDICATORS_SCHEMA);

  static final StructType BANDS = nullable(IndicatorTables.BANDS_SCHEMA);

  static final StructType UNITS = nullable(UnitTables.UNITS_SCHEMA);

  static final StructType FRAMES = nullable(UnitTables.FRAMES_SCHEMA);

  static final StructType LINEAGE = new StructType()
      .add("from_frame", DataTypes.StringType).add("from_code", DataTypes.StringType)
      .add("to_frame", DataTypes.StringType).add("to_code", DataTypes.StringType)
      .add("relation", DataTypes.StringType).add("effective_date", DataTypes.StringType)
      .add("source", DataTypes.StringType);

  /**
   * The published schema with every column nullable: a fixture sets only the columns a test reads, and the
   * schemas themselves stay declared once, in the stage that produces each table.
   */
  static StructType nullable(StructType schema) {
    StructType out = new StructType();
    for (org.apache.spark.sql.types.StructField f : schema.fields()) {
      out = out.add(f.name(), f.dataType(), true);
    }
    return out;
  }

  private TargetFixtures() {
  }

  /**
   * On fixtures of a few rows, generating and compiling code for each of the many small stages of these plans
   * costs far more than it saves: whole-stage codegen off halved these classes' time on a loaded 2-core
   * machine, and interpreted expressions (Spark's own test switch) halved execution again. Same results.
   */
  static void tuneForTinyFixtures(SparkSession spark) {
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    spark.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
  }

  /** A row of {@code schema} with the named columns set and every other column null. */
  static final class RowBuilder {
    private final StructType schema;
    private final Map<String, Object> values = new LinkedHashMap<>();

    RowBuilder(StructType schema) {
      this.schema = schema;
      for (StructField field : schema.fields()) {
        values.put(field.name(), null);
      }
    }

    RowBuilder set(String column, Object value) {
      if (!values.containsKey(column)) {
        throw new IllegalArgumentException("no column " + column + " in " + Arrays.toString(schema.fieldNames()));
      }
      values.put(column, value);
      return this;
    }

    Row row() {
      return RowFactory.create(values.values().toArray());
    }

    Map<String, Object> map() {
      return normalised(values);
    }
  }

  static RowBuilder row(StructType schema) {
    return new RowBuilder(schema);
  }

  static Dataset<Row> table(SparkSession spark, StructType schema, RowBuilder... rows) {
    List<Row> built = new ArrayList<>();
    for (RowBuilder b : rows) {
      built.add(b.row());
    }
    return spark.createDataFrame(built, schema);
  }

  /** A rankings row: the columns the report stage reads; the rest stay null. */
  static RowBuilder ranking(String frame, String code, String name, String region, String indicator, int year,
      Double value, Integer rank, Integer nRanked) {
    String source = rank == null ? "none" : value == null ? "published" : "computed";
    return row(RANKINGS).set("unit_frame", frame).set("unit_code", code).set("unit_name_vi", name)
        .set("region_code", region).set("indicator_code", indicator).set("year", year).set("value", value)
        .set("direction", "higher_is_better").set("rank", rank).set("rank_source", source)
        .set("n_ranked", nRanked);
  }

  static RowBuilder target(String id, String frame, String code, String indicator, int targetYear, String kind,
      Double threshold) {
    return row(TARGETS).set("target_id", id).set("unit_frame", frame).set("unit_code", code)
        .set("indicator_code", indicator).set("target_year", targetYear).set("kind", kind)
        .set("threshold", threshold).set("source", "test");
  }

  static RowBuilder indicator(String code, String parent, String shortName, String direction) {
    return indicator(code, parent, shortName, direction, "index_score");
  }

  /** An indicator of the given catalog value_type: {@code index_score}, {@code share} or {@code level}. */
  static RowBuilder indicator(String code, String parent, String shortName, String direction, String valueType) {
    return row(INDICATORS).set("indicator_code", code).set("parent_code", parent).set("short_name", shortName)
        .set("name_vi", shortName).set("name_en", shortName)
        .set("kind", parent == null ? "composite" : "dimension").set("value_type", valueType)
        .set("direction", direction);
  }

  static Dataset<Row> frames(SparkSession spark) {
    return table(spark, FRAMES,
        row(FRAMES).set("frame_code", "VN63").set("n_units", 63).set("first_data_year", 2008)
            .set("last_data_year", 2025).set("valid_from", java.sql.Date.valueOf("2008-08-01"))
            .set("valid_to", java.sql.Date.valueOf("2025-06-30")),
        row(FRAMES).set("frame_code", "VN34").set("n_units", 34).set("first_data_year", 2024)
            .set("valid_from", java.sql.Date.valueOf("2025-07-01")));
  }

  static Dataset<Row> empty(SparkSession spark, StructType schema) {
    return spark.createDataFrame(List.of(), schema);
  }

  /**
   * Asserts the dataset has exactly {@code schema} and exactly the expected rows (compared whole, sorted by
   * the first {@code keyColumns}); doubles are compared to 9 decimals.
   */
  static void assertRows(Dataset<Row> actual, StructType schema, List<String> keyColumns,
      RowBuilder... expected) {
    assertThat(actual.schema().simpleString()).isEqualTo(schema.simpleString());
    Comparator<Map<String, Object>> byKey = Comparator.comparing(m -> keyOf(m, keyColumns));
    List<Map<String, Object>> got = new ArrayList<>();
    for (Row r : actual.collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String name : schema.fieldNames()) {
        m.put(name, r.isNullAt(r.fieldIndex(name)) ? null : r.get(r.fieldIndex(name)));
      }
      got.add(normalised(m));
    }
    got.sort(byKey);
    List<Map<String, Object>> want = new ArrayList<>();
    for (RowBuilder b : expected) {
      want.add(b.map());
    }
    want.sort(byKey);
    assertThat(got).containsExactlyElementsOf(want);
  }

  private static String keyOf(Map<String, Object> row, List<String> keyColumns) {
    StringBuilder key = new StringBuilder();
    for (String c : keyColumns) {
      key.append(row.get(c)).append('|');
    }
    return key.toString();
  }

  private static Map<String, Object> normalised(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach((k, v) -> out.put(k, v instanceof Double d
        ? BigDecimal.valueOf(d).setScale(9, RoundingMode.HALF_UP).stripTrailingZeros() : v));
    return out;
  }
}
