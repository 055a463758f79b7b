package vn.provincecompare.ingest;

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
import vn.provincecompare.config.UsageException;
import vn.provincecompare.validate.ValidateTables;

/**
 * A canonical {@code indicator_values} table produced outside this run (commune-level data, a scenario, a
 * benchmark), read by {@code compare --indicator-values}. It must already be in the validated form of
 * {@code docs/tables/indicator_values.md}: its schema is checked here, its rows are not validated again.
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

  /**
   * The table at {@code path} (given to Spark as {@code sparkPath}) with the declared columns, in order. A missing
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
    return table.select(Arrays.stream(ValidateTables.INDICATOR_VALUES.fieldNames())
        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
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
