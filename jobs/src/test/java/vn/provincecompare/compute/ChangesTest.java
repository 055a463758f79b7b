package vn.provincecompare.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.provincecompare.compute.RankingsTest.HIB;
import static vn.provincecompare.compute.RankingsTest.LIB;
import static vn.provincecompare.compute.RankingsTest.assertRows;
import static vn.provincecompare.compute.RankingsTest.namesAndTypes;
import static vn.provincecompare.compute.RankingsTest.row;
import static vn.provincecompare.compute.RankingsTest.table;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * {@link Changes#withYearOverYear} on hand-made {@code rankings} rows; the catalog fixtures (indicators,
 * bands) are those of {@link RankingsTest}. Expected values are worked out beside each row and compared whole.
 *
 * <p>Row layout of the expectations: frame, code, indicator, year, value, rank, n_ranked, band_code |
 * prev_year, is_prev_year_missing, prev_value, prev_rank, prev_n_ranked, delta_value, delta_pct,
 * rank_change | last_obs_year, last_obs_value, last_obs_rank, delta_value_since_last_obs,
 * rank_change_since_last_obs | prev_band_code, band_change, is_method_break, is_n_ranked_changed |
 * baseline_year, delta_value_since_baseline, rank_change_since_baseline, is_method_break_since_baseline |
 * trend_slope, trend_years_used,
 * improvement_streak, first_year_in_top_n.
 */
class ChangesTest extends SparkTestBase {

  static final StructType METHOD_BREAKS = new StructType()
      .add("indicator_code", DataTypes.StringType)
      .add("break_year", DataTypes.IntegerType)
      .add("description", DataTypes.StringType);

  private static Dataset<Row> methodBreaks() {
    return table(METHOD_BREAKS,
        new Object[] {"PAPI", 2018, "6 dimensions (total 6-60) become 8 (total 8-80)"});
  }

  /** A rankings row with the columns Changes reads; the others are irrelevant to it and left null. */
  private static Object[] ranking(String frame, String code, String indicator, int year, Double value,
      Integer rank, Integer n, String band, Integer bandRank, String direction) {
    return new Object[] {frame, code, null, null, indicator, year, value, direction, rank,
        rank == null ? "none" : "computed", n, null, null, null, band, bandRank, null, null, null, null,
        null, null, null, false};
  }

  private static Dataset<Row> changes(ComputeSettings settings, Object[]... rankings) {
    return Changes.withYearOverYear(settings, RankingsTest.indicators(), RankingsTest.bands(), methodBreaks(),
        RankingsTest.units(), table(Rankings.SCHEMA, rankings));
  }

  @Test
  void schemaIsTheDeclaredOne() {
    Dataset<Row> out = changes(ComputeSettings.defaults(),
        ranking("VN63", "10", "PAPI", 2020, 42.75, 28, 63, null, null, HIB));

    assertThat(namesAndTypes(out.schema())).isEqualTo(namesAndTypes(Changes.SCHEMA));
  }

  /**
   * Lào Cai's PAR INDEX (lao_cai_published_facts.csv): 2021 88.44 rank 11/63; 2022 rank 11/63, no score;
   * 2023 missing here; 2024 89.03 rank 26/63.
   *
   * <pre>
   * 2022: prev 2021; rank_change 11 - 11 = 0; delta_value null (no 2022 score)
   * 2024: 2023 missing -> prev null; last observed 2022 (a rank, no value):
   *       rank_change_since_last_obs = 11 - 26 = -15, delta since last obs null
   *       trend over the valued years 2021, 2024: (89.03 - 88.44) / (2024 - 2021) = 0.59 / 3
   *       streak: 89.03 > 88.44, the valued year before (2022 and 2023 have no score) -> 1
   * top 10: ranks 11, 11, 26 -> never
   * </pre>
   */
  @Test
  void missingYearLeavesPrevEmptyAndSinceLastObservationFilled() {
    Dataset<Row> out = changes(ComputeSettings.defaults(),
        ranking("VN63", "10", "PAR_INDEX", 2021, 88.44, 11, 63, "GOOD", 1, HIB),
        ranking("VN63", "10", "PAR_INDEX", 2022, null, 11, 63, null, null, HIB),
        ranking("VN63", "10", "PAR_INDEX", 2024, 89.03, 26, 63, "GOOD", 1, HIB));

    assertRows(out, List.of(
        row("VN63", "10", "PAR_INDEX", 2021, 88.44, 11, 63, "GOOD",
            null, true, null, null, null, null, null, null,
            null, null, null, null, null,
            null, null, false, false,
            null, null, null, null,
            null, 1, 0, null),
        row("VN63", "10", "PAR_INDEX", 2022, null, 11, 63, null,
            2021, false, 88.44, 11, 63, null, null, 0,
            2021, 88.44, 11, null, 0,
            // band_change: GOOD (1) then no band -> null
            "GOOD", null, false, false,
            null, null, null, null,
            null, 1, null, null),
        row("VN63", "10", "PAR_INDEX", 2024, 89.03, 26, 63, "GOOD",
            null, true, null, null, null, null, null, null,
            2022, null, 11, null, -15,
            null, null, false, false,
            null, null, null, null,
            0.59 / 3, 2, 1, null)));
  }

