package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.provincecompare.validate.Consolidation;

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
    // min() over a struct compares field by field; false < true, so "not preferred" puts preferred rows first.
    // min() skips nulls, which is how the when() without otherwise() filters the candidate rows.
    Column preferredValue = min(when(col("is_preferred"),
        struct(col("source_id"), col("source_line"), col("value")))).as("pv");
    Column bestRank = min(when(col("published_rank").isNotNull(),
        struct(coalesce(col("value_status").equalTo(lit(Consolidation.RANK_CONFLICT)), lit(false))
                .as("lost_on_priority"),
            not(coalesce(col("is_preferred"), lit(false))).as("not_preferred"),
            col("source_id"), col("source_line"), col("published_rank"), col("published_n")))).as("pr");

    return indicatorValues
        .groupBy(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"))
        .agg(preferredValue, bestRank)
        .withColumn("value", col("pv.value"))
        .withColumn("published_rank", col("pr.published_rank"))
        .withColumn("published_n", col("pr.published_n"))
        .withColumn("value_source_id", when(col("pv.value").isNotNull(), col("pv.source_id")))
        .withColumn("rank_source_id", col("pr.source_id"))
        .select(Rankings.declared(SCHEMA));
  }
}
