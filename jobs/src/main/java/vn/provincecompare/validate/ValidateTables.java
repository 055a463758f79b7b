package vn.provincecompare.validate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The schemas of the ingest and validate stages, declared once (documented in docs/tables.md). */
public final class ValidateTables {
  private ValidateTables() {}

  /** Raw observations as the readers produced them, plus the source's priority and a stable row id. */
  public static final StructType RAW_OBSERVATIONS = new StructType(new StructField[] {
      field("obs_id", LongType, false),
      field("source_id", StringType, false),
      field("source_priority", IntegerType, false),
      field("is_rounded_source", BooleanType, false),
      field("source_file", StringType, true),
      field("line", IntegerType, true),
      field("field", StringType, true),
      field("raw_unit", StringType, true),
      field("raw_year", StringType, true),
      field("raw_indicator", StringType, true),
      field("raw_value", StringType, true),
      field("raw_published_rank", StringType, true),
      field("raw_published_n", StringType, true),
      field("unit_frame", StringType, true),
      field("raw_record", StringType, true),
      field("reject_reason", StringType, true),
      field("reject_message", StringType, true)});

  /** How each distinct (raw unit, frame) resolved: built on the driver by the name resolver. */
  public static final StructType UNIT_RESOLUTION = new StructType(new StructField[] {
      field("raw_unit", StringType, true),
      field("unit_frame", StringType, true),
      field("unit_code", StringType, true),
      field("unit_error_code", StringType, true),
      field("unit_error_message", StringType, true)});

  /** How each distinct raw indicator resolved to a catalog code (by code, or by its exact name). */
  public static final StructType INDICATOR_RESOLUTION = new StructType(new StructField[] {
      field("raw_indicator", StringType, true),
      field("indicator_code", StringType, true)});

  /** The canonical table: one row per accepted observation (see docs/tables.md). */
  public static final StructType INDICATOR_VALUES = new StructType(new StructField[] {
      field("unit_frame", StringType, false),
      field("unit_code", StringType, false),
      field("indicator_code", StringType, false),
      field("year", IntegerType, false),
      field("value", DoubleType, true),
      field("published_rank", IntegerType, true),
      field("published_n", IntegerType, true),
      field("source_id", StringType, false),
      field("source_file", StringType, true),
      field("source_line", IntegerType, true),
      field("value_status", StringType, false),
      field("is_preferred", BooleanType, false)});

  /** Every rejected input observation, with why. */
  public static final StructType QUARANTINE = new StructType(new StructField[] {
      field("source_id", StringType, false),
      field("source_file", StringType, true),
      field("line", IntegerType, true),
      field("field", StringType, true),
      field("raw_record", StringType, true),
      field("reason_code", StringType, false),
      field("level", StringType, false),
      field("message", StringType, false)});

  /** One row per data-quality check of the run. */
  public static final StructType DQ_RESULTS = new StructType(new StructField[] {
      field("check_name", StringType, false),
      field("level", StringType, false),
      field("status", StringType, false),
      field("failed_count", LongType, false),
      field("description", StringType, false)});

  static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return new StructField(name, type, nullable, Metadata.empty());
  }

  /** Column names of a schema, for the closing {@code select} of a transform. */
  public static org.apache.spark.sql.Column[] columns(StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
  }
}