  /**
   * Lào Cai's PAPI, made-up scores on the real method break (2018: 6 -> 8 dimensions), baseline 2019,
   * trend over k = 3 years, top 10. Bands are those of the fixture catalog: OLD_* by value to 2017, the
   * percentile groups from 2018.
   *
   * <pre>
   * year value rank n  band        delta          rank_change  band_change          streak
   * 2016 35.5  20  63 OLD_LOW(2)  -              -            -                    0 (first)
   * 2017 36.0  15  63 OLD_LOW(2)  +0.5           20-15 = 5    2-2 = 0              1
   * 2018 44.25  9  63 HIGHEST(1)  +8.25 BREAK    15-9 = 6     OLD_LOW not in 2018  0 (new method: 1 point)
   * 2019 45.0  13  63 HIGHEST(1)  +0.75          9-13 = -4    1-1 = 0              1
   * 2020 42.75 28  63 HIGH_AVG(2) -2.25          13-28 = -15  1-2 = -1             0
   * 2021 43.5  20  60 HIGH_AVG(2) +0.75 n 63->60 28-20 = 8    0                    1 (42.75 < 45.0 stops)
   * 2022 44.0  18  63 HIGH_AVG(2) +0.5  n 60->63 20-18 = 2    0                    2
   * 2023 44.75 12  63 HIGHEST(1)  +0.75          18-12 = 6    2-1 = 1              3
   * trend (k = 3, only years >= 2018 from 2018 on; centred OLS, sxx = 2 for three consecutive years):
   *   2016: 1 point -> null;  2017: (36.0 - 35.5) / 1 = 0.5;  2018: 1 point (2017 is another method) -> null
   *   2019: (45.0 - 44.25) / 1 = 0.75
   *   2020: ybar = 132 / 3 = 44; sxy = -1 x 0.25 + 0 + 1 x -1.25 = -1.5 -> -0.75
   *   2021: ybar = 131.25 / 3 = 43.75; sxy = -1 x 1.25 + 1 x -0.25 = -1.5 -> -0.75
   *   2022: sxy = (44.0 - 42.75) = 1.25 -> 0.625;  2023: (44.75 - 43.5) / 2 = 0.625
   * baseline 2019 (45.0, 13): 2019 0, 0; 2020 -2.25, -15; 2021 -1.5, -7; 2022 -1.0, -5; 2023 -0.25, 1;
   *   earlier years null
   * top 10: first 2018 (rank 9)
   * </pre>
   */
  @Test
  void methodBreakTrendStreakBaselineAndTopN() {
    ComputeSettings settings = ComputeSettings.defaults().withBaselineYear(2019);
    Dataset<Row> out = changes(settings,
        ranking("VN63", "10", "PAPI", 2016, 35.5, 20, 63, "OLD_LOW", 2, HIB),
        ranking("VN63", "10", "PAPI", 2017, 36.0, 15, 63, "OLD_LOW", 2, HIB),
        ranking("VN63", "10", "PAPI", 2018, 44.25, 9, 63, "HIGHEST", 1, HIB),
        ranking("VN63", "10", "PAPI", 2019, 45.0, 13, 63, "HIGHEST", 1, HIB),
        ranking("VN63", "10", "PAPI", 2020, 42.75, 28, 63, "HIGH_AVG", 2, HIB),
        ranking("VN63", "10", "PAPI", 2021, 43.5, 20, 60, "HIGH_AVG", 2, HIB),
        ranking("VN63", "10", "PAPI", 2022, 44.0, 18, 63, "HIGH_AVG", 2, HIB),
        ranking("VN63", "10", "PAPI", 2023, 44.75, 12, 63, "HIGHEST", 1, HIB));

    assertRows(out, List.of(
        row("VN63", "10", "PAPI", 2016, 35.5, 20, 63, "OLD_LOW",
            null, true, null, null, null, null, null, null,
            null, null, null, null, null,
            null, null, false, false,
            2019, null, null, null,
            null, 1, 0, null),
        row("VN63", "10", "PAPI", 2017, 36.0, 15, 63, "OLD_LOW",
            2016, false, 35.5, 20, 63, 0.5, null, 5,
            2016, 35.5, 20, 0.5, 5,
            "OLD_LOW", 0, false, false,
            2019, null, null, null,
            0.5, 2, 1, null),
        row("VN63", "10", "PAPI", 2018, 44.25, 9, 63, "HIGHEST",
            2017, false, 36.0, 15, 63, 8.25, null, 6,
            2017, 36.0, 15, 8.25, 6,
            "OLD_LOW", null, true, false,
            2019, null, null, null,
            null, 1, 0, 2018),
        row("VN63", "10", "PAPI", 2019, 45.0, 13, 63, "HIGHEST",
            2018, false, 44.25, 9, 63, 0.75, null, -4,
            2018, 44.25, 9, 0.75, -4,
            "HIGHEST", 0, false, false,
            2019, 0.0, 0, false,
            0.75, 2, 1, 2018),
        row("VN63", "10", "PAPI", 2020, 42.75, 28, 63, "HIGH_AVG",
            2019, false, 45.0, 13, 63, -2.25, null, -15,
            2019, 45.0, 13, -2.25, -15,
            "HIGHEST", -1, false, false,
            2019, -2.25, -15, false,
            -0.75, 3, 0, 2018),
        row("VN63", "10", "PAPI", 2021, 43.5, 20, 60, "HIGH_AVG",
            2020, false, 42.75, 28, 63, 0.75, null, 8,
            2020, 42.75, 28, 0.75, 8,
            "HIGH_AVG", 0, false, true,
            2019, -1.5, -7, false,
            -0.75, 3, 1, 2018),
        row("VN63", "10", "PAPI", 2022, 44.0, 18, 63, "HIGH_AVG",
            2021, false, 43.5, 20, 60, 0.5, null, 2,
            2021, 43.5, 20, 0.5, 2,
            "HIGH_AVG", 0, false, true,
            2019, -1.0, -5, false,
            0.625, 3, 2, 2018),
        row("VN63", "10", "PAPI", 2023, 44.75, 12, 63, "HIGHEST",
            2022, false, 44.0, 18, 63, 0.75, null, 6,
            2022, 44.0, 18, 0.75, 6,
            "HIGH_AVG", 1, false, false,
            2019, -0.25, 1, false,
            0.625, 3, 3, 2018)));
  }

