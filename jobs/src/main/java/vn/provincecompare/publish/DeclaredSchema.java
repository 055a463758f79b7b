package vn.provincecompare.publish;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.KnownNullable;
import org.apache.spark.sql.catalyst.expressions.objects.AssertNotNull;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's rows in the schema its stage declares, so that the written files say what docs/tables.md and the
 * schema snapshots say: the declared columns in their order, each of its declared type, each column declared not
 * null written as a required Parquet column and every other one as optional. Spark reads every file column back
 * as nullable and infers most computed columns as nullable, so "not null" is not taken from the plan: it is
 * checked on every row as it is written, and a null there fails the write (naming the table and column) instead
 * of being published.
 */
final class DeclaredSchema {
  private DeclaredSchema() {}

  static Dataset<Row> conform(PublishedTables.Table table, Dataset<Row> data) {
    StructType declared = table.schema();
    StructType have = data.schema();
    List<String> declaredNames = Arrays.asList(declared.fieldNames());
    List<String> haveNames = Arrays.asList(have.fieldNames());
    if (!new java.util.TreeSet<>(declaredNames).equals(new java.util.TreeSet<>(haveNames))) {
      throw new IllegalStateException("table " + table.name() + ": the rows to write have the columns " + haveNames
          + " but its declared schema has " + declaredNames);
    }
    Column[] columns = new Column[declared.fields().length];
    for (int i = 0; i < columns.length; i++) {
      StructField want = declared.fields()[i];
      StructField is = have.apply(want.name());
      Column c = col(want.name());
      if (!is.dataType().equals(want.dataType())) {
        // Widening (int to long or double) and long to int (ANSI fails on overflow) are safe; a fraction cast to
        // a whole number would be truncated without a word, so it is refused like any other mismatch.
        if (!(numeric(is.dataType()) && numeric(want.dataType())) || fractional(is.dataType())
            && !fractional(want.dataType())) {
          throw new IllegalStateException("table " + table.name() + ": column " + want.name() + " is "
              + is.dataType().simpleString() + " but declared " + want.dataType().simpleString());
        }
        c = c.cast(want.dataType());
      }
      if (!want.nullable()) {
        c = notNull(c, "column " + want.name() + " of table " + table.name() + " (declared not null)");
      } else if (!is.nullable()) {
        // Declared nullable, never null in this plan: written optional all the same, so a table's file schema
        // does not change with the plan that made it (an external indicator_values, --tables).
        c = ExpressionUtils.column(new KnownNullable(ExpressionUtils.expression(c)));
      }
      columns[i] = c.as(want.name());
    }
    return data.select(columns);
  }

  private static boolean numeric(DataType t) {
    return t instanceof NumericType;
  }

  private static boolean fractional(DataType t) {
    return t instanceof org.apache.spark.sql.types.DoubleType || t instanceof org.apache.spark.sql.types.FloatType
        || t instanceof org.apache.spark.sql.types.DecimalType;
  }

  /** Spark's own run-time null check (the one its encoders use): not nullable to the analyser, fails on a null. */
  private static Column notNull(Column c, String what) {
    scala.collection.immutable.Seq<String> path = scala.jdk.javaapi.CollectionConverters.asScala(List.of(what))
        .toSeq();
    return ExpressionUtils.column(new AssertNotNull(ExpressionUtils.expression(c), path));
  }
}
