package vn.provincecompare.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import vn.provincecompare.errors.UsageException;

/**
 * The knobs of the compute stage. Immutable and serialisable (Spark ships it to executors when a transform
 * closes over it; Jackson reads it from the run config under the snake_case names below).
 *
 * @param coverageThreshold share of the expected units that must have a value before a rank computed from
 *     the values is trusted. Default {@value #DEFAULT_COVERAGE_THRESHOLD}: publishers withhold a few units a
 *     year (PAPI 2021 has 60 of 63, PCI 2019 withholds Hồ Chí Minh City), and those rankings are still the
 *     real ranking; a year where we hold only a handful of values (Lào Cai's PAR INDEX score alone) is not,
 *     and then the published rank is used instead.
 * @param trendYears how many observed years, ending at the current one, the trend slope is fitted over.
 *     Default {@value #DEFAULT_TREND_YEARS}: the span provincial reports talk about ("in the last three
 *     years"), and short enough that a method break a few years back does not dominate. At least 2.
 * @param baselineYear the year "since baseline" changes are measured from, or null for none. Default null:
 *     baselines belong to a programme (e.g. 2020 for a 2020-2025 resolution) and have no sensible default.
 * @param topN the N of "first year in the top N". Default {@value #DEFAULT_TOP_N}: "top 10" is the
 *     benchmark the indices' own publications and provincial targets use most.
 */
public record ComputeSettings(
    @JsonProperty("coverage_threshold") double coverageThreshold,
    @JsonProperty("trend_years") int trendYears,
    @JsonProperty("baseline_year") Integer baselineYear,
    @JsonProperty("top_n") int topN) implements Serializable {

  public static final double DEFAULT_COVERAGE_THRESHOLD = 0.9;
  public static final int DEFAULT_TREND_YEARS = 3;
  public static final int DEFAULT_TOP_N = 10;

  // Indices start in 2005 (PCI); anything far outside the data years is a typo in a config file.
  private static final int MIN_YEAR = 1990;
  private static final int MAX_YEAR = 2100;

  /** Validates at the boundary, so a transform never sees a nonsensical setting. */
  public ComputeSettings {
    if (!(coverageThreshold > 0.0 && coverageThreshold <= 1.0)) {
      throw new UsageException("compute setting 'coverage_threshold' is " + coverageThreshold
          + "; it must be a share in (0, 1], e.g. " + DEFAULT_COVERAGE_THRESHOLD);
    }
    if (trendYears < 2) {
      throw new UsageException("compute setting 'trend_years' is " + trendYears
          + "; a slope needs at least 2 years, e.g. " + DEFAULT_TREND_YEARS);
    }
    if (baselineYear != null && (baselineYear < MIN_YEAR || baselineYear > MAX_YEAR)) {
      throw new UsageException("compute setting 'baseline_year' is " + baselineYear
          + "; it must be a year between " + MIN_YEAR + " and " + MAX_YEAR + ", or absent for no baseline");
    }
    if (topN < 1) {
      throw new UsageException("compute setting 'top_n' is " + topN + "; it must be at least 1, e.g. "
          + DEFAULT_TOP_N);
    }
  }

  /**
   * Jackson entry point: a key left out of the config file takes its default (precedence: command line >
   * config file > defaults, so the defaults live here once).
   */
  @JsonCreator
  public static ComputeSettings fromJson(
      @JsonProperty("coverage_threshold") Double coverageThreshold,
      @JsonProperty("trend_years") Integer trendYears,
      @JsonProperty("baseline_year") Integer baselineYear,
      @JsonProperty("top_n") Integer topN) {
    return new ComputeSettings(
        coverageThreshold == null ? DEFAULT_COVERAGE_THRESHOLD : coverageThreshold,
        trendYears == null ? DEFAULT_TREND_YEARS : trendYears,
        baselineYear,
        topN == null ? DEFAULT_TOP_N : topN);
  }

  /** The defaults documented above, no baseline. */
  public static ComputeSettings defaults() {
    return new ComputeSettings(DEFAULT_COVERAGE_THRESHOLD, DEFAULT_TREND_YEARS, null, DEFAULT_TOP_N);
  }

  public ComputeSettings withBaselineYear(Integer year) {
    return new ComputeSettings(coverageThreshold, trendYears, year, topN);
  }

  public ComputeSettings withTopN(int n) {
    return new ComputeSettings(coverageThreshold, trendYears, baselineYear, n);
  }

  public ComputeSettings withTrendYears(int k) {
    return new ComputeSettings(coverageThreshold, k, baselineYear, topN);
  }

  public ComputeSettings withCoverageThreshold(double threshold) {
    return new ComputeSettings(threshold, trendYears, baselineYear, topN);
  }
}