  /**
   * The README's own {@code --baseline-year} before a method break: Lào Cai's PAPI, made-up scores, baseline
   * 2017, the catalog break in 2018 (6 -> 8 dimensions).
   *
   * <pre>
   * 2016: before the baseline -> since-baseline columns null, the flag too
   * 2017: the baseline itself: 0 points, 0 places, no break in (2017, 2017] -> false
   * 2018: 44.25 - 36.0 = 8.25, 15 - 9 = 6; 2018 in (2017, 2018] -> true (a 6-60 total against an 8-80 one)
   * 2019: 45.0 - 36.0 = 9.0, 15 - 13 = 2; 2018 in (2017, 2019] -> true
   * </pre>
   */
  @Test
  void sinceBaselineChangesAcrossAMethodBreakAreFlagged() {
    Dataset<Row> out = changes(ComputeSettings.defaults().withBaselineYear(2017),
        ranking("VN63", "10", "PAPI", 2016, 35.5, 20, 63, null, null, HIB),
        ranking("VN63", "10", "PAPI", 2017, 36.0, 15, 63, null, null, HIB),
        ranking("VN63", "10", "PAPI", 2018, 44.25, 9, 63, null, null, HIB),
        ranking("VN63", "10", "PAPI", 2019, 45.0, 13, 63, null, null, HIB));

    List<Row> since = out.orderBy("year").select("year", "baseline_year", "delta_value_since_baseline",
        "rank_change_since_baseline", "is_method_break_since_baseline").collectAsList();
    assertThat(since).containsExactly(
        org.apache.spark.sql.RowFactory.create(2016, 2017, null, null, null),
        org.apache.spark.sql.RowFactory.create(2017, 2017, 0.0, 0, false),
        org.apache.spark.sql.RowFactory.create(2018, 2017, 8.25, 6, true),
        org.apache.spark.sql.RowFactory.create(2019, 2017, 9.0, 2, true));
  }

