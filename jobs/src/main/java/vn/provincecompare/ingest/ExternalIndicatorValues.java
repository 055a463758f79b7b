package vn.provincecompare.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.validate.ValidateTables;

/**
 * A canonical {@code indicator_values} table produced outside this run (commune-level data, a scenario, a
 * benchmark), read by {@code compare --indicator-values}, in the form of {@code docs/tables/indicator_values.md}.
 * Its schema is checked here; its rows go through ingest's own row checks ({@link PreparedRowChecks#check}) as
 * raw observations ({@link #rawObservations}), each naming the Parquet file and its row.
 */
public final class ExternalIndicatorValues {
  private ExternalIndicatorValues() {}

  /** The path as given, absolute; a usage error when there is nothing there. */
  public static Path checkedPath(String given) {
    Path path = Paths.get(given).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new UsageException("--indicator-values " + given + " does not exist (expected a Parquet file or a "
          + "folder of Parquet files with the columns of docs/tables/indicator_values.md)");
    }
    return path;
  }

  /** The columns {@link #read} adds after the declared ones: the Parquet file of a row and its 0-based position. */
  static final String FILE_NAME = "_file_name";
  static final String ROW_INDEX = "_row_index";

  /**
   * The table at {@code path} (given to Spark as {@code sparkPath}) with the declared columns, in order, then
   * {@value #FILE_NAME} and {@value #ROW_INDEX}. A missing
   * column or one of another type stops the run naming the path and the column; extra columns are ignored.
   */
  public static Dataset<Row> read(SparkSession spark, Path path, String sparkPath) {
    Dataset<Row> table = spark.read().parquet(sparkPath);
    Map<String, StructField> found = Arrays.stream(table.schema().fields())
        .collect(Collectors.toMap(StructField::name, Function.identity(), (a, b) -> a));
    for (StructField want : ValidateTables.INDICATOR_VALUES.fields()) {
      StructField got = found.get(want.name());
      if (got == null) {
        throw new DataException(path.toString(), null, want.name(), "column " + want.name() + " is missing; "
            + "indicator_values needs " + Arrays.toString(ValidateTables.INDICATOR_VALUES.fieldNames()));
      }
      if (!got.dataType().equals(want.dataType())) {
        throw new DataException(path.toString(), null, want.name(), "column " + want.name() + " is "
            + got.dataType().simpleString() + ", expected " + want.dataType().simpleString());
      }
    }
    // With where each row is: its Parquet file and its position there, for the messages of rawObservations.
    Column[] columns = Arrays.copyOf(ValidateTables.columns(ValidateTables.INDICATOR_VALUES),
        ValidateTables.INDICATOR_VALUES.size() + 2);
    columns[columns.length - 2] = col("_metadata.file_name").as(FILE_NAME);
    columns[columns.length - 1] = col("_metadata.row_index").as(ROW_INDEX);
    return table.select(columns);
  }

  /** The reason of a prepared row with a null where the canonical table declares a column non-null. */
  public static final String MISSING_FIELD = "MISSING_FIELD";

  /**
   * The rows of a prepared table (as {@link #read} gives them) as
   * raw observations, so that ingest's row checks read them as they read a raw file's cells: the unit code as the
   * unit, every number as its text (a double's text gives the same double back), the record as JSON. The file is
   * the Parquet file under {@code shownPath}, the line the row's 1-based position in it, the field {@code value}.
   * A null in a non-null column of the canonical schema is a row the reader rejects ({@value #MISSING_FIELD}).
   */
  public static Dataset<Row> rawObservations(Dataset<Row> prepared, String shownPath, boolean isFolder) {
    Column reject = lit(null).cast("string");
    Column rejectMessage = lit(null).cast("string");
    StructField[] fields = ValidateTables.INDICATOR_VALUES.fields();
    for (int i = fields.length - 1; i >= 0; i--) {
      if (!fields[i].nullable()) {
        Column missing = col(fields[i].name()).isNull();
        reject = when(missing, lit(MISSING_FIELD)).otherwise(reject);
        rejectMessage = when(missing, lit("column " + fields[i].name() + " is null; indicator_values declares it "
            + "non-null (docs/tables/indicator_values.md)")).otherwise(rejectMessage);
      }
    }
    Column file = isFolder ? concat(lit(shownPath + "/"), col(FILE_NAME)) : lit(shownPath);
    return prepared.select(
        monotonically_increasing_id().as("obs_id"),
        coalesce(col("source_id"), lit("")).as("source_id"),
        lit(0).as("source_priority"),
        lit(false).as("is_rounded_source"),
        file.as("source_file"),
        col(ROW_INDEX).plus(1).cast("int").as("line"),
        lit("value").as("field"),
        col("unit_code").as("raw_unit"),
        col("year").cast("string").as("raw_year"),
        col("indicator_code").as("raw_indicator"),
        col("value").cast("string").as("raw_value"),
        col("published_rank").cast("string").as("raw_published_rank"),
        col("published_n").cast("string").as("raw_published_n"),
        col("unit_frame"),
        to_json(struct(ValidateTables.columns(ValidateTables.INDICATOR_VALUES))).as("raw_record"),
        reject.as("reject_reason"),
        rejectMessage.as("reject_message"));
  }

  /** Checked rows that passed, back in the canonical columns as they were given (from their record). */
  static Dataset<Row> accepted(Dataset<Row> passed) {
    return passed.select(from_json(col("raw_record"), ValidateTables.INDICATOR_VALUES).as("r")).select("r.*")
        .select(ValidateTables.columns(ValidateTables.INDICATOR_VALUES));
  }

  /**
   * For the manifest: the path and every file's name and size. Not hashed, unlike the data folder: such a table
   * can be gigabytes, and hashing it would cost more than comparing it.
   */
  public static ObjectNode describe(Path path) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("path", path.toString());
    ArrayNode files = node.putArray("files");
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        ObjectNode f = files.addObject();
        f.put("path", p.equals(path) ? p.getFileName().toString() : path.relativize(p).toString());
        f.put("bytes", Files.size(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return node;
  }
}
