package vn.provincecompare.publish.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.catalog.LineageLink;
import vn.provincecompare.catalog.UnitCatalog;
import vn.provincecompare.compute.ReportSettings.UnitRef;
import vn.provincecompare.publish.PublishedTables;
import vn.provincecompare.store.Store;

/**
 * Writes {@code report/<unit_code>.html} for each focal unit into a run's (staging) directory, from the tables the
 * run has already written there: the few rows of one province are collected on the driver (tens of rows), so the
 * report shows exactly what the published tables hold. Written before the run is published, it appears atomically
 * with the tables.
 */
public final class ReportWriter {
  public static final String REPORT_DIR = "report";

  private ReportWriter() {}

  /**
   * @param runDir    the run's directory (its staging directory while the run is being written)
   * @param units     the unit catalog: names, and the {@code unchanged} lineage that continues a trajectory into
   *                  the previous frame (Lào Cai VN64 10 before 2008 is Lào Cai VN63 10)
   * @param focal     the focal units
   * @param manifest  the run's manifest so far ({@code run_id}, {@code created_at}, {@code inputs}, ...)
   * @param rowCounts rows of each table written so far
   * @return the files written, as paths relative to {@code runDir} (for the manifest)
   */
  public static List<String> writeAll(SparkSession spark, Path runDir, UnitCatalog units, List<UnitRef> focal,
      JsonNode manifest, Map<String, Long> rowCounts) {
    ReportData.RunInfo run = runInfo(manifest, rowCounts);
    Dataset<Row> scorecard = read(spark, runDir, PublishedTables.SCORECARD);
    Dataset<Row> rankings = read(spark, runDir, PublishedTables.RANKINGS);
    Dataset<Row> targetGaps = read(spark, runDir, PublishedTables.TARGET_GAPS);
    Dataset<Row> values = read(spark, runDir, PublishedTables.INDICATOR_VALUES);
    List<String> written = new ArrayList<>();
    Store store = Store.forPath(runDir);
    try {
      store.mkdirs(new Path(runDir, REPORT_DIR));
      Set<String> done = new LinkedHashSet<>();
      for (UnitRef u : focal) {
        if (!done.add(u.unitFrame() + " " + u.unitCode())) {
          continue;
        }
        ReportData data = collect(u, units, run, scorecard, rankings, targetGaps, values);
        String file = REPORT_DIR + "/" + u.unitCode() + ".html";
        store.writeString(new Path(runDir, file), ScorecardReport.render(data));
        written.add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the scorecard reports into " + new Path(runDir, REPORT_DIR), e);
    }
    return written;
  }

  /** The manifest's {@code reports} entry. */
  public static ArrayNode manifestEntry(List<String> files) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    files.forEach(a::add);
    return a;
  }

  private static Dataset<Row> read(SparkSession spark, Path runDir, PublishedTables.Table t) {
    Path p = new Path(runDir, t.name());
    if (!Store.forPath(p).isDirectory(p)) {
      throw new IllegalStateException("the report needs the " + t.name() + " table, which this run did not write "
          + "(expected " + p + "); --report needs the compare stage (compare or run)");
    }
    return spark.read().parquet(Store.sparkPath(p));
  }

