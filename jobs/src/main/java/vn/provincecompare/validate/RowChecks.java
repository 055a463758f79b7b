package vn.provincecompare.validate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import vn.provincecompare.cells.CellText;

/**
 * Row-level validation: resolves units and indicators, parses year, value and rank, and runs the checks of
 * {@link #standardChecks(List)} in one pass. Every row comes out, with {@code reason_code} null when it passed.
 */
public final class RowChecks {
  private RowChecks() {}

  /** Output columns of {@link #checkRows}: the raw columns, the parsed ones, and the verdict. */
  public static final String[] CHECKED_COLUMNS = {
      "obs_id", "source_id", "source_priority", "is_rounded_source", "source_file", "line", "field", "raw_unit",
      "raw_year", "raw_indicator", "raw_value", "raw_published_rank", "raw_published_n", "raw_record",
      "unit_frame", "unit_code", "indicator_code", "year", "value", "published_rank", "published_n",
      "value_tolerance", "check_name", "reason_code", "level", "message", "failed_checks"};

  private static Column text(String column) {
    return coalesce(col(column), lit(""));
  }

  /** The cell as the message shows it: quoted, with invisible characters written out ({@code <U+00A0>}). */
  private static Column quoted(String column) {
    return concat(lit("'"), visible(text(column)), lit("'"));
  }

  /** One implementation with the driver's messages ({@link CellText#visible}); a UDF keeps the plan small. */
  private static final UserDefinedFunction VISIBLE = udf((UDF1<String, String>) CellText::visible,
      DataTypes.StringType);

  static Column visible(Column text) {
    return VISIBLE.apply(text);
  }

  /** The cell without the padding other tools write around it (see {@link CellText}). */
  static Column unpadded(Column text) {
    return regexp_replace(text, CellText.PADDING_AROUND, "");
  }

  private static Column where() {
    return concat(lit("field '"), text("field"), lit("': "));
  }

  /**
   * The checks, in the order they decide a row's reason, from {@code data/reference/missing_value_codes.csv}:
   * {@code missingValueCodes} are the lower-cased codes that always mean "no value" (blank always does), and
   * {@code offScaleMissingNumbers} the numbers that mean "no value" only where they are off the indicator's
   * scale (UNDP writes 0 for a missing PAPI score, whose scale starts above 0).
   */
  public static List<Check> standardChecks(List<String> missingValueCodes, List<Double> offScaleMissingNumbers) {
    return standardChecks(missingValueCodes, offScaleMissingNumbers, java.time.Year.now(java.time.ZoneOffset.UTC)
        .getValue());
  }

