package vn.provincecompare.catalog;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The targets as a Spark table: the columns of targets.csv, years int, threshold double, blanks null. */
public final class TargetTables {

  public static final StructType TARGETS_SCHEMA = new StructType(new StructField[] {
      IndicatorTables.string("target_id", false), IndicatorTables.string("unit_frame", false),
      IndicatorTables.string("unit_code", false), IndicatorTables.string("indicator_code", false),
      IndicatorTables.integer("target_year", false), IndicatorTables.string("kind", false),
      IndicatorTables.dbl("threshold"), IndicatorTables.string("band_code", true),
      IndicatorTables.integer("base_year", true), IndicatorTables.string("source", false),
      IndicatorTables.string("note", true)});

  private TargetTables() {}

  /** One row per target, in file order. */
  public static Dataset<Row> targets(SparkSession spark, TargetCatalog catalog) {
    List<Row> rows = catalog.all().stream()
        .map(t -> RowFactory.create(t.targetId(), t.unitFrame(), t.unitCode(), t.indicatorCode(), t.targetYear(),
            t.kind().code(), t.threshold(), t.bandCode(), t.baseYear(), t.source(), t.note()))
        .collect(Collectors.toList());
    return IndicatorTables.table(spark, rows, TARGETS_SCHEMA);
  }
}