  static ReportData collect(UnitRef u, UnitCatalog units, ReportData.RunInfo run, Dataset<Row> scorecard,
      Dataset<Row> rankings, Dataset<Row> targetGaps, Dataset<Row> values) {
    Column isUnit = col("unit_frame").equalTo(u.unitFrame()).and(col("unit_code").equalTo(u.unitCode()));
    String name = units.unit(u.unitFrame(), u.unitCode()).map(x -> x.nameVi()).orElse(u.unitCode());

    List<ReportData.ScorecardLine> cards = new ArrayList<>();
    for (Row r : scorecard.filter(isUnit).orderBy(col("indicator_code").asc_nulls_last()).collectAsList()) {
      cards.add(scorecardLine(r));
    }
    List<String> indicators = cards.stream().map(ReportData.ScorecardLine::indicatorCode).toList();

    // The same territory under earlier frames continues the trajectory (lineage 'unchanged' links only: a merged
    // predecessor's ranks are another unit's).
    Column inSeries = isUnit;
    for (UnitRef p : sameTerritoryBefore(u, units)) {
      inSeries = inSeries.or(col("unit_frame").equalTo(p.unitFrame()).and(col("unit_code").equalTo(p.unitCode())));
    }
    List<ReportData.RankPoint> ranks = new ArrayList<>();
    if (!indicators.isEmpty()) {
      for (Row r : rankings.filter(inSeries.and(col("indicator_code").isin(indicators.toArray())))
          .orderBy(col("indicator_code").asc_nulls_last(), col("year").asc_nulls_last()).collectAsList()) {
        ranks.add(new ReportData.RankPoint(r.getAs("indicator_code"), r.getAs("unit_frame"),
            r.<Integer>getAs("year"), r.getAs("value"), r.getAs("rank"), r.getAs("n_ranked"),
            r.getAs("rank_source")));
      }
    }

    List<ReportData.TargetLine> targets = new ArrayList<>();
    for (Row r : targetGaps.filter(isUnit).orderBy(col("indicator_code").asc_nulls_last(),
        col("target_id").asc_nulls_last()).collectAsList()) {
      targets.add(new ReportData.TargetLine(r.getAs("target_id"), r.getAs("indicator_code"), r.getAs("kind"),
          r.getAs("threshold"), r.getAs("target_band_code"), r.getAs("base_year"), r.getAs("target_year"),
          r.getAs("latest_year"), r.getAs("latest_value"), r.getAs("latest_rank"), r.getAs("latest_n_ranked"),
          r.getAs("latest_band_code"), r.getAs("gap"), r.getAs("gap_unit"), r.getAs("pct_of_target"),
          r.getAs("is_met"), r.getAs("value_at_rank_n"), r.getAs("is_on_track")));
    }

    List<ReportData.SourceCount> sources = new ArrayList<>();
    for (Row r : values.filter(isUnit).groupBy(col("source_id"), col("source_file")).agg(count(lit(1)).as("n"))
        .orderBy(col("source_id").asc_nulls_last(), col("source_file").asc_nulls_last()).collectAsList()) {
      sources.add(new ReportData.SourceCount(r.getAs("source_id"), r.getAs("source_file"), r.<Long>getAs("n")));
    }
    return new ReportData(new ReportData.Unit(u.unitFrame(), u.unitCode(), name),
        cards, ranks, targets, sources, run);
  }

  /** Predecessors linked as 'unchanged', transitively (VN64 10 -> VN63 10). */
  static List<UnitRef> sameTerritoryBefore(UnitRef u, UnitCatalog units) {
    List<UnitRef> out = new ArrayList<>();
    UnitRef current = u;
    while (true) {
      List<LineageLink> preds = units.predecessors(current.unitFrame(), current.unitCode());
      if (preds.size() != 1 || preds.get(0).isMerged()) {
        return out;
      }
      current = new UnitRef(preds.get(0).fromFrame(), preds.get(0).fromCode());
      out.add(current);
    }
  }

  static ReportData.RunInfo runInfo(JsonNode manifest, Map<String, Long> rowCounts) {
    List<ReportData.TableCount> tables = new ArrayList<>();
    for (PublishedTables.Table t : PublishedTables.ALL) {
      Long n = rowCounts.get(t.name());
      if (n != null) {
        tables.add(new ReportData.TableCount(t.name(), n, t.schemaVersion()));
      }
    }
    List<ReportData.InputFile> inputs = new ArrayList<>();
    for (JsonNode f : manifest.path("inputs")) {
      inputs.add(new ReportData.InputFile(f.path("path").asText(), f.path("bytes").asLong(),
          f.path("sha256").asText()));
    }
    return new ReportData.RunInfo(manifest.path("run_id").asText(), manifest.path("created_at").asText(),
        manifest.path("tool_version").asText(), manifest.path("spark_version").asText(), tables, inputs);
  }

  /** A scorecard row read by column name (the names of {@code Scorecards.SCHEMA}). */
  private static ReportData.ScorecardLine scorecardLine(Row r) {
    return new ReportData.ScorecardLine(r.getAs("indicator_code"), r.getAs("short_name"), r.getAs("latest_year"),
        r.getAs("value"), r.getAs("rank"), r.getAs("n_ranked"), r.getAs("rank_source"), r.getAs("rank_change"),
        r.getAs("compared_year"), r.getAs("band_code"), r.getAs("band_name_vi"), r.getAs("target_status"),
        r.getAs("target_kind"), r.getAs("target_threshold"), r.getAs("target_band_code"), r.getAs("target_gap"),
        r.getAs("target_gap_unit"), r.getAs("target_pct_of_target"), r.getAs("strongest_child_code"),
        r.getAs("strongest_child_rank"), r.getAs("weakest_child_code"), r.getAs("weakest_child_rank"),
        r.getAs("sentence_vi"), r.getAs("sentence_en"));
  }
}