  /** As above, for a run in {@code runYear}: no observation can be dated after the year the run reads it. */
  public static List<Check> standardChecks(List<String> missingValueCodes, List<Double> offScaleMissingNumbers,
      int runYear) {
    Column valueText = lower(col("value_text"));
    Column isMissingValue = valueText.equalTo("").or(valueText.isin(missingValueCodes.toArray()));
    Column rankText = col("rank_text");
    Column hasRank = rankText.notEqual("");
    Column value = col("value");
    Column offScale = value.lt(col("scale_min")).or(value.gt(col("scale_max")));
    // Every check runs on every row (issue 13.6), so a check steps aside where another one names the same fault:
    // an expected blank is not also missing, the source's 0-for-no-data is not also off the scale.
    Column outsideIndicatorYears = col("year").lt(col("first_year")).or(col("year").gt(col("last_year")));
    Column notApplicable = coalesce(isMissingValue.and(hasRank.unary_$bang()).and(outsideIndicatorYears), lit(false));
    Column missingCode = coalesce(value.isin(offScaleMissingNumbers.toArray()).and(offScale), lit(false));
    return List.of(
        new Check("READER_REJECT", "error", "the reader could parse the row",
            col("reject_reason").isNotNull(), col("reject_message"), col("reject_reason")),
        // A frame by published n is looked up with the row's year: when the year is bad, the year is the reason.
        Check.of("UNKNOWN_FRAME", "error", "the row's unit frame is one of data/reference/frames.csv",
            col("frame_first_year").isNull().and(col("unit_frame").isNull().and(col("year").isNull()).unary_$bang()),
            concat(lit("unit frame "), quoted("unit_frame"), lit(" could not be determined or is not one of "
                + "data/reference/frames.csv (VN64, VN63, VN34); for by_published_n the row's published n must "
                + "equal a frame's unit count"))),
        new Check("UNIT_RESOLUTION", "error", "the unit resolves to exactly one unit of its frame",
            // A unit without a frame cannot be resolved; UNKNOWN_FRAME or BAD_YEAR says why.
            col("unit_error_code").isNotNull().and(col("unit_error_code").notEqual(lit("FRAME_UNDETERMINED"))),
            concat(lit("unit: "), text("unit_error_message")),
            col("unit_error_code")),
        Check.of("UNKNOWN_INDICATOR", "error", "the indicator is a code or exact name in data/reference/indicators.csv",
            col("cat_code").isNull(),
            concat(lit("indicator "), quoted("raw_indicator"), lit(" is not a code or name of "
                + "data/reference/indicators.csv"))),
        Check.of("BAD_YEAR", "error", "the year is a four-digit year",
            col("year").isNull(),
            concat(lit("year "), quoted("raw_year"), lit(" is not a four-digit year (an Excel date serial or a "
                + "shifted column?)"))),
        Check.of("YEAR_OUTSIDE_FRAME", "error", "the year lies within the data years of the unit's frame",
            col("year").lt(col("frame_first_year")).or(col("year").gt(col("frame_last_year"))),
            concat(lit("year "), col("year").cast("string"), lit(" is outside the data years of frame "), text("unit_frame"),
                lit(" ("), col("frame_first_year").cast("string"), lit("-"),
                coalesce(col("frame_last_year").cast("string"), lit("")), lit(")"))),
        // A frame with no last year (VN34) holds any later year: a typo'd 2031 or 2099 would be accepted.
        Check.of("FUTURE_YEAR", "error", "an observation is dated no later than the year of the run",
            col("year").gt(lit(runYear)),
            concat(lit("year "), col("year").cast("string"), lit(" is after the year of this run (" + runYear
                + "): an observation cannot be dated in the future (a typo? targets go in data/targets/)"))),
        Check.of("NOT_APPLICABLE", "info", "blank cells of indicators that did not exist that year are expected",
            notApplicable,
            concat(lit("indicator "), text("indicator_code"), lit(" did not exist in "), col("year").cast("string"),
                lit(" (catalog years "), coalesce(col("first_year").cast("string"), lit("")), lit("-"),
                coalesce(col("last_year").cast("string"), lit("")), lit("); the blank cell is expected"))),
        Check.of("YEAR_OUTSIDE_INDICATOR", "error", "a value lies within the indicator's catalog years",
            outsideIndicatorYears.and(notApplicable.unary_$bang()),
            concat(lit("indicator "), text("indicator_code"), lit(" has a value in "), col("year").cast("string"),
                lit(" but the catalog says it exists "), coalesce(col("first_year").cast("string"), lit("")),
                lit("-"), coalesce(col("last_year").cast("string"), lit("")))),
        Check.of("MISSING_VALUE", "warning", "the source gives a value or a published rank",
            isMissingValue.and(hasRank.unary_$bang()).and(notApplicable.unary_$bang()),
            concat(where(), lit("no value ("), quoted("raw_value"), lit(" is blank or a missing-value code) and no "
                + "published rank"))),
        Check.of("NON_NUMERIC", "error", "the value is a finite number written with '.' as decimal separator",
            isMissingValue.unary_$bang().and(value.isNull()),
            concat(where(), lit("value "), quoted("raw_value"), when(looksNumeric(col("value_text")),
                lit(" is not a finite number: it is beyond the range of a double (about 1.8e308); a corrupted or "
                    + "mis-exported cell?"))
                .otherwise(lit(" is not a number (expected e.g. 64.5: a '.' decimal separator, no thousands "
                    + "separator, no % sign)")))),
        Check.of("MISSING_CODE_OFF_SCALE", "warning",
            "a number the source writes for no data (0) where it is off the indicator's scale",
            missingCode,
            concat(where(), lit("value "), quoted("raw_value"), lit(" is off the scale "), col("scale_min").cast("string"), lit("-"),
                coalesce(col("scale_max").cast("string"), lit("")), lit(" of "), text("indicator_code"),
                lit(": the source's code for no data"))),
        Check.of("OFF_SCALE", "error", "the value lies on the indicator's scale",
            offScale.and(missingCode.unary_$bang()),
            concat(where(), lit("value "), quoted("raw_value"), lit(" is off the scale "),
                col("scale_min").cast("string"), lit("-"), coalesce(col("scale_max").cast("string"), lit("")),
                lit(" of "), text("indicator_code"), lit(" (a 0-1 share where 0-100 is expected, or the reverse?)"))),
        // On the scale but where no real publication lies: PAR INDEX 0.8844 is a 0-1 share of a 0-100 percentage.
        Check.of("IMPLAUSIBLE", "warning", "the value lies within the indicator's plausible range",
            value.lt(col("plausible_min")).or(value.gt(col("plausible_max"))).and(offScale.unary_$bang()),
            concat(where(), lit("value "), quoted("raw_value"), lit(" lies on the scale of "), text("indicator_code"),
                lit(" but outside its plausible range "), coalesce(col("plausible_min").cast("string"), lit("")),
                lit("-"), coalesce(col("plausible_max").cast("string"), lit("")),
                lit(" (data/reference/indicators.csv): a 0-1 share where 0-100 is expected, or a shifted decimal?"))),
        Check.of("BAD_RANK", "error", "a published rank is a whole number between 1 and the published n",
            hasRank.and(col("published_rank").isNull().or(col("published_rank").lt(1))
                .or(col("published_n").isNotNull().and(col("published_rank").gt(col("published_n"))))
                .or(col("published_rank").gt(col("frame_n"))))
                .or(col("n_text").notEqual("").and(col("published_n").isNull()))
                .or(col("published_n").notEqual(col("frame_n"))),
            when(col("published_n").notEqual(col("frame_n")), concat(where(), lit("published n "),
                quoted("raw_published_n"), lit(" is not the "), col("frame_n").cast("string"),
                lit(" units of frame "), text("unit_frame"), lit(" in "), col("year").cast("string"),
                lit(" (data/reference/frames.csv); a ranking of the frame counts all its units")))
                .when(col("published_n").isNull().and(col("published_rank").gt(col("frame_n"))),
                    concat(where(), lit("published rank "), quoted("raw_published_rank"), lit(" is above the "),
                        col("frame_n").cast("string"), lit(" units of frame "), text("unit_frame"), lit(" in "),
                        col("year").cast("string")))
                .otherwise(concat(where(), lit("published rank "), quoted("raw_published_rank"), lit(" of "),
                    quoted("raw_published_n"), lit(" is not a whole number between 1 and the published n")))));
  }

