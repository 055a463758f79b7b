package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provincecompare.validate.RowChecks;

/**
 * The {@code predecessor_history} table: a unit's history before its frame began, told through its
 * predecessors (VN34 15 Lào Cai through VN63 10 Lào Cai and VN63 15 Yên Bái), each with its own value, rank and
 * n, beside the predecessors' range that year; and, only where the indicator catalog's {@code merger_combine}
 * allows it, a reconstructed value for the successor. See {@code docs/tables/predecessor_history.md}.
 *
 * <p>Survey indices ({@code never}) are never combined: a mean of two provinces' PCI is not the merged
 * province's PCI without the microdata. {@code population_weighted_mean} needs a population table, which the
 * catalog does not hold, so such indicators are not combined either, and {@code combine_note} says why.
 */
public final class PredecessorHistory {

  public static final String ROW_PREDECESSOR = "predecessor";
  public static final String ROW_RECONSTRUCTED = "reconstructed";

  static final String COMBINE_NEVER = "never";
  static final String COMBINE_SUM = "sum";
  static final String COMBINE_POPULATION_WEIGHTED_MEAN = "population_weighted_mean";
  static final String RELATION_UNCHANGED = "unchanged";

  static final String NOTE_SAME_TERRITORY =
      "same territory: the predecessor's series is this unit's own; its ranks are among its own frame's units";
  static final String NOTE_NEVER = "not combined: survey index (merger_combine never); each predecessor and "
      + "their range are shown";
  static final String NOTE_NO_POPULATION = "not combined: a population-weighted mean needs a population table, "
      + "and none is loaded";
  static final String NOTE_SUM = "reconstructed: sum of every predecessor's value";
  static final String NOTE_SUM_INCOMPLETE_PREFIX = "not combined: a sum needs every predecessor's value; ";