  /**
   * A level (dossiers filed online, a count) gets a percent change; a share does not. Lower-is-better
   * streaks count falls.
   *
   * <pre>
   * OP_ONLINE_DOSSIERS (level, higher better, no ranks): 2021 0, 2022 1200, 2023 1500
   *   2022: delta 1200, delta_pct null (from 0 there is no percent); trend 1200 / 1; streak 1
   *   2023: delta 300, delta_pct 100 x 300 / 1200 = 25.0;
   *         trend: xbar 2022, ybar 900, sxy = -1 x -900 + 1 x 600 = 1500, sxx 2 -> 750; streak 2
   * OP_DOSSIERS_LATE (share, lower better): 2022 3.0 rank 5/6, 2023 2.0 rank 3/6
   *   2023: delta -1.0, delta_pct null (a share); rank_change 5 - 3 = 2; trend -1.0;
   *         streak 1 (2.0 < 3.0 is better); top 10 since 2022
   * </pre>
   */
  @Test
  void percentChangeOnlyForLevelsAndDirectionAwareStreak() {
    Dataset<Row> out = changes(ComputeSettings.defaults(),
        ranking("VN63", "10", "OP_ONLINE_DOSSIERS", 2021, 0.0, null, null, null, null, HIB),
        ranking("VN63", "10", "OP_ONLINE_DOSSIERS", 2022, 1200.0, null, null, null, null, HIB),
        ranking("VN63", "10", "OP_ONLINE_DOSSIERS", 2023, 1500.0, null, null, null, null, HIB),
        ranking("VN63", "10", "OP_DOSSIERS_LATE", 2022, 3.0, 5, 6, "FAIR", 2, LIB),
        ranking("VN63", "10", "OP_DOSSIERS_LATE", 2023, 2.0, 3, 6, "FAIR", 2, LIB));

    assertRows(out, List.of(
        row("VN63", "10", "OP_DOSSIERS_LATE", 2022, 3.0, 5, 6, "FAIR",
            null, true, null, null, null, null, null, null,
            null, null, null, null, null,
            null, null, false, false,
            null, null, null, null,
            null, 1, 0, 2022),
        row("VN63", "10", "OP_DOSSIERS_LATE", 2023, 2.0, 3, 6, "FAIR",
            2022, false, 3.0, 5, 6, -1.0, null, 2,
            2022, 3.0, 5, -1.0, 2,
            "FAIR", 0, false, false,
            null, null, null, null,
            -1.0, 2, 1, 2022),
        row("VN63", "10", "OP_ONLINE_DOSSIERS", 2021, 0.0, null, null, null,
            null, true, null, null, null, null, null, null,
            null, null, null, null, null,
            null, null, false, false,
            null, null, null, null,
            null, 1, 0, null),
        row("VN63", "10", "OP_ONLINE_DOSSIERS", 2022, 1200.0, null, null, null,
            2021, false, 0.0, null, null, 1200.0, null, null,
            2021, 0.0, null, 1200.0, null,
            null, null, false, false,
            null, null, null, null,
            1200.0, 2, 1, null),
        row("VN63", "10", "OP_ONLINE_DOSSIERS", 2023, 1500.0, null, null, null,
            2022, false, 1200.0, null, null, 300.0, 25.0, null,
            2022, 1200.0, null, 300.0, null,
            null, null, false, false,
            null, null, null, null,
            750.0, 3, 2, null)));
  }

