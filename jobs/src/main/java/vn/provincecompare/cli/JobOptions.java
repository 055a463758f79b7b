package vn.provincecompare.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import picocli.CommandLine.Option;
import vn.provincecompare.config.ConfigLoader;
import vn.provincecompare.config.JobConfig;

/** Options shared by every subcommand. Precedence: these flags &gt; {@code --config} file &gt; defaults. */
final class JobOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (keys as the long options, "
      + "in snake_case: data_dir, out, focal, peers, batch, baseline_year, ...). Flags override it.")
  Path config;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data folder with reference/, targets/ and raw/sources.json (default: the bundled data/).")
  String dataDir;

  @Option(names = "--sources", paramLabel = "FILE",
      description = "Sources manifest (default: <data-dir>/raw/sources.json).")
  String sources;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory the tool owns (default: out/ in "
      + "the repository). Must be new, empty, or created by province-compare.")
  String out;

  @Option(names = "--keep-runs", paramLabel = "N", description = "Complete runs to keep (default 3).")
  Integer keepRuns;

  @Option(names = "--focal", split = ",", paramLabel = "PROVINCE",
      description = "Focal provinces, by code or any spelling, comma-separated (default: Lào Cai).")
  List<String> focal;

  @Option(names = "--focal-frame", paramLabel = "FRAME",
      description = "Frame in which focal and peer names are read: VN64, VN63 or VN34 (default VN63).")
  String focalFrame;

  @Option(names = "--peers", split = ",", paramLabel = "PROVINCE",
      description = "Peer provinces each focal province is compared with, comma-separated.")
  List<String> peers;

  @Option(names = "--batch", negatable = true, description = "Scorecards for every province as well as the focal "
      + "ones (default true; --no-batch for focal only).")
  Boolean batch;

  @Option(names = "--baseline-year", paramLabel = "YEAR", description = "Also measure changes from this year.")
  Integer baselineYear;

  @Option(names = "--trend-years", paramLabel = "K",
      description = "Observed years in the trend slope and target projection (OLS; default 3).")
  Integer trendYears;

  @Option(names = "--coverage-threshold", paramLabel = "SHARE", description = "A rank is computed only when at "
      + "least this share of the expected units have a value; otherwise the published rank is used (default 0.9).")
  Double coverageThreshold;

  @Option(names = "--top-n", paramLabel = "N", description = "N of 'first year in the top N' (default 10).")
  Integer topN;

  @Option(names = "--shuffle-partitions", paramLabel = "N",
      description = "spark.sql.shuffle.partitions (default 4: the bundled data is small).")
  Integer shufflePartitions;

  @Option(names = "--output-files", paramLabel = "N",
      description = "Parquet files per table (default 1; 0 lets Spark decide, for large data).")
  Integer outputFiles;

  @Option(names = "--csv", negatable = true, description = "Also write every table as <run>/csv/<table>.csv, UTF-8 "
      + "with BOM, for Excel and Power BI (default false).")
  Boolean csv;

  @Option(names = "--report", negatable = true, description = "Also write a self-contained HTML scorecard report per "
      + "focal province, <run>/report/<unit_code>.html (compare and run; default false).")
  Boolean report;

  @Option(names = "--indicator-values", paramLabel = "PATH", description = "compare: read this indicator_values "
      + "Parquet file or folder (the schema of docs/tables/indicator_values.md, e.g. commune-level data prepared "
      + "elsewhere) instead of the current run's; the run then holds the compare tables only.")
  String indicatorValues;

  @Option(names = "--tables", split = ",", paramLabel = "TABLE", description = "Compare tables to publish, "
      + "comma-separated, with the ones they are computed from: rankings, changes, target_gaps, "
      + "predecessor_history, boundary_changes, scorecard, peers (default: all).")
  List<String> tables;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr (reading, validating, writing table k "
      + "of n with its row count); the result on stdout and any error are still printed.")
  boolean quiet;

  @Option(names = "--break-lock", description = "Remove the lock of --out left by a run that was killed (the "
      + "error that refused the run names its owner and age), then run. Only when that run is surely gone.")
  boolean breakLock;

  JobConfig config() {
    JobConfig base = defaults();
    if (config != null) {
      base = base.overlay(ConfigLoader.read(config));
    }
    JobConfig flags = new JobConfig(dataDir, sources, out, keepRuns, nonBlank(focal), focalFrame, nonBlank(peers),
        batch, baselineYear, trendYears, coverageThreshold, topN, shufflePartitions, outputFiles, csv, report,
        indicatorValues, nonBlank(tables));
    return base.overlay(flags).validated();
  }

  /** {@code --focal ""} means no focal province (a commune folder has no Lào Cai), not a province named "". */
  private static List<String> nonBlank(List<String> values) {
    return values == null ? null : values.stream().filter(v -> !v.isBlank()).toList();
  }

  /** Defaults point into the repository when the launcher says where it is. */
  static JobConfig defaults() {
    JobConfig d = JobConfig.defaults();
    String home = System.getProperty("province.compare.home");
    if (home == null) {
      return d;
    }
    Path root = Paths.get(home);
    return d.overlay(new JobConfig(root.resolve("data").toString(), null, root.resolve("out").toString(), null,
        null, null, null, null, null, null, null, null, null, null));
  }
}