  /**
   * Resolves and parses every raw observation and evaluates {@code checks}.
   *
   * @param checks             see {@link #standardChecks(List)}
   * @param unitResolution     {@link ValidateTables#UNIT_RESOLUTION}
   * @param indicatorResolution {@link ValidateTables#INDICATOR_RESOLUTION}
   * @param indicators         the indicator catalog table (indicator_code, scale_min, scale_max, direction,
   *                           first_year, last_year)
   * @param frames             the frames table (frame_code, first_data_year, last_data_year)
   * @param raw                {@link ValidateTables#RAW_OBSERVATIONS}
   */
  public static Dataset<Row> checkRows(List<Check> checks, Dataset<Row> unitResolution,
      Dataset<Row> indicatorResolution, Dataset<Row> indicators, Dataset<Row> frames, Dataset<Row> raw) {
    Dataset<Row> units = unitResolution.select(col("raw_unit").as("ur_raw_unit"), col("unit_frame").as("ur_frame"),
        col("unit_code"), col("unit_error_code"), col("unit_error_message"));
    Dataset<Row> inds = indicatorResolution.select(col("raw_indicator").as("ir_raw_indicator"), col("indicator_code"));
    Dataset<Row> catalog = indicators.select(col("indicator_code").as("cat_code"), col("scale_min"),
        col("scale_max"), col("plausible_min"), col("plausible_max"), col("direction"), col("first_year"), col("last_year"));
    Dataset<Row> frameYears = frames.select(col("frame_code").as("fr_code"),
        col("first_data_year").as("frame_first_year"), col("last_data_year").as("frame_last_year"),
        col("n_units").as("frame_n"));

    Column yearText = col("year_text");
    Dataset<Row> joined = raw
        .join(units, raw.col("raw_unit").eqNullSafe(units.col("ur_raw_unit"))
            .and(raw.col("unit_frame").eqNullSafe(units.col("ur_frame"))), "left")
        .join(inds, raw.col("raw_indicator").eqNullSafe(inds.col("ir_raw_indicator")), "left")
        .join(catalog, col("indicator_code").equalTo(col("cat_code")), "left")
        .join(frameYears, col("unit_frame").equalTo(col("fr_code")), "left")
        // The cells without padding, once: every check below reads these. Columns are added a group at a time
        // (withColumns), not one withColumn each: every call re-analyses the whole plan so far.
        .withColumns(columns(
            "year_text", unpadded(text("raw_year")),
            "value_text", unpadded(text("raw_value")),
            "rank_text", unpadded(text("raw_published_rank")),
            "n_text", unpadded(text("raw_published_n"))))
        .withColumns(columns(
            "year", when(yearText.rlike(CellText.YEAR_PATTERN),
                regexp_extract(yearText, CellText.YEAR_PATTERN, 1).cast(DataTypes.IntegerType)),
            "value", numeric(col("value_text")),
            "published_rank", wholeNumber(col("rank_text")),
            "published_n", wholeNumber(col("n_text")),
            "value_tolerance", valueTolerance()));
    // Each predicate once per row, as a column the verdict below reads.
    // A row the reader rejected has no cells to check: only READER_REJECT applies to it.
    Column readable = col("reject_reason").isNull();
    Column[] failedNames = new Column[checks.size()];
    java.util.Map<String, Column> failsColumns = new java.util.LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      Check c = checks.get(i);
      Column fails = coalesce(c.fails(), lit(false));
      failsColumns.put("fails_" + i, c.name().equals("READER_REJECT") ? fails : fails.and(readable));
      failedNames[i] = when(col("fails_" + i), lit(c.name()));
    }
    joined = joined.withColumns(failsColumns);