  /**
   * Code 15 is Yên Bái in VN63 and Lào Cai in VN34: the VN34 2024 row has no 2023 in its own frame, so no
   * previous year, however the codes line up. A row with neither value nor rank is not an observation: the
   * year after it has no previous year, and its since-last-obs columns reach back to the last real one.
   */
  @Test
  void seriesNeverCrossFramesAndEmptyRowsAreNotObservations() {
    Dataset<Row> out = changes(ComputeSettings.defaults(),
        ranking("VN63", "15", "DTI", 2023, 0.6, 20, 63, null, null, HIB),
        ranking("VN34", "15", "DTI", 2024, 0.71875, 14, 34, null, null, HIB),
        ranking("VN63", "22", "PAPI", 2021, 40.5, 30, 60, "HIGH_AVG", 2, HIB),
        ranking("VN63", "22", "PAPI", 2022, null, null, null, null, null, HIB),
        ranking("VN63", "22", "PAPI", 2023, 41.0, 25, 62, "HIGH_AVG", 2, HIB));

    assertRows(out, List.of(
        row("VN34", "15", "DTI", 2024, 0.71875, 14, 34, null,
            null, true, null, null, null, null, null, null,
            null, null, null, null, null,
            null, null, false, false,
            null, null, null, null,
            null, 1, 0, null),
        row("VN63", "15", "DTI", 2023, 0.6, 20, 63, null,
            null, true, null, null, null, null, null, null,
            null, null, null, null, null,
            null, null, false, false,
            null, null, null, null,
            null, 1, 0, null),
        row("VN63", "22", "PAPI", 2021, 40.5, 30, 60, "HIGH_AVG",
            null, true, null, null, null, null, null, null,
            null, null, null, null, null,
            null, null, false, false,
            null, null, null, null,
            null, 1, 0, null),
        // 2022 withheld: its previous year 2021 is observed; no value, so no streak; trend of 2021 alone.
        row("VN63", "22", "PAPI", 2022, null, null, null, null,
            2021, false, 40.5, 30, 60, null, null, null,
            2021, 40.5, 30, null, null,
            "HIGH_AVG", null, false, false,
            null, null, null, null,
            null, 1, null, null),
        // 2023: 2022 is a row but not an observation -> prev missing; since 2021: 41.0 - 40.5 = 0.5,
        // 30 - 25 = 5, n 60 -> 62 changed; trend (41.0 - 40.5) / 2 = 0.25; streak 1.
        row("VN63", "22", "PAPI", 2023, 41.0, 25, 62, "HIGH_AVG",
            null, true, null, null, null, null, null, null,
            2021, 40.5, 30, 0.5, 5,
            null, null, false, true,
            null, null, null, null,
            0.25, 2, 1, null)));
  }

  /**
   * z = delta / sqrt(se^2 + prev_se^2), by hand:
   * <ul>
   *   <li>fall: 42.0 from 44.0, se 0.6 and 0.8: variance 0.36 + 0.64 = 1, z = -2.0, |z| > 1.96: significant;
   *   <li>rise: 44.5 from 44.0, se 0.3 and 0.4: variance 0.09 + 0.16 = 0.25, z = 0.5 / 0.5 = 1.0: not significant;
   *   <li>just short: 45.9 from 44.0, se 0.6 and 0.8: z = 1.9 (&lt; 1.96): not significant;
   *   <li>no standard error in the earlier year: no test (both null), not "not significant".
   * </ul>
   */
  @Test
  void scoreChangeIsSignificantOnlyBeyondBothYearsStandardErrors() {
    StructType schema = new StructType()
        .add("unit_code", DataTypes.StringType)
        .add("value", DataTypes.DoubleType).add("prev_value", DataTypes.DoubleType)
        .add("std_error", DataTypes.DoubleType).add("prev_std_error", DataTypes.DoubleType);
    Dataset<Row> changes = spark.createDataFrame(List.of(
        RowFactory.create("fall", 42.0, 44.0, 0.6, 0.8),
        RowFactory.create("rise", 44.5, 44.0, 0.3, 0.4),
        RowFactory.create("short", 45.9, 44.0, 0.6, 0.8),
        RowFactory.create("untested", 45.9, 44.0, 0.6, null)), schema);

    List<Row> got = ChangeSignificance.withSignificance(changes).orderBy("unit_code").collectAsList();

    assertThat(got).extracting(r -> r.getAs("unit_code") + " " + r.getAs("is_change_significant"))
        .containsExactly("fall true", "rise false", "short false", "untested null");
    assertThat((Double) got.get(0).getAs("z_change")).isCloseTo(-2.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat((Double) got.get(1).getAs("z_change")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat((Double) got.get(2).getAs("z_change")).isCloseTo(1.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat((Object) got.get(3).getAs("z_change")).isNull();
  }
}
