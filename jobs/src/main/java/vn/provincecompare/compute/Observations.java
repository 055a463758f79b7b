package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.provincecompare.validate.Consolidation;
import vn.provincecompare.validate.RowChecks;

/**
 * From the canonical {@code indicator_values} (several sources per key) to one observation per key: the input
 * of {@link Rankings}.
 */
public final class Observations {

  /** The output of {@link #preferred}: one row per (unit_frame, unit_code, indicator_code, year). */
  public static final StructType SCHEMA = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("value", DataTypes.DoubleType)
      .add("published_rank", DataTypes.IntegerType)
      .add("published_n", DataTypes.IntegerType)
      .add("value_source_id", DataTypes.StringType)
      .add("rank_source_id", DataTypes.StringType);

  private Observations() {
  }

  /**
   * One row per key of {@code indicator_values}.
   *
   * <ul>
   *   <li>{@code value}, {@code value_source_id}: the preferred row's value and source (null when the preferred
   *       row holds only a rank: validate marks a source with a value preferred whenever one exists).</li>
   *   <li>{@code published_rank}, {@code published_n}, {@code rank_source_id}: from a row that carries a rank
   *       and is not a {@code rank_conflict}. Validate decides which source's rank a key has by source priority
   *       (as for values) and marks every row whose rank differs from it {@code rank_conflict}, so the rows left
   *       all publish the same rank and n; among them the preferred row first, then {@code source_id}, then
   *       {@code source_line}, a total order so the choice never depends on partitioning. The preferred source
   *       may publish only scores while another publishes the rank (PAPI panel scores, provincial news ranks),
   *       so the rank is looked for beyond it.</li>
   * </ul>
   *
   * <p>Validate guarantees exactly one preferred row per key. Should two slip through, the one with the lowest
   * (source_id, source_line) wins, again so that reruns agree.
   */
  public static Dataset<Row> preferred(Dataset<Row> indicatorValues) {
    // Both choices are minima over an order of the rows. Packed into one long each, they are plain min/min_by
    // aggregates over fixed-width values, which Spark runs as a hash aggregate; a min over a struct has no hash
    // form and sorted all rows by the four key strings, on both sides of the shuffle, although most keys have one
    // row (issue 18.2). The packed orders are the struct orders field by field: false before true, a null before
    // any value (as in a struct), then source_id by its position among the input's sorted source ids, then
    // source_line. (source_id, source_line) names one row of a key: validate keeps one row per key and source.
    Dataset<Row> sources = SurrogateKeys.ordinals(indicatorValues, "source_ordinal", "source_id");
    Column source = coalesce(col("source_ordinal").plus(lit(1)), lit(0)).cast(DataTypes.LongType);
    // A line as 33 bits, order kept: null 0, else line - Integer.MIN_VALUE + 1.
    Column line = coalesce(col("source_line").cast(DataTypes.LongType).minus(lit((long) Integer.MIN_VALUE))
        .plus(lit(1L)), lit(0L));
    Column sourceLine = source.multiply(lit(1L << LINE_BITS)).plus(line);
    Column lostOnPriority = coalesce(col("value_status").equalTo(lit(Consolidation.RANK_CONFLICT)), lit(false));
    Column notPreferred = not(coalesce(col("is_preferred"), lit(false)));
    // The value: the preferred row, by (source_id, source_line). A null order is skipped, which is how the when()
    // without otherwise() filters the candidate rows.
    Column valueOrder = when(col("is_preferred"), sourceLine);
    // The rank: rows that carry one, not lost on priority first, then the preferred row, then (source_id,
    // source_line).
    Column rankOrder = when(col("published_rank").isNotNull(),
        flag(lostOnPriority, 1).plus(flag(notPreferred, 0)).plus(sourceLine));

    Dataset<Row> best = indicatorValues
        .join(broadcast(sources), Rankings.seq("source_id"), "left")
        .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"), col("value"),
            col("published_rank"), col("published_n"), valueOrder.as("value_order"), rankOrder.as("rank_order"))
        .groupBy(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"))
        .agg(min(col("value_order")).as("value_order"),
            min_by(col("value"), col("value_order")).as("value"),
            min(col("rank_order")).as("rank_order"),
            min_by(col("published_rank"), col("rank_order")).as("published_rank"),
            min_by(col("published_n"), col("rank_order")).as("published_n"));
    // Back from the orders to the two sources' ids.
    Column sourceMask = lit((1L << SOURCE_BITS) - 1);
    return best
        .withColumns(RowChecks.columns(
            "value_source_ordinal", sourceOrdinal(col("value_order"), sourceMask),
            "rank_source_ordinal", sourceOrdinal(col("rank_order"), sourceMask)))
        .join(broadcast(sources.select(col("source_ordinal").as("value_source_ordinal"),
            col("source_id").as("value_source"))), Rankings.seq("value_source_ordinal"), "left")
        .join(broadcast(sources.select(col("source_ordinal").as("rank_source_ordinal"),
            col("source_id").as("rank_source_id"))), Rankings.seq("rank_source_ordinal"), "left")
        .withColumn("value_source_id", when(col("value").isNotNull(), col("value_source")))
        .select(Rankings.declared(SCHEMA));
  }

  // The packed orders: [2 flag bits][SOURCE_BITS: source ordinal + 1, 0 for null][LINE_BITS: the line].
  private static final int LINE_BITS = 33;
  private static final int SOURCE_BITS = 27;

  /** {@code condition} as the order bit {@code bit} above the source and line: true sorts after false. */
  private static Column flag(Column condition, int bit) {
    return when(condition, lit(1L << (LINE_BITS + SOURCE_BITS + bit))).otherwise(lit(0L));
  }

  /** The source ordinal packed in {@code order}; null for no order or a null source id. */
  private static Column sourceOrdinal(Column order, Column mask) {
    Column packed = shiftright(order, LINE_BITS).bitwiseAND(mask);
    return when(packed.gt(lit(0L)), packed.minus(lit(1L)).cast(DataTypes.IntegerType));
  }

}
