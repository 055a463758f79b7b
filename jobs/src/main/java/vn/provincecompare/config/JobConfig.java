package vn.provincecompare.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.store.Store;

/**
 * Everything one run needs, immutable. Built by {@link ConfigLoader} with the precedence
 * command line &gt; config file (JSON) &gt; {@link #defaults()}.
 *
 * @param dataDir            the data folder: {@code reference/}, {@code targets/}, {@code raw/sources.json}
 * @param sources            the sources manifest (default {@code <dataDir>/raw/sources.json})
 * @param out                the output directory the tool owns
 * @param keepRuns           complete runs kept besides the current one's predecessors
 * @param focal              focal provinces: codes or any known spelling (resolved in {@code focalFrame})
 * @param focalFrame         frame in which focal and peer names are resolved
 * @param peers              a peer list compared with each focal province (may be empty)
 * @param batch              scorecards for every province, not only the focal ones
 * @param baselineYear       the year changes are also measured from, or null
 * @param trendYears         observed years in the trend slope and the projection (OLS)
 * @param coverageThreshold  a computed rank needs values for at least this share of the expected units
 * @param topN               "first year in the top N" in {@code changes}
 * @param shufflePartitions  spark.sql.shuffle.partitions for local runs (small data: few partitions)
 * @param outputFiles        Parquet files per table (1 keeps small tables in one file; 0 lets Spark decide)
 * @param csv                also write {@code csv/<table>.csv} (UTF-8 with BOM) into the run, for Excel and Power BI
 * @param report             also write {@code report/<unit_code>.html} per focal unit into the run (compare stage)
 * @param indicatorValues    compare only: read this canonical {@code indicator_values} Parquet (a file or folder,
 *                           e.g. commune-level data prepared elsewhere) instead of the current run's
 * @param tables             compare only: the compare tables to publish (with the ones they are computed from);
 *                           null or empty for all
 */
public record JobConfig(
    @JsonProperty("data_dir") String dataDir,
    @JsonProperty("sources") String sources,
    @JsonProperty("out") String out,
    @JsonProperty("keep_runs") Integer keepRuns,
    @JsonProperty("focal") List<String> focal,
    @JsonProperty("focal_frame") String focalFrame,
    @JsonProperty("peers") List<String> peers,
    @JsonProperty("batch") Boolean batch,
    @JsonProperty("baseline_year") Integer baselineYear,
    @JsonProperty("trend_years") Integer trendYears,
    @JsonProperty("coverage_threshold") Double coverageThreshold,
    @JsonProperty("top_n") Integer topN,
    @JsonProperty("shuffle_partitions") Integer shufflePartitions,
    @JsonProperty("output_files") Integer outputFiles,
    @JsonProperty("csv") Boolean csv,
    @JsonProperty("report") Boolean report,
    @JsonProperty("indicator_values") String indicatorValues,
    @JsonProperty("tables") List<String> tables) {

  /** The settings before the csv and report switches, both left unset (callers written before them compile). */
  public JobConfig(String dataDir, String sources, String out, Integer keepRuns, List<String> focal,
      String focalFrame, List<String> peers, Boolean batch, Integer baselineYear, Integer trendYears,
      Double coverageThreshold, Integer topN, Integer shufflePartitions, Integer outputFiles) {
    this(dataDir, sources, out, keepRuns, focal, focalFrame, peers, batch, baselineYear, trendYears,
        coverageThreshold, topN, shufflePartitions, outputFiles, null, null, null, null);
  }

  /** The settings before the compare-input switches, both left unset. */
  public JobConfig(String dataDir, String sources, String out, Integer keepRuns, List<String> focal,
      String focalFrame, List<String> peers, Boolean batch, Integer baselineYear, Integer trendYears,
      Double coverageThreshold, Integer topN, Integer shufflePartitions, Integer outputFiles, Boolean csv,
      Boolean report) {
    this(dataDir, sources, out, keepRuns, focal, focalFrame, peers, batch, baselineYear, trendYears,
        coverageThreshold, topN, shufflePartitions, outputFiles, csv, report, null, null);
  }

  public static JobConfig defaults() {
    return new JobConfig("data", null, "out", 3, List.of("Lào Cai"), "VN63", List.of(), true, null, 3, 0.9, 10, 4,
        1, false, false, null, List.of());
  }

  /** The sources manifest, defaulting to the data folder's. */
  public String sourcesPath() {
    return sources != null ? sources : dataDir + "/raw/sources.json";
  }

  /** Fields of {@code over} that are set replace those of {@code this}. */
  public JobConfig overlay(JobConfig over) {
    return new JobConfig(
        pick(over.dataDir, dataDir), pick(over.sources, sources), pick(over.out, out),
        pick(over.keepRuns, keepRuns), pick(over.focal, focal), pick(over.focalFrame, focalFrame),
        pick(over.peers, peers), pick(over.batch, batch), pick(over.baselineYear, baselineYear),
        pick(over.trendYears, trendYears), pick(over.coverageThreshold, coverageThreshold), pick(over.topN, topN),
        pick(over.shufflePartitions, shufflePartitions), pick(over.outputFiles, outputFiles),
        pick(over.csv, csv), pick(over.report, report), pick(over.indicatorValues, indicatorValues),
        pick(over.tables, tables));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }

  /** Checks that do not need the catalog; names the key and what would be valid. */
  public JobConfig validated() {
    require(keepRuns != null && keepRuns >= 1, "keep_runs must be 1 or more, got " + keepRuns);
    require(trendYears != null && trendYears >= 2 && trendYears <= 20,
        "trend_years must be between 2 and 20, got " + trendYears);
    require(coverageThreshold != null && coverageThreshold > 0 && coverageThreshold <= 1,
        "coverage_threshold must be in (0, 1], got " + coverageThreshold);
    require(topN != null && topN >= 1, "top_n must be 1 or more, got " + topN);
    require(baselineYear == null || (baselineYear >= 2000 && baselineYear <= 2100),
        "baseline_year must be a year between 2000 and 2100, got " + baselineYear);
    require(shufflePartitions != null && shufflePartitions >= 1,
        "shuffle_partitions must be 1 or more, got " + shufflePartitions);
    require(outputFiles != null && outputFiles >= 0, "output_files must be 0 or more, got " + outputFiles);
    // Which frames exist is the catalog's to say (Pipeline.prepare checks it against frames.csv).
    require(focalFrame != null && !focalFrame.isBlank(), "focal_frame must name a frame such as VN63");
    require(focal != null, "focal must be a list of provinces (may be empty)");
    require(csv != null && report != null, "csv and report must be true or false");
    require(tables != null, "tables must be a list of compare tables (empty for all)");
    // One file-system layer (vn.provincecompare.store.Store): a local path, file: or hdfs://; anything else is
    // refused here, before any connection is tried.
    Store.requireSupported("out", out);
    Store.requireSupported("data_dir", dataDir);
    Store.requireSupported("sources", sources);
    requireDriverPath("indicator_values", indicatorValues, "compare checks the prepared table's files on the "
        + "driver's own file system. Copy it to the driver first and give its local path");
    return this;
  }

  private static void requireDriverPath(String key, String path, String why) {
    require(path == null || !Store.hasScheme(path), key + " must be a path on the driver's file system, "
        + "got the URI " + path + ": " + why + " (see README, Running on a cluster)");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new UsageException(message);
    }
  }
}