  public static final StructType SCHEMA = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("unit_name_vi", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("row_type", DataTypes.StringType)
      .add("predecessor_frame", DataTypes.StringType)
      .add("predecessor_code", DataTypes.StringType)
      .add("predecessor_name_vi", DataTypes.StringType)
      .add("relation", DataTypes.StringType)
      .add("value", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType)
      .add("n_ranked", DataTypes.IntegerType)
      .add("percentile", DataTypes.DoubleType)
      .add("rank_source", DataTypes.StringType)
      .add("n_predecessors", DataTypes.IntegerType)
      .add("n_predecessors_observed", DataTypes.IntegerType)
      .add("n_predecessors_with_value", DataTypes.IntegerType)
      .add("predecessors_min_value", DataTypes.DoubleType)
      .add("predecessors_max_value", DataTypes.DoubleType)
      .add("predecessors_best_rank", DataTypes.IntegerType)
      .add("predecessors_worst_rank", DataTypes.IntegerType)
      .add("merger_combine", DataTypes.StringType)
      .add("is_reconstructed", DataTypes.BooleanType)
      .add("combine_note", DataTypes.StringType);

  // One group: a successor's predecessors in one frame, one indicator, one year. The predecessor frame is part
  // of the key so that a range never mixes ranks among 64 with ranks among 63.
  private static final List<String> GROUP = List.of("unit_frame", "unit_code", "indicator_code", "year",
      "predecessor_frame");

  private PredecessorHistory() {
  }

  /**
   * @param indicators the indicator catalog ({@code indicator_code, merger_combine})
   * @param units      the unit catalog ({@code unit_frame, unit_code, name_vi})
   * @param lineage    one row per predecessor link ({@code from_frame, from_code, to_frame, to_code, relation})
   * @param rankings   the {@code rankings} table
   * @return one {@code predecessor} row per (successor, indicator, year, predecessor) where the predecessor has a
   *     value or a rank in its own frame, and one {@code reconstructed} row per (successor, indicator, year,
   *     predecessor frame) where the successor merged several units, the catalog says {@code sum} and every
   *     predecessor has a value that year
   */
  public static Dataset<Row> predecessorHistory(Dataset<Row> indicators, Dataset<Row> units, Dataset<Row> lineage,
      Dataset<Row> rankings) {
    Dataset<Row> links = LineageNames.links(lineage);
    Dataset<Row> linkCounts = links.groupBy(col("unit_frame"), col("unit_code"), col("predecessor_frame"))
        .agg(count(lit(1)).cast(DataTypes.IntegerType).as("n_predecessors"));
    Dataset<Row> combine = indicators.select(col("indicator_code"), col("merger_combine"));

    Dataset<Row> observed = rankings
        .where(col("value").isNotNull().or(col("rank").isNotNull()))
        .select(col("unit_frame").as("predecessor_frame"), col("unit_code").as("predecessor_code"),
            col("indicator_code"), col("year"), col("value"), col("rank"), col("n_ranked"), col("percentile"),
            col("rank_source"));

    Dataset<Row> predecessorRows = links
        .join(observed, Rankings.seq("predecessor_frame", "predecessor_code"), "inner")
        .join(broadcast(linkCounts), Rankings.seq("unit_frame", "unit_code", "predecessor_frame"), "inner")
        .join(broadcast(combine), Rankings.seq("indicator_code"), "left_outer");

    Dataset<Row> groups = predecessorRows
        .groupBy(Rankings.cols(GROUP))
        .agg(
            count(lit(1)).cast(DataTypes.IntegerType).as("n_predecessors_observed"),
            count(col("value")).cast(DataTypes.IntegerType).as("n_predecessors_with_value"),
            min(col("value")).as("predecessors_min_value"),
            max(col("value")).as("predecessors_max_value"),
            min(col("rank")).as("predecessors_best_rank"),
            max(col("rank")).as("predecessors_worst_rank"),
            // Sorted before summing: the same values give the same last digit whatever order the rows came in.
            aggregate(array_sort(collect_list(col("value"))), lit(0.0), (acc, v) -> acc.plus(v))
                .as("sum_of_values"),
            max(col("n_predecessors")).as("n_predecessors"),
            max(col("merger_combine")).as("merger_combine"),
            // A group is merged when any of its links is (the lineage marks every link of a merger so).
            max(when(col("relation").notEqual(lit(RELATION_UNCHANGED)), lit(1)).otherwise(lit(0)))
                .as("is_merged_flag"));
    Column isMerged = col("is_merged_flag").equalTo(lit(1));
    Column isComplete = col("n_predecessors_with_value").equalTo(col("n_predecessors"));
    Column canSum = isMerged.and(col("merger_combine").equalTo(lit(COMBINE_SUM))).and(isComplete);
    Column note = when(col("is_merged_flag").equalTo(lit(0)), lit(NOTE_SAME_TERRITORY))
        .when(col("merger_combine").equalTo(lit(COMBINE_POPULATION_WEIGHTED_MEAN)), lit(NOTE_NO_POPULATION))
        .when(col("merger_combine").equalTo(lit(COMBINE_SUM)).and(isComplete), lit(NOTE_SUM))
        .when(col("merger_combine").equalTo(lit(COMBINE_SUM)), concat(lit(NOTE_SUM_INCOMPLETE_PREFIX),
            col("n_predecessors_with_value").cast("string"), lit(" of "), col("n_predecessors").cast("string"),
            lit(" have one")))
        .otherwise(lit(NOTE_NEVER));
    // One select list per step, not a withColumn each (every call re-analyses the whole plan so far).
    Dataset<Row> annotated = groups
        .withColumns(RowChecks.columns(
            "combine_note", note,
            "can_sum", canSum))
        .drop("merger_combine");

    Dataset<Row> predecessors = predecessorRows.drop("n_predecessors")
        .join(annotated, Rankings.seq(GROUP), "inner")
        .withColumns(RowChecks.columns(
            "row_type", lit(ROW_PREDECESSOR),
            "is_reconstructed", lit(false)));
    Dataset<Row> reconstructed = annotated
        .where(col("can_sum"))
        .join(broadcast(combine), Rankings.seq("indicator_code"), "left_outer")
        .withColumns(RowChecks.columns(
            "row_type", lit(ROW_RECONSTRUCTED),
            "is_reconstructed", lit(true),
            "value", col("sum_of_values"),
            // A reconstructed value has no place in any published ranking, so no rank, n or percentile.
            "relation", lit(null).cast(DataTypes.StringType),
            "predecessor_code", lit(null).cast(DataTypes.StringType),
            "rank", lit(null).cast(DataTypes.IntegerType),
            "n_ranked", lit(null).cast(DataTypes.IntegerType),
            "percentile", lit(null).cast(DataTypes.DoubleType),
            "rank_source", lit(null).cast(DataTypes.StringType)));

    return LineageNames.withUnitAndPredecessorNames(units, predecessors.unionByName(reconstructed, true))
        .select(Rankings.declared(SCHEMA));
  }

  /** The declared column names, in order. */
  public static List<String> columnNames() {
    return Arrays.stream(SCHEMA.fields()).map(StructField::name).toList();
  }
}
