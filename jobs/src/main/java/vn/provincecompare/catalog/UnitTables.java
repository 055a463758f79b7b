package vn.provincecompare.catalog;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The unit catalog as Spark tables, for joins in validate and compute and for publishing beside the results.
 * Each schema is declared once here; the rows are ordered by key so that published files are stable.
 */
public final class UnitTables {

  /** One row per unit of every frame, with its region's names (null when the unit has no single region). */
  public static final StructType UNITS_SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("unit_frame", DataTypes.StringType, false),
      DataTypes.createStructField("unit_code", DataTypes.StringType, false),
      DataTypes.createStructField("name_vi", DataTypes.StringType, false),
      DataTypes.createStructField("name_ascii", DataTypes.StringType, false),
      DataTypes.createStructField("name_en", DataTypes.StringType, false),
      DataTypes.createStructField("unit_type", DataTypes.StringType, false),
      DataTypes.createStructField("region_code", DataTypes.StringType, true),
      DataTypes.createStructField("region_name_vi", DataTypes.StringType, true),
      DataTypes.createStructField("region_name_en", DataTypes.StringType, true)});

  /** One row per predecessor -> successor link between consecutive frames. */
  public static final StructType LINEAGE_SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("from_frame", DataTypes.StringType, false),
      DataTypes.createStructField("from_code", DataTypes.StringType, false),
      DataTypes.createStructField("to_frame", DataTypes.StringType, false),
      DataTypes.createStructField("to_code", DataTypes.StringType, false),
      DataTypes.createStructField("relation", DataTypes.StringType, false),
      DataTypes.createStructField("effective_date", DataTypes.DateType, false),
      DataTypes.createStructField("source", DataTypes.StringType, false)});

  /** One row per frame; {@code valid_to} and {@code last_data_year} are null for the current frame. */
  public static final StructType FRAMES_SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("frame_code", DataTypes.StringType, false),
      DataTypes.createStructField("name", DataTypes.StringType, false),
      DataTypes.createStructField("valid_from", DataTypes.DateType, false),
      DataTypes.createStructField("valid_to", DataTypes.DateType, true),
      DataTypes.createStructField("first_data_year", DataTypes.IntegerType, false),
      DataTypes.createStructField("last_data_year", DataTypes.IntegerType, true),
      DataTypes.createStructField("n_units", DataTypes.IntegerType, false)});

  private UnitTables() {
  }

  /** Every unit of every frame, ordered by frame (oldest first) and code. */
  public static Dataset<Row> units(SparkSession spark, UnitCatalog catalog) {
    Map<String, UnitRegion> regions = catalog.regions().stream()
        .collect(Collectors.toMap(UnitRegion::code, Function.identity()));
    List<Row> rows = new ArrayList<>();
    for (Frame frame : catalog.frames()) {
      for (Unit u : catalog.units(frame.code())) {
        UnitRegion region = u.regionCode() == null ? null : regions.get(u.regionCode());
        rows.add(RowFactory.create(u.frame(), u.code(), u.nameVi(), u.nameAscii(), u.nameEn(), u.unitType(),
            u.regionCode(), region == null ? null : region.nameVi(), region == null ? null : region.nameEn()));
      }
    }
    return spark.createDataFrame(rows, UNITS_SCHEMA).select(columns(UNITS_SCHEMA));
  }

  /** Every lineage link, in file order (VN64 -> VN63, then VN63 -> VN34, by code). */
  public static Dataset<Row> lineage(SparkSession spark, UnitCatalog catalog) {
    List<Row> rows = catalog.lineage().stream()
        .map(l -> RowFactory.create(l.fromFrame(), l.fromCode(), l.toFrame(), l.toCode(), l.relation(),
            Date.valueOf(l.effectiveDate()), l.source()))
        .collect(Collectors.toList());
    return spark.createDataFrame(rows, LINEAGE_SCHEMA).select(columns(LINEAGE_SCHEMA));
  }

  /** The frames, oldest first. */
  public static Dataset<Row> frames(SparkSession spark, UnitCatalog catalog) {
    List<Row> rows = catalog.frames().stream()
        .map(f -> RowFactory.create(f.code(), f.name(), Date.valueOf(f.validFrom()),
            f.validTo() == null ? null : Date.valueOf(f.validTo()), f.firstDataYear(), f.lastDataYear(),
            f.nUnits()))
        .collect(Collectors.toList());
    return spark.createDataFrame(rows, FRAMES_SCHEMA).select(columns(FRAMES_SCHEMA));
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(name -> col(name)).toArray(Column[]::new);
  }
}
