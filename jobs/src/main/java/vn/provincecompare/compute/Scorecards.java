package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code scorecard} table: one row per focal unit and top-level indicator it has any observation of, with
 * the latest rank and value, the change since the year before (or the last observed year), the band, the
 * targets' status, the strongest and weakest component, and the sentence a report would print.
 * See {@code docs/tables/scorecard.md}.
 */
public final class Scorecards {

  public static final String STATUS_MET = "met";
  public static final String STATUS_NOT_MET = "not_met";
  public static final String STATUS_NO_TARGET = "no_target";

  public static final StructType SCHEMA = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("unit_name_vi", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("short_name", DataTypes.StringType)
      .add("latest_year", DataTypes.IntegerType)
      .add("value", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType)
      .add("n_ranked", DataTypes.IntegerType)
      .add("rank_source", DataTypes.StringType)
      .add("rank_change", DataTypes.IntegerType)
      .add("compared_year", DataTypes.IntegerType)
      .add("band_code", DataTypes.StringType)
      .add("band_name_vi", DataTypes.StringType)
      .add("target_ids", DataTypes.StringType)
      .add("target_status", DataTypes.StringType)
      .add("target_kind", DataTypes.StringType)
      .add("target_threshold", DataTypes.DoubleType)
      .add("target_band_code", DataTypes.StringType)
      .add("target_base_year", DataTypes.IntegerType)
      .add("is_target_method_break_since_base", DataTypes.BooleanType)
      .add("target_gap", DataTypes.DoubleType)
      .add("target_gap_unit", DataTypes.StringType)
      .add("target_pct_of_target", DataTypes.DoubleType)
      .add("target_judged_on_frame", DataTypes.StringType)
      .add("target_judged_on_code", DataTypes.StringType)
      .add("target_judged_on_year", DataTypes.IntegerType)
      .add("target_judged_on_value", DataTypes.DoubleType)
      .add("target_judged_on_rank", DataTypes.IntegerType)
      .add("target_judged_on_n_ranked", DataTypes.IntegerType)
      .add("strongest_child_code", DataTypes.StringType)
      .add("strongest_child_rank", DataTypes.IntegerType)
      .add("weakest_child_code", DataTypes.StringType)
      .add("weakest_child_rank", DataTypes.IntegerType)
      .add("sentence_vi", DataTypes.StringType)
      .add("sentence_en", DataTypes.StringType);

  private static final UserDefinedFunction SENTENCE_VI = udf(
      (UDF1<Row, String>) facts -> Sentences.vietnamese(Sentences.ScorecardFacts.fromRow(facts)),
      DataTypes.StringType);
  private static final UserDefinedFunction SENTENCE_EN = udf(
      (UDF1<Row, String>) facts -> Sentences.english(Sentences.ScorecardFacts.fromRow(facts)),
      DataTypes.StringType);

  private Scorecards() {
  }

  /**
   * @param settings   focal units (or batch: every unit in {@code rankings})
   * @param indicators the indicator catalog (top level = no {@code parent_code}; children by {@code parent_code})
   * @param bands      the band catalog, for band names
   * @param targetGaps the {@code target_gaps} table ({@link TargetGaps#SCHEMA})
   * @param rankings   the {@code rankings} table
   * @param changes    the {@code changes} table
   */
  public static Dataset<Row> scorecard(ReportSettings settings, Dataset<Row> indicators, Dataset<Row> bands,
      Dataset<Row> targetGaps, Dataset<Row> rankings, Dataset<Row> changes) {
    return scorecard(settings, indicators, bands, LineageNames.none(rankings), targetGaps, rankings, changes);
  }

  /**
   * As above, with the names sentences give merged units ({@link LineageNames#mergedUnitNames}): "Lào Cai (mới,
   * gồm Lào Cai và Yên Bái cũ) xếp thứ 14/34 về DTI năm 2024". The {@code unit_name_vi} column keeps the plain
   * name; only the sentences say what the unit is made of.
   */
  public static Dataset<Row> scorecard(ReportSettings settings, Dataset<Row> indicators, Dataset<Row> bands,
      Dataset<Row> mergedNames, Dataset<Row> targetGaps, Dataset<Row> rankings, Dataset<Row> changes) {
    Dataset<Row> topLevel = indicators
        .where(col("parent_code").isNull().or(col("parent_code").equalTo("")))
        .select(col("indicator_code"), col("short_name"),
            coalesce(col("short_name_vi"), col("short_name")).as("short_name_vi"));
    WindowSpec latestFirst = Window.partitionBy("unit_frame", "unit_code", "indicator_code")
        .orderBy(col("year").desc_nulls_last());
    Dataset<Row> latest = rankings
        .where(settings.isFocal("unit_frame", "unit_code")
            .and(col("value").isNotNull().or(col("rank").isNotNull())))
        .join(topLevel, Rankings.seq("indicator_code"), "inner")
        .withColumn("recency", row_number().over(latestFirst))
        .where(col("recency").equalTo(1))
        .select(col("unit_frame"), col("unit_code"), col("unit_name_vi"), col("indicator_code"), col("short_name"),
            col("short_name_vi"), col("year").as("latest_year"), col("value"), col("rank"), col("n_ranked"), col("rank_source"),
            col("band_code"));

    Dataset<Row> card = latest
        .join(changeSince(changes), Rankings.seq("unit_frame", "unit_code", "indicator_code", "latest_year"), "left_outer")
        .join(bandNames(bands, latest), Rankings.seq("unit_frame", "unit_code", "indicator_code"), "left_outer")
        .join(targetSummary(targetGaps), Rankings.seq("unit_frame", "unit_code", "indicator_code"), "left_outer")
        .join(children(indicators, rankings, latest), Rankings.seq("unit_frame", "unit_code", "indicator_code"),
            "left_outer")
        .join(mergedNames.select(col("unit_frame"), col("unit_code"), col("merged_name_vi"), col("merged_name_en")),
            Rankings.seq("unit_frame", "unit_code"), "left_outer")
        .withColumn("target_status", coalesce(col("target_status"), lit(STATUS_NO_TARGET)))
        .join(judgedOnNames(rankings, mergedNames), Rankings.seq("target_judged_on_frame", "target_judged_on_code"),
            "left_outer");
    // Each sentence names the indicator in its own language (short_name_vi: operational indicators have no
    // acronym, and an English name inside a Vietnamese report sentence reads wrong).
    Column factsVi = facts(coalesce(col("merged_name_vi"), col("unit_name_vi")), col("short_name_vi"),
        col("judged_on_name_vi"));
    Column factsEn = facts(coalesce(col("merged_name_en"), col("unit_name_vi")), col("short_name"),
        col("judged_on_name_en"));
    return card
        .withColumn("sentence_vi", SENTENCE_VI.apply(factsVi))
        .withColumn("sentence_en", SENTENCE_EN.apply(factsEn))
        .select(col("unit_frame"), col("unit_code"), col("unit_name_vi"), col("indicator_code"), col("short_name"),
            col("latest_year"), col("value"), col("rank"), col("n_ranked"), col("rank_source"), col("rank_change"),
            col("compared_year"), col("band_code"), col("band_name_vi"), col("target_ids"), col("target_status"),
            col("target_kind"), col("target_threshold"), col("target_band_code"), col("target_base_year"),
            col("is_target_method_break_since_base"), col("target_gap"), col("target_gap_unit"),
            col("target_pct_of_target"), col("target_judged_on_frame"), col("target_judged_on_code"),
            col("target_judged_on_year"), col("target_judged_on_value"), col("target_judged_on_rank"),
            col("target_judged_on_n_ranked"), col("strongest_child_code"),
            col("strongest_child_rank"), col("weakest_child_code"), col("weakest_child_rank"),
            col("sentence_vi"), col("sentence_en"));
  }

  /**
   * The rank change against the year before, or, when that year has no observation, against the last observed
   * year (the changes table carries both; a plain lag would silently do the second without saying so).
   */
  private static Dataset<Row> changeSince(Dataset<Row> changes) {
    Column previousMissing = col("is_prev_year_missing");
    return changes.select(col("unit_frame"), col("unit_code"), col("indicator_code"),
        col("year").as("latest_year"),
        when(previousMissing.equalTo(false), col("rank_change"))
            .when(previousMissing.equalTo(true), col("rank_change_since_last_obs")).as("rank_change"),
        when(previousMissing.equalTo(false), col("prev_year"))
            .when(previousMissing.equalTo(true), col("last_obs_year")).as("compared_year"));
  }

  /** The Vietnamese name of each latest row's band, from the band period covering that year. */
  private static Dataset<Row> bandNames(Dataset<Row> bands, Dataset<Row> latest) {
    Dataset<Row> names = bands.select(col("indicator_code").as("b_indicator"), col("band_code").as("b_code"),
        col("name_vi").as("band_name_vi"), col("first_year").cast("int").as("b_first"),
        col("last_year").cast("int").as("b_last"));
    WindowSpec one = Window.partitionBy("unit_frame", "unit_code", "indicator_code")
        .orderBy(col("band_name_vi").asc_nulls_last());
    return latest.select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("band_code"),
            col("latest_year"))
        .join(names, col("b_indicator").equalTo(col("indicator_code")).and(col("b_code").equalTo(col("band_code")))
            .and(col("b_first").isNull().or(col("b_first").leq(col("latest_year"))))
            .and(col("b_last").isNull().or(col("b_last").geq(col("latest_year")))), "inner")
        .withColumn("pick", row_number().over(one))
        .where(col("pick").equalTo(1))
        .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("band_name_vi"));
  }

  /**
   * The names sentences give a unit a target was judged on: its merged name when it is a merged unit ("Lào Cai
   * (mới, gồm Lào Cai và Yên Bái cũ)"), else its plain name.
   */
  private static Dataset<Row> judgedOnNames(Dataset<Row> rankings, Dataset<Row> mergedNames) {
    return rankings.groupBy(col("unit_frame").as("target_judged_on_frame"),
            col("unit_code").as("target_judged_on_code"))
        .agg(org.apache.spark.sql.functions.max(col("unit_name_vi")).as("plain_name"))
        .join(mergedNames.select(col("unit_frame").as("target_judged_on_frame"),
            col("unit_code").as("target_judged_on_code"), col("merged_name_vi"), col("merged_name_en")),
            Rankings.seq("target_judged_on_frame", "target_judged_on_code"), "left_outer")
        .select(col("target_judged_on_frame"), col("target_judged_on_code"),
            coalesce(col("merged_name_vi"), col("plain_name")).as("judged_on_name_vi"),
            coalesce(col("merged_name_en"), col("plain_name")).as("judged_on_name_en"));
  }

  /**
   * Per unit and indicator: the target ids (sorted, comma-separated), met only when every target is met, and
   * the worst target: unmet (or unassessed) before met, then the smallest gap, then the id. When the worst
   * target was judged on another unit (a successor in the new frame: VN63 Lào Cai's DTI target on new Lào Cai's
   * 14/34), the target_judged_on_* columns say on which unit, year and position, so that a sentence never sets
   * a rank of one frame beside a gap of another.
   */
  private static Dataset<Row> targetSummary(Dataset<Row> targetGaps) {
    Column isMet = coalesce(col("is_met"), lit(false));
    WindowSpec worstFirst = Window.partitionBy("unit_frame", "unit_code", "indicator_code")
        .orderBy(isMet.asc(), col("gap").asc_nulls_first(), col("target_id").asc_nulls_last());
    WindowSpec all = Window.partitionBy("unit_frame", "unit_code", "indicator_code");
    Column elsewhere = coalesce(col("latest_unit_frame").notEqual(col("unit_frame"))
        .or(col("latest_unit_code").notEqual(col("unit_code"))), lit(false));
    return targetGaps
        .withColumn("worst", row_number().over(worstFirst))
        .withColumn("target_ids", array_join(sort_array(collect_list(col("target_id")).over(all)), ","))
        .withColumn("all_met", org.apache.spark.sql.functions.min(isMet).over(all))
        .where(col("worst").equalTo(1))
        .select(col("unit_frame"), col("unit_code"), col("indicator_code"), col("target_ids"),
            when(col("all_met"), lit(STATUS_MET)).otherwise(lit(STATUS_NOT_MET)).as("target_status"),
            col("kind").as("target_kind"),
            coalesce(col("assessed_threshold"), col("threshold")).as("target_threshold"),
            col("target_band_code"), col("base_year").as("target_base_year"),
            col("is_method_break_since_base").as("is_target_method_break_since_base"), col("gap").as("target_gap"),
            col("gap_unit").as("target_gap_unit"), col("pct_of_target").as("target_pct_of_target"),
            when(elsewhere, col("latest_unit_frame")).as("target_judged_on_frame"),
            when(elsewhere, col("latest_unit_code")).as("target_judged_on_code"),
            when(elsewhere, col("latest_year")).as("target_judged_on_year"),
            when(elsewhere, col("latest_value")).as("target_judged_on_value"),
            when(elsewhere, col("latest_rank")).as("target_judged_on_rank"),
            when(elsewhere, col("latest_n_ranked")).as("target_judged_on_n_ranked"));
  }

  /**
   * The strongest and weakest child (indicators whose parent is this one) in the latest year, by child rank
   * minus the unit's overall rank (lower = stronger), ties broken by code ascending for both ends.
   */
  private static Dataset<Row> children(Dataset<Row> indicators, Dataset<Row> rankings, Dataset<Row> latest) {
    Dataset<Row> childOf = indicators.where(col("parent_code").isNotNull().and(col("parent_code").notEqual("")))
        .select(col("indicator_code").as("child_code"), col("parent_code").as("indicator_code"));
    Dataset<Row> childRanks = rankings.where(col("rank").isNotNull())
        .select(col("unit_frame"), col("unit_code"), col("indicator_code").as("child_code"),
            col("year").as("latest_year"), col("rank").as("child_rank"));
    WindowSpec byParent = Window.partitionBy("unit_frame", "unit_code", "indicator_code");
    Dataset<Row> ranked = latest.select(col("unit_frame"), col("unit_code"), col("indicator_code"),
            col("latest_year"), col("rank"))
        .join(childOf, Rankings.seq("indicator_code"), "inner")
        .join(childRanks, Rankings.seq("unit_frame", "unit_code", "child_code", "latest_year"), "inner")
        // Without an overall rank the relative position is the child rank itself.
        .withColumn("relative", col("child_rank").minus(coalesce(col("rank"), lit(0))))
        .withColumn("strong_order", row_number().over(byParent.orderBy(col("relative").asc_nulls_last(),
            col("child_code").asc_nulls_last())))
        .withColumn("weak_order", row_number().over(byParent.orderBy(col("relative").desc_nulls_last(),
            col("child_code").asc_nulls_last())));
    Dataset<Row> strongest = ranked.where(col("strong_order").equalTo(1)).select(col("unit_frame"),
        col("unit_code"), col("indicator_code"), col("child_code").as("strongest_child_code"),
        col("child_rank").as("strongest_child_rank"));
    Dataset<Row> weakest = ranked.where(col("weak_order").equalTo(1)).select(col("unit_frame"),
        col("unit_code"), col("indicator_code"), col("child_code").as("weakest_child_code"),
        col("child_rank").as("weakest_child_rank"));
    return strongest.join(weakest, Rankings.seq("unit_frame", "unit_code", "indicator_code"), "inner");
  }


  /** The struct a sentence reads, in the order of {@link Sentences.ScorecardFacts#fromRow}'s columns. */
  private static Column facts(Column unitName, Column indicatorName, Column judgedOnName) {
    return struct(unitName.as("unit_name_vi"), indicatorName.as("short_name"), col("latest_year"), col("value"),
        col("rank"), col("n_ranked"), col("rank_change"), col("compared_year"), col("target_status"),
        col("target_kind"), col("target_threshold"), col("target_gap"), col("target_pct_of_target"),
        col("target_band_code"), col("target_base_year"), col("target_gap_unit"),
        col("is_target_method_break_since_base"),
        when(col("target_judged_on_frame").isNotNull(), coalesce(judgedOnName,
            concat_ws(" ", col("target_judged_on_frame"), col("target_judged_on_code")))).as("judged_on_name"),
        col("target_judged_on_year"), col("target_judged_on_value"), col("target_judged_on_rank"),
        col("target_judged_on_n_ranked"));
  }
}
