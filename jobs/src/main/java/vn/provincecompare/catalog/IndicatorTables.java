package vn.provincecompare.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The indicator catalog as Spark tables, for joins in validate and compute. Columns are the CSV columns, typed:
 * years and band_rank int, bounds and scales double, everything else string; a blank cell is null.
 */
public final class IndicatorTables {

  public static final StructType INDICATORS_SCHEMA = new StructType(new StructField[] {
      string("indicator_code", false), string("parent_code", true), string("family", false),
      string("short_name", false), string("short_name_vi", true), string("name_vi", false), string("name_en", false), string("publisher", false),
      string("kind", false), string("unit", false), string("value_type", false),
      dbl("scale_min"), dbl("scale_max"), dbl("plausible_min"), dbl("plausible_max"),
      string("direction", false), string("derivation", true),
      integer("first_year", true), integer("last_year", true), string("merger_combine", false),
      string("note", true)});

  public static final StructType BANDS_SCHEMA = new StructType(new StructField[] {
      string("indicator_code", false), string("band_code", false), integer("band_rank", false),
      string("name_vi", false), string("name_en", false), string("basis", false), dbl("lower"), dbl("upper"),
      integer("first_year", true), integer("last_year", true), string("source", false)});

  public static final StructType METHOD_BREAKS_SCHEMA = new StructType(new StructField[] {
      string("indicator_code", false), integer("break_year", false), string("description", false),
      string("source", false)});

  /** "" is a real code here (the blank cell), so {@code code} is never null. */
  public static final StructType MISSING_VALUE_CODES_SCHEMA = new StructType(new StructField[] {
      string("code", false), string("meaning", false), string("source", false), string("match", false),
      string("applies_when", false)});

  private IndicatorTables() {}

  /** One row per indicator, in catalog order. */
  public static Dataset<Row> indicators(SparkSession spark, IndicatorCatalog catalog) {
    List<Row> rows = catalog.all().stream()
        .map(i -> RowFactory.create(i.code(), i.parentCode(), i.family(), i.shortName(), i.shortNameVi(), i.nameVi(), i.nameEn(),
            i.publisher(), i.kind().code(), i.unit(), i.valueType().code(), i.scaleMin(), i.scaleMax(),
            i.plausibleMin(), i.plausibleMax(),
            i.direction().code(), i.derivation() == null ? null : i.derivation().code(), i.firstYear(),
            i.lastYear(), i.mergerCombine().code(), i.note()))
        .collect(Collectors.toList());
    return table(spark, rows, INDICATORS_SCHEMA);
  }

  /** One row per band of every bands file. */
  public static Dataset<Row> bands(SparkSession spark, IndicatorCatalog catalog) {
    List<Row> rows = catalog.bands().all().stream()
        .map(b -> RowFactory.create(b.indicatorCode(), b.bandCode(), b.bandRank(), b.nameVi(), b.nameEn(),
            b.basis().code(), b.lower(), b.upper(), b.firstYear(), b.lastYear(), b.source()))
        .collect(Collectors.toList());
    return table(spark, rows, BANDS_SCHEMA);
  }

  /** One row per method break. */
  public static Dataset<Row> methodBreaks(SparkSession spark, IndicatorCatalog catalog) {
    List<Row> rows = catalog.methodBreaks().all().stream()
        .map(b -> RowFactory.create(b.indicatorCode(), b.breakYear(), b.description(), b.source()))
        .collect(Collectors.toList());
    return table(spark, rows, METHOD_BREAKS_SCHEMA);
  }

  /** One row per missing-value code. */
  public static Dataset<Row> missingValueCodes(SparkSession spark, MissingValueCodes codes) {
    List<Row> rows = codes.all().stream()
        .map(c -> RowFactory.create(c.code(), c.meaning(), c.source(), c.match().code(), c.appliesWhen().code()))
        .collect(Collectors.toList());
    return table(spark, rows, MISSING_VALUE_CODES_SCHEMA);
  }

  /** A local table of {@code rows}, ending with a select of the schema's columns (the table's contract). */
  static Dataset<Row> table(SparkSession spark, List<Row> rows, StructType schema) {
    Column[] columns = Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new);
    return spark.createDataFrame(rows, schema).select(columns);
  }

  static StructField string(String name, boolean nullable) {
    return DataTypes.createStructField(name, DataTypes.StringType, nullable);
  }

  static StructField integer(String name, boolean nullable) {
    return DataTypes.createStructField(name, DataTypes.IntegerType, nullable);
  }

  static StructField dbl(String name) {
    return DataTypes.createStructField(name, DataTypes.DoubleType, true);
  }
}
