package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Integer keys for the catalog codes that the compute windows partition by (issue 18). A window sorts its rows by
 * its partition columns, then its order; with string partition columns every comparison reads the strings (the
 * profile's hottest method, {@code UTF8String.fromAddress}), and since the first of them ({@code unit_frame}) is the
 * same in every row, the sort's 8-byte prefix never decides. One long that packs two catalog ordinals comes first
 * instead: its prefix tells partitions apart, and rows of one partition compare two longs, not three strings. The
 * strings stay in the rows as payload, so no name has to be joined back and the published schemas do not change.
 *
 * <p>An ordinal is a code's position in the sorted set of the catalog table's codes: the same in every run for the
 * same catalog ({@link Observations} numbers the input's source ids the same way, so a source packs into a long). A code absent from the catalog (possible in a transform's input, though validate quarantines such
 * rows) has no ordinal: its key is null and {@link #fallback} partitions it by its strings, as before.
 */
final class SurrogateKeys {
  private SurrogateKeys() {}

  /**
   * {@code codeColumns} of {@code table} and their {@code ordinalName}: 0, 1, ... in the order of the sorted
   * distinct codes. One global aggregate over the (small, local) catalog table, so no window without a partition
   * (which would move everything to one partition with a warning) and nothing collected to the driver.
   */
  static Dataset<Row> ordinals(Dataset<Row> table, String ordinalName, String... codeColumns) {
    Column[] codes = Arrays.stream(codeColumns).map(c -> col(c)).toArray(Column[]::new);
    Column[] out = new Column[codeColumns.length + 1];
    for (int i = 0; i < codeColumns.length; i++) {
      out[i] = col("code." + codeColumns[i]).as(codeColumns[i]);
    }
    out[codeColumns.length] = col("ordinal").cast(DataTypes.IntegerType).as(ordinalName);
    // collect_set: a code listed twice still gets one ordinal, so joining these ordinals never multiplies rows.
    return table.agg(array_sort(collect_set(struct(codes))).as("codes"))
        .select(posexplode(col("codes")).as(new String[] {"ordinal", "code"}))
        .select(out);
  }

  /** {@code high} and {@code low} (non-negative ints) in one long; null when either is. */
  static Column packed(Column high, Column low) {
    return high.cast(DataTypes.LongType).multiply(lit(1L << 32)).plus(low.cast(DataTypes.LongType));
  }

  /** {@code code} where {@code key} is null, else null: the partition column of rows without catalog ordinals. */
  static Column fallback(Column key, Column code) {
    return when(key.isNull(), code);
  }
}
