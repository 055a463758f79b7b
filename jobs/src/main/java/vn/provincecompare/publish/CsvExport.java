package vn.provincecompare.publish;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import vn.provincecompare.cells.CsvFormats;
import vn.provincecompare.store.Store;

/**
 * The opt-in CSV copy of a run's tables ({@code --csv}), for Excel and Power BI users: {@code csv/<table>.csv}
 * inside the run directory, one file per table, written before the run is published so it appears with it.
 *
 * <p>Format: UTF-8 with a byte-order mark (without it Excel decodes the file in the machine's ANSI code page and
 * "Lào Cai" turns into "LÃ o Cai"), RFC 4180 (comma, CRLF, fields quoted when they hold a comma, quote or line
 * break), a header row of the Parquet column names, rows in the table's written (sorted) order. Nulls and empty
 * strings are both empty fields (spreadsheets have no null); booleans {@code true}/{@code false}; doubles as plain decimals with a dot and no exponent, unrounded, so a
 * number read back equals the Parquet value.
 */
public final class CsvExport {
  public static final String CSV_DIR = "csv";
  /** U+FEFF, written as the three bytes EF BB BF by the UTF-8 writer. */
  static final char BOM = '\uFEFF';

  private CsvExport() {}

  /**
   * Writes {@code csv/<table>.csv} for each of {@code tables} found in {@code runDir}, in the order given.
   *
   * @return rows written per table (equal to the manifest's row counts)
   */
  public static Map<String, Long> writeAll(SparkSession spark, Path runDir, Collection<String> tables) {
    return writeAll(spark, Store.of(runDir), tables);
  }

  /** As {@link #writeAll(SparkSession, Path, Collection)}, for a run on any store. */
  public static Map<String, Long> writeAll(SparkSession spark, org.apache.hadoop.fs.Path runDir,
      Collection<String> tables) {
    Map<String, Long> written = new LinkedHashMap<>();
    Store store = Store.forPath(runDir);
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(runDir, CSV_DIR);
    try {
      store.mkdirs(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + dir, e);
    }
    for (String table : tables) {
      Dataset<Row> data = spark.read().parquet(Store.sparkPath(new org.apache.hadoop.fs.Path(runDir, table)));
      written.put(table, write(table, data, store, new org.apache.hadoop.fs.Path(dir, table + ".csv")));
    }
    return written;
  }

  /** The manifest's {@code csv} entry: file and rows per table. */
  public static ObjectNode manifestEntry(Map<String, Long> written) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    written.forEach((t, n) -> o.putObject(t).put("file", CSV_DIR + "/" + t + ".csv").put("rows", n));
    return o;
  }

  /**
   * Streams one table to a CSV file through the driver, a partition at a time ({@code toLocalIterator}): the
   * published tables are small, and one ordered file is what a spreadsheet user opens.
   */
  static long write(String table, Dataset<Row> data, Path file) {
    return write(table, data, Store.forPath(Store.of(file)), Store.of(file));
  }

  static long write(String table, Dataset<Row> data, Store store, org.apache.hadoop.fs.Path file) {
    StructField[] fields = data.schema().fields();
    for (StructField f : fields) {
      requireContractType(table, f);
    }
    List<String> header = new ArrayList<>();
    for (StructField f : fields) {
      header.add(f.name());
    }
    long rows = 0;
    try (BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(store.create(file),
        StandardCharsets.UTF_8))) {
      out.write(BOM);
      // The printer writes the header as it is built, so it is built after the BOM.
      CSVPrinter csv = new CSVPrinter(out, CsvFormats.published(header.toArray(String[]::new)));
      Object[] cells = new Object[fields.length];
      for (Iterator<Row> it = data.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        for (int i = 0; i < fields.length; i++) {
          cells[i] = cell(r.isNullAt(i) ? null : r.get(i));
        }
        csv.printRecord(cells);
        rows++;
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
    return rows;
  }

  /** A type outside the dashboard contract has no agreed text form: refused, naming the table and column. */
  static void requireContractType(String table, StructField f) {
    DataType t = f.dataType();
    if (!(t.equals(DataTypes.StringType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType)
        || t.equals(DataTypes.DoubleType) || t.equals(DataTypes.BooleanType) || t.equals(DataTypes.DateType))) {
      throw new IllegalStateException("table " + table + ", column " + f.name() + ": type " + t.simpleString()
          + " is outside the dashboard contract (string, int, bigint, double, boolean, date); see docs/dashboards.md");
    }
  }

  /** One cell as text: null as an empty field, doubles without an exponent. */
  static String cell(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.toString();
      }
      // Double.toString is the shortest text that reads back as the same double; toPlainString drops the exponent
      // ("1.0E-7" -> "0.0000001") that some spreadsheet locales misread.
      return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }
}
