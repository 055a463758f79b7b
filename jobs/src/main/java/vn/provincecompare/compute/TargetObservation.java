package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import vn.provincecompare.catalog.TargetKind;

/**
 * Where each target of {@link TargetGaps} is judged: its latest observation, on the unit or a successor, and a rank
 * threshold restated by share of units for the frame that observation (or the target year) is in.
 */
final class TargetObservation {

  private TargetObservation() {
  }

  /**
   * Per target: the latest observation (year <= target year) that carries what the kind measures, on the unit
   * or one of its successors; all latest_* columns are null when there is none.
   */
  static Dataset<Row> withLatestObservation(Dataset<Row> lineage, Dataset<Row> rankings,
      Dataset<Row> targets) {
    Dataset<Row> successors = lineage.select(col("from_frame"), col("from_code"), col("to_frame"), col("to_code"));
    Column own = struct(col("unit_frame").as("frame"), col("unit_code").as("code"), lit(0).as("step"));
    Column successor = when(col("to_frame").isNotNull(),
        struct(col("to_frame").as("frame"), col("to_code").as("code"), lit(1).as("step")));
    Dataset<Row> candidates = targets
        .join(successors, col("unit_frame").equalTo(col("from_frame")).and(col("unit_code").equalTo(col("from_code"))),
            "left_outer")
        .withColumn("candidate", explode(array(own, successor)))
        .where(col("candidate").isNotNull())
        .drop("from_frame", "from_code", "to_frame", "to_code");
    Dataset<Row> observations = rankings.select(col("unit_frame").as("o_frame"), col("unit_code").as("o_code"),
        col("indicator_code").as("o_indicator"), col("year").as("o_year"), col("value").as("o_value"),
        col("rank").as("o_rank"), col("n_ranked").as("o_n_ranked"), col("band_code").as("o_band_code"),
        col("band_rank").as("o_band_rank"), col("rank_source").as("o_rank_source"));
    WindowSpec latestFirst = Window.partitionBy("target_id").orderBy(col("o_year").desc_nulls_last(),
        col("candidate.step").asc_nulls_last(), col("o_frame").asc_nulls_last(), col("o_code").asc_nulls_last());
    Column found = col("o_year").isNotNull();
    return candidates
        .join(observations, col("o_frame").equalTo(col("candidate.frame"))
            .and(col("o_code").equalTo(col("candidate.code"))).and(col("o_indicator").equalTo(col("indicator_code")))
            .and(col("o_year").leq(col("target_year")))
            .and(TargetRules.hasMeasure(col("o_value"), col("o_rank"), col("o_band_rank"))), "left_outer")
        .withColumn("recency", row_number().over(latestFirst))
        .where(col("recency").equalTo(1))
        .withColumns(Map.of("latest_unit_frame", when(found, col("o_frame")),
            "latest_unit_code", when(found, col("o_code"))))
        .withColumnsRenamed(Map.of("o_year", "latest_year", "o_value", "latest_value", "o_rank", "latest_rank",
            "o_n_ranked", "latest_n_ranked", "o_band_code", "latest_band_code", "o_band_rank", "latest_band_rank",
            "o_rank_source", "latest_rank_source"))
        .drop("candidate", "o_frame", "o_code", "o_indicator", "recency");
  }

  /**
   * "Top 20 of 63" means nothing among 34 units. A rank target is restated by share of units,
   * {@code max(1, floor(N x n_new / n_old))} with the frames' unit counts (top 20 of 63 -> top 10 of 34), when it
   * is judged on a ranking in another frame, or when its own frame ended by the target year and a newer one took
   * effect by then (a 2025 index is published on the 34 units in force from 2025-07-01; a 2024 one on the 63):
   * then for that frame, the newest if several. The original threshold stays in {@code threshold}.
   * The gap is measured against the threshold of the frame the latest ranking is in ({@code assessed_threshold}).
   */
  static Dataset<Row> withRestatement(Dataset<Row> frames, Dataset<Row> targets) {
    Dataset<Row> ownFrame = frames.select(col("frame_code").as("unit_frame"),
        col("n_units").cast("double").as("own_n_units"), year(col("valid_to")).as("own_last_valid_year"));
    // The units that exist when the target year's indices are published: a frame that took effect during or
    // before the target year, after the target's own frame ended.
    Dataset<Row> candidateFrames = frames.select(col("frame_code").as("frame_at_target_year"),
        year(col("valid_from")).as("cf_first_valid_year"));
    WindowSpec newestFrameFirst = Window.partitionBy("target_id")
        .orderBy(col("cf_first_valid_year").desc_nulls_last(), col("frame_at_target_year").asc_nulls_last());
    Dataset<Row> restateFrame = frames.select(col("frame_code").as("restate_frame"),
        col("n_units").cast("double").as("restate_n_units"));

    Column restateTo = when(TargetRules.isKind(TargetKind.RANK_AT_MOST), coalesce(
        when(col("latest_unit_frame").notEqual(col("unit_frame")), col("latest_unit_frame")),
        col("frame_at_target_year")));
    Column restatedThreshold = greatest(lit(1.0),
        floor(col("threshold").multiply(col("restate_n_units")).divide(col("own_n_units"))).cast("double"));
    return targets
        .join(ownFrame, Rankings.seq("unit_frame"), "left_outer")
        .join(candidateFrames, col("frame_at_target_year").notEqual(col("unit_frame"))
            .and(col("own_last_valid_year").leq(col("target_year")))
            .and(col("cf_first_valid_year").leq(col("target_year"))), "left_outer")
        .withColumn("cf_pick", row_number().over(newestFrameFirst))
        .where(col("cf_pick").equalTo(1))
        .withColumn("restate_frame", restateTo)
        .join(restateFrame, Rankings.seq("restate_frame"), "left_outer")
        .withColumn("is_restated", col("restate_frame").isNotNull())
        .withColumn("restated_threshold", when(col("is_restated")
            .and(col("own_n_units").gt(0)).and(col("restate_n_units").isNotNull()), restatedThreshold))
        .withColumns(Map.of("restatement_rule", when(col("is_restated"), concat(
            lit("rank_share_floor: top "), col("threshold").cast("long").cast("string"),
            lit(" of "), col("own_n_units").cast("long").cast("string"), lit(" ("), col("unit_frame"),
            lit(") -> top "), col("restated_threshold").cast("long").cast("string"), lit(" of "),
            col("restate_n_units").cast("long").cast("string"), lit(" ("), col("restate_frame"), lit(")"))),
            "assessed_threshold", when(col("is_restated")
                .and(col("latest_unit_frame").equalTo(col("restate_frame"))), col("restated_threshold"))
                .otherwise(col("threshold"))));
  }
}