    Column checkName = lit(null).cast("string");
    Column reason = lit(null).cast("string");
    Column level = lit(null).cast("string");
    Column message = lit(null).cast("string");
    for (int i = checks.size() - 1; i >= 0; i--) {
      Check c = checks.get(i);
      Column failed = col("fails_" + i);
      checkName = when(failed, lit(c.name())).otherwise(checkName);
      reason = when(failed, c.reasonFrom() == null ? lit(c.name()) : c.reasonFrom()).otherwise(reason);
      level = when(failed, lit(c.level())).otherwise(level);
      message = when(failed, coalesce(c.message(), lit(c.description()))).otherwise(message);
    }
    return joined
        .withColumns(columns(
            "failed_checks", array_compact(array(failedNames)),
            "check_name", checkName,
            "reason_code", reason,
            "level", level))
        // The first failing check decides the reason; the others stay named in the message.
        .withColumn("message", when(size(col("failed_checks")).gt(1), concat(message, lit(" (also fails: "),
            array_join(slice(col("failed_checks"), 2, checks.size()), ", "), lit(")"))).otherwise(message))
        .select(java.util.Arrays.stream(CHECKED_COLUMNS).map(org.apache.spark.sql.functions::col)
            .toArray(Column[]::new));
  }

  /** Name, column, name, column, ... in order, for {@code withColumns}. */
  public static java.util.Map<String, Column> columns(Object... namesAndColumns) {
    java.util.Map<String, Column> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndColumns.length; i += 2) {
      m.put((String) namesAndColumns[i], (Column) namesAndColumns[i + 1]);
    }
    return m;
  }

  /** A strict decimal: optional sign, digits, optional '.' fraction or exponent. "64,5" and "12%" are not numbers. */
  static Column looksNumeric(Column text) {
    return text.rlike("^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$");
  }

  /**
   * The value of a strict decimal, or null. A finite number only: a literal beyond a double's range (1e400, 400
   * digits) parses to Infinity without an error, and Infinity passes every open scale and breaks every later sum.
   */
  static Column numeric(Column text) {
    Column parsed = text.try_cast(DataTypes.DoubleType);
    return when(looksNumeric(text).and(isFinite(parsed)), parsed);
  }

  static Column isFinite(Column d) {
    return d.isNaN().unary_$bang().and(abs(d).lt(lit(Double.POSITIVE_INFINITY)));
  }

  static Column wholeNumber(Column t) {
    return when(t.rlike(CellText.WHOLE_PATTERN),
        regexp_extract(t, CellText.WHOLE_PATTERN, 1).cast(DataTypes.IntegerType));
  }

  /**
   * How far another source may differ before it conflicts: half a unit of the last printed decimal for sources
   * that publish rounded figures (45.04 covers 45.035-45.045), else 1e-4 (spreadsheets store float32 values).
   */
  static Column valueTolerance() {
    Column t = col("value_text");
    Column decimals = when(t.contains("."),
        org.apache.spark.sql.functions.length(org.apache.spark.sql.functions.substring_index(t, ".", -1)))
        .otherwise(lit(0));
    return when(col("is_rounded_source"),
        org.apache.spark.sql.functions.pow(lit(10.0), decimals.multiply(-1)).multiply(0.5))
        .otherwise(lit(1e-4));
  }
}
