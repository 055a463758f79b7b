package vn.provincecompare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB peer on a hand-made fixture: one frame T1 of 4 units (01, 02 in region R1; 03, 04 in R2), two
 * indicators over 2020-2023, and one target of each kind. Expected values are worked out by hand below, from the
 * fixture, not copied from the output.
 *
 * <pre>
 * HI (higher is better, index_score; value bands GOOD [70, inf) rank 1, FAIR [50, 70) rank 2, LOW (-inf, 50) 3)
 *        2020  2021  2022                 2023
 *   01    60    65    72 (published 1/4)   80
 *   02    55    65    70 (published 2/4)   68   (source B publishes rank 2 for 2023, not preferred)
 *   03    40    45    --  (missing)        50   (source B publishes rank 4 for 2023, not preferred)
 *   04    70    60    66 (published 4/4)   75
 *   2021: 01 and 02 tie at 65.  2022: 3 of 4 units have a value, 3 &lt; 0.9 x 4 = 3.6, so the published ranks stand.
 *
 * LO (lower is better, level; method break in 2022)
 *        2020  2021  2022  2023
 *   01    10    12     9     8
 *   02    20    18    15    15
 *   03    30    30    25    20
 *   04    40    35    50    45
 * </pre>
 *
 * Settings: coverage 0.9, trend 3 years, baseline 2020, top_n 1.
 */
class DuckDbCompareTest {

  @TempDir
  static Path dir;

  static Map<String, Long> counts;
  static Path out;

  @BeforeAll
  static void runOnFixture() throws Exception {
    Path data = dir.resolve("data");
    write(data.resolve("reference/frames.csv"),
        "frame_code,name,valid_from,valid_to,first_data_year,last_data_year,n_units",
        "T1,test frame,2019-01-01,,2020,2023,4");
    write(data.resolve("reference/units.csv"),
        "unit_frame,unit_code,name_vi,name_ascii,name_en,unit_type,region_code",
        "T1,01,Một,Mot,One,province,R1",
        "T1,02,Hai,Hai,Two,province,R1",
        "T1,03,Ba,Ba,Three,province,R2",
        "T1,04,Bốn,Bon,Four,province,R2");
    write(data.resolve("reference/indicators.csv"),
        "indicator_code,family,value_type,direction,note",
        "HI,TEST,index_score,higher_is_better,",
        "LO,TEST,level,lower_is_better,",
        "TB,TEST,index_score,higher_is_better,");
    write(data.resolve("reference/bands.csv"),
        "indicator_code,band_code,band_rank,name_vi,name_en,basis,lower,upper,first_year,last_year,source",
        "HI,HI_GOOD,1,Tốt,Good,value,70,,2020,,test",
        "HI,HI_FAIR,2,Khá,Fair,value,50,70,2020,,test",
        "HI,HI_LOW,3,Thấp,Low,value,,50,2020,,test");
    write(data.resolve("reference/method_breaks.csv"),
        "indicator_code,break_year,description,source",
        "LO,2022,new method,test");
    write(data.resolve("reference/lineage.csv"),
        "from_frame,from_code,to_frame,to_code,relation,effective_date,source");
    write(data.resolve("targets/targets.csv"),
        "target_id,unit_frame,unit_code,indicator_code,target_year,kind,threshold,band_code,base_year,source,note",
        "T-VAL,T1,03,HI,2024,value_at_least,55,,,test,",
        "T-RANK,T1,02,HI,2024,rank_at_most,2,,,test,top 2",
        "T-BAND,T1,03,HI,2024,band_at_least,,HI_FAIR,,test,",
        "T-CHG,T1,04,LO,2024,change_at_least,5,,2021,test,",
        "T-MOST,T1,01,LO,2024,value_at_most,10,,,test,");

    List<String> rows = new ArrayList<>();
    double[][] hi = {{60, 65, 72, 80}, {55, 65, 70, 68}, {40, 45, Double.NaN, 50}, {70, 60, 66, 75}};
    double[][] lo = {{10, 12, 9, 8}, {20, 18, 15, 15}, {30, 30, 25, 20}, {40, 35, 50, 45}};
    Integer[] published2022 = {1, 2, null, 4};
    int line = 2;
    for (int u = 0; u < 4; u++) {
      for (int y = 0; y < 4; y++) {
        String code = "0" + (u + 1);
        if (!Double.isNaN(hi[u][y])) {
          boolean published = y == 2;
          rows.add(valueRow(code, "HI", 2020 + y, hi[u][y], published ? published2022[u] : null,
              published ? 4 : null, line++));
        }
        rows.add(valueRow(code, "LO", 2020 + y, lo[u][y], null, null, line++));
      }
    }
    rows.add("('T1', '02', 'HI', 2023, NULL, 2, 4, 'B', 'b.csv', 2, 'rank_only', false)");
    rows.add("('T1', '03', 'HI', 2023, NULL, 4, 4, 'B', 'b.csv', 3, 'rank_only', false)");
    // TB: a publisher printing rounded scores with its own ranks beside them (source A). 2023: 02 and 03 both
    // printed 50, ranked 3 and 2 by it; 2022: the same tie, ranked 1 and 3 (1 is outside the places 2..3).
    int[][] tbRanks = {{1, 1, 3, 4}, {1, 3, 2, 4}};
    double[] tbValues = {70, 50, 50, 40};
    for (int y = 0; y < 2; y++) {
      for (int u = 0; u < 4; u++) {
        rows.add(valueRow("0" + (u + 1), "TB", 2022 + y, tbValues[u], tbRanks[y][u], 4, line++));
      }
    }
    // TB 2024: three values, and 04 known only by a published 2 of 3: the ranking is covered (3 >= 0.9 x 3).
    for (int u = 0; u < 3; u++) {
      rows.add(valueRow("0" + (u + 1), "TB", 2024, tbValues[u] - u, null, null, line++));
    }
    rows.add("('T1', '04', 'TB', 2024, NULL, 2, 3, 'A', 'a.csv', " + line++ + ", 'rank_only', true)");
    // A lower-priority source whose id sorts before B's, with another rank: validate marked it rank_conflict.
    rows.add("('T1', '02', 'HI', 2023, NULL, 3, 4, 'AA', 'aa.csv', 7, 'rank_conflict', false)");
    Path values = data.resolve("indicator_values");
    Files.createDirectories(values);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT CAST(f AS VARCHAR) AS unit_frame, CAST(u AS VARCHAR) AS unit_code, "
          + "CAST(i AS VARCHAR) AS indicator_code, CAST(y AS INTEGER) AS year, CAST(v AS DOUBLE) AS value, "
          + "CAST(pr AS INTEGER) AS published_rank, CAST(pn AS INTEGER) AS published_n, "
          + "CAST(src AS VARCHAR) AS source_id, CAST(sf AS VARCHAR) AS source_file, "
          + "CAST(sl AS INTEGER) AS source_line, CAST(st AS VARCHAR) AS value_status, "
          + "CAST(p AS BOOLEAN) AS is_preferred FROM (VALUES " + String.join(", ", rows)
          + ") t(f, u, i, y, v, pr, pn, src, sf, sl, st, p)) TO '" + values.resolve("part-0.parquet")
          + "' (FORMAT parquet)");
    }
    out = dir.resolve("out");
    counts = DuckDbCompare.run(new DuckDbCompare.Options(data, values, out, 1, null,
        new DuckDbCompare.Settings(0.9, 3, 2020, 1)));
  }

  private static String valueRow(String unit, String indicator, int year, double value, Integer rank, Integer n,
      int line) {
    return "('T1', '" + unit + "', '" + indicator + "', " + year + ", " + value + ", " + rank + ", " + n
        + ", 'A', 'a.csv', " + line + ", 'reported', true)";
  }

  @Test
  void oneRowPerObservationAndTarget() {
    // HI: 4 + 4 + 3 (03 missing in 2022) + 4 = 15; LO: 16; TB: 8 + 4; targets: 5.
    assertThat(counts).containsExactly(Map.entry("rankings", 43L), Map.entry("changes", 43L),
        Map.entry("target_gaps", 5L));
  }

  @Test
  void rankingsUseCompetitionRanksRegionsBandsAndNationalStatistics() throws SQLException {
    // HI 2021: 65 (01), 65 (02), 45 (03), 60 (04): 01 and 02 share rank 1, 04 is 3, 03 is 4 (1, 1, 3, 4).
    Map<String, Object> r02 = row("rankings", "indicator_code = 'HI' AND year = 2021 AND unit_code = '02'");
    assertThat(r02.get("rank")).isEqualTo(1);
    assertThat(r02.get("rank_source")).isEqualTo("computed");
    assertThat(r02.get("n_ranked")).isEqualTo(4);
    assertThat((double) r02.get("percentile")).isEqualTo(100.0);            // 100 x (4 - 1) / 3
    assertThat(r02.get("region_rank")).isEqualTo(1);                         // R1: 01 and 02 tie at 65
    assertThat(r02.get("region_n")).isEqualTo(2);
    assertThat(r02.get("band_code")).isEqualTo("HI_FAIR");                   // 50 <= 65 < 70
    assertThat(r02.get("band_rank")).isEqualTo(2);
    assertThat((double) r02.get("national_mean")).isEqualTo(58.75);         // (65 + 65 + 45 + 60) / 4 = 235 / 4
    assertThat((double) r02.get("national_median")).isEqualTo(62.5);        // 45, 60 | 65, 65: (60 + 65) / 2
    assertThat((double) r02.get("leader_value")).isEqualTo(65.0);
    assertThat((double) r02.get("gap_to_leader")).isEqualTo(0.0);
    assertThat((double) r02.get("gap_to_median")).isEqualTo(2.5);           // 65 - 62.5

    Map<String, Object> r04 = row("rankings", "indicator_code = 'HI' AND year = 2021 AND unit_code = '04'");
    assertThat(r04.get("rank")).isEqualTo(3);                                // 1, 1, 3, 4
    assertThat((double) r04.get("percentile")).isCloseTo(100.0 / 3, within(1e-12)); // 100 x (4 - 3) / 3
    assertThat(r04.get("region_rank")).isEqualTo(1);                         // R2: 60 (04) before 45 (03)
    assertThat((double) r04.get("gap_to_leader")).isEqualTo(5.0);           // 65 - 60
    assertThat((double) r04.get("gap_to_median")).isEqualTo(-2.5);          // 60 - 62.5
  }

  @Test
  void rankingsFallBackToPublishedRanksBelowCoverage() throws SQLException {
    // HI 2022: 3 values of 4 expected (published_n 4): 3 < 3.6, so the publisher's ranks, no national numbers.
    Map<String, Object> r02 = row("rankings", "indicator_code = 'HI' AND year = 2022 AND unit_code = '02'");
    assertThat(r02.get("rank")).isEqualTo(2);
    assertThat(r02.get("rank_source")).isEqualTo("published");
    assertThat(r02.get("n_ranked")).isEqualTo(4);
    assertThat((double) r02.get("percentile")).isCloseTo(200.0 / 3, within(1e-12)); // 100 x (4 - 2) / 3
    assertThat(r02.get("region_rank")).isNull();
    assertThat(r02.get("national_mean")).isNull();
    assertThat(r02.get("national_median")).isNull();
    assertThat(r02.get("leader_value")).isNull();
    assertThat(r02.get("gap_to_leader")).isNull();
    assertThat(r02.get("band_code")).isEqualTo("HI_GOOD");                   // 70 is in [70, inf)
    assertThat(r02.get("is_rank_mismatch")).isEqualTo(false);
  }

  @Test
  void rankingsTakeTheBestSourceRankAndFlagMismatches() throws SQLException {
    // HI 2023: 80 (01), 75 (04), 68 (02), 50 (03). Source B published 2 for 02 and 4 for 03; AA's 3 for 02 is a
    // rank_conflict (it lost on priority), never used although 'AA' sorts before 'B'.
    Map<String, Object> r02 = row("rankings", "indicator_code = 'HI' AND year = 2023 AND unit_code = '02'");
    assertThat(r02.get("rank")).isEqualTo(3);
    assertThat(r02.get("published_rank")).isEqualTo(2);
    assertThat(r02.get("is_rank_mismatch")).isEqualTo(true);
    Map<String, Object> r03 = row("rankings", "indicator_code = 'HI' AND year = 2023 AND unit_code = '03'");
    assertThat(r03.get("rank")).isEqualTo(4);
    assertThat(r03.get("published_rank")).isEqualTo(4);
    assertThat(r03.get("is_rank_mismatch")).isEqualTo(false);
  }

  @Test
  void tiesMadeByRoundingAreBrokenByThePublisher() throws SQLException {
    // TB 2023: 70, 50, 50, 40 -> ours 1, 2, 2, 4; the tie spans places 2..3 and the publisher's own 3 and 2 lie
    // inside it: its order.
    Map<String, Object> t02 = row("rankings", "indicator_code = 'TB' AND year = 2023 AND unit_code = '02'");
    assertThat(t02.get("rank")).isEqualTo(3);
    assertThat(t02.get("rank_source")).isEqualTo("computed_publisher_tiebreak");
    assertThat(t02.get("is_rank_mismatch")).isEqualTo(false);
    assertThat((double) t02.get("percentile")).isCloseTo(100.0 / 3, within(1e-12)); // 100 x (4 - 3) / 3
    Map<String, Object> t03 = row("rankings", "indicator_code = 'TB' AND year = 2023 AND unit_code = '03'");
    assertThat(t03.get("rank")).isEqualTo(2);
    assertThat(t03.get("rank_source")).isEqualTo("computed_publisher_tiebreak");
    // TB 2022: the publisher's 1 for 02 is outside 2..3: a real disagreement, the tie stays and is flagged.
    Map<String, Object> d02 = row("rankings", "indicator_code = 'TB' AND year = 2022 AND unit_code = '02'");
    assertThat(d02.get("rank")).isEqualTo(2);
    assertThat(d02.get("rank_source")).isEqualTo("computed");
    assertThat(d02.get("is_rank_mismatch")).isEqualTo(true);                 // 2 vs 1
    Map<String, Object> d03 = row("rankings", "indicator_code = 'TB' AND year = 2022 AND unit_code = '03'");
    assertThat(d03.get("rank")).isEqualTo(2);
    assertThat(d03.get("is_rank_mismatch")).isEqualTo(true);                 // 2 vs 3
  }

  @Test
  void aCoveredRankingNeverMixesInAPublishedRank() throws SQLException {
    // TB 2024: 70, 59, 48 computed 1, 2, 3 of 3; 04's published 2/3 would repeat 02's 2: no rank for 04.
    Map<String, Object> r02 = row("rankings", "indicator_code = 'TB' AND year = 2024 AND unit_code = '02'");
    assertThat(r02.get("rank")).isEqualTo(2);
    Map<String, Object> r04 = row("rankings", "indicator_code = 'TB' AND year = 2024 AND unit_code = '04'");
    assertThat(r04.get("rank")).isNull();
    assertThat(r04.get("rank_source")).isEqualTo("none");
    assertThat(r04.get("n_ranked")).isEqualTo(3);                            // the ranking it is absent from
    assertThat(r04.get("published_rank")).isEqualTo(2);                      // still visible
  }

  @Test
  void lowerIsBetterRanksTheSmallestFirstAndTurnsTheGaps() throws SQLException {
    // LO 2023: 8 (01), 15 (02), 20 (03), 45 (04).
    Map<String, Object> r02 = row("rankings", "indicator_code = 'LO' AND year = 2023 AND unit_code = '02'");
    assertThat(r02.get("rank")).isEqualTo(2);
    assertThat((double) r02.get("national_mean")).isEqualTo(22.0);          // (8 + 15 + 20 + 45) / 4 = 88 / 4
    assertThat((double) r02.get("national_median")).isEqualTo(17.5);        // (15 + 20) / 2
    assertThat((double) r02.get("leader_value")).isEqualTo(8.0);            // the minimum
    assertThat((double) r02.get("gap_to_leader")).isEqualTo(7.0);           // (15 - 8) behind
    assertThat((double) r02.get("gap_to_median")).isEqualTo(2.5);           // (17.5 - 15): better than the median
  }

  @Test
  void changesAcrossAMissingYear() throws SQLException {
    // HI 03: 40 (2020), 45 (2021), missing 2022, 50 (2023); ranks 4, 4, -, 4.
    Map<String, Object> c = row("changes", "indicator_code = 'HI' AND year = 2023 AND unit_code = '03'");
    assertThat(c.get("is_prev_year_missing")).isEqualTo(true);
    assertThat(c.get("prev_year")).isNull();
    assertThat(c.get("delta_value")).isNull();
    assertThat(c.get("last_obs_year")).isEqualTo(2021);
    assertThat((double) c.get("delta_value_since_last_obs")).isEqualTo(5.0);   // 50 - 45
    assertThat(c.get("rank_change_since_last_obs")).isEqualTo(0);              // 4 - 4
    // Trend over 2020, 2021, 2023 (x from 2020: 0, 1, 3; mean 4/3; values 40, 45, 50, mean 45):
    // Sxy = (-4/3)(-5) + (-1/3)(0) + (5/3)(5) = 15; Sxx = 16/9 + 1/9 + 25/9 = 14/3; slope = 45/14.
    assertThat((double) c.get("trend_slope")).isCloseTo(45.0 / 14, within(1e-12));
    assertThat(c.get("trend_years_used")).isEqualTo(3);
    // 45 > 40, 50 > 45: two improvements; the missing year does not end the streak.
    assertThat(c.get("improvement_streak")).isEqualTo(2);
    assertThat((double) c.get("delta_value_since_baseline")).isEqualTo(10.0);  // 50 - 40 (2020)
    assertThat(c.get("rank_change_since_baseline")).isEqualTo(0);              // 4 - 4
    assertThat(c.get("first_year_in_top_n")).isNull();                         // never rank 1
  }

  @Test
  void changesOfRanksBandsAndTopN() throws SQLException {
    // HI 02: 2021 65 rank 1 (tie) FAIR; 2022 70 published rank 2, GOOD.
    Map<String, Object> c = row("changes", "indicator_code = 'HI' AND year = 2022 AND unit_code = '02'");
    assertThat(c.get("prev_year")).isEqualTo(2021);
    assertThat((double) c.get("delta_value")).isEqualTo(5.0);                  // 70 - 65
    assertThat(c.get("delta_pct")).isNull();                                   // index_score: points only
    assertThat(c.get("rank_change")).isEqualTo(-1);                            // 1 - 2
    assertThat(c.get("prev_band_code")).isEqualTo("HI_FAIR");
    assertThat(c.get("band_change")).isEqualTo(1);                             // FAIR (2) - GOOD (1)
    assertThat(c.get("first_year_in_top_n")).isEqualTo(2021);                  // rank 1 first in 2021 (tie)
    assertThat(c.get("is_method_break")).isEqualTo(false);
  }

  @Test
  void changesAtAMethodBreak() throws SQLException {
    // LO 04: 35 (2021, rank 4) -> 50 (2022, rank 4), break 2022; level indicator, so a percent change.
    Map<String, Object> c = row("changes", "indicator_code = 'LO' AND year = 2022 AND unit_code = '04'");
    assertThat(c.get("is_method_break")).isEqualTo(true);                      // 2021 < 2022 <= 2022
    assertThat(c.get("is_method_break_since_baseline")).isEqualTo(true);       // 2020 < 2022 <= 2022
    assertThat((double) c.get("delta_value")).isEqualTo(15.0);                 // 50 - 35
    assertThat((double) c.get("delta_pct")).isCloseTo(1500.0 / 35, within(1e-12)); // 100 x 15 / 35
    assertThat(c.get("trend_years_used")).isEqualTo(1);                        // only 2022 is of the new method
    assertThat(c.get("trend_slope")).isNull();
    assertThat(c.get("improvement_streak")).isEqualTo(0);                      // 2021 is of the old method
    // 2023: 45 < 50 is better when lower is better; the line over 2022, 2023 falls 5 a year.
    Map<String, Object> next = row("changes", "indicator_code = 'LO' AND year = 2023 AND unit_code = '04'");
    assertThat(next.get("is_method_break")).isEqualTo(false);
    assertThat(next.get("improvement_streak")).isEqualTo(1);
    assertThat((double) next.get("trend_slope")).isEqualTo(-5.0);
    // LO 01 2021: 10 -> 12 is worse (lower is better): the streak is 0; +20%.
    Map<String, Object> worse = row("changes", "indicator_code = 'LO' AND year = 2021 AND unit_code = '01'");
    assertThat(worse.get("improvement_streak")).isEqualTo(0);
    assertThat(worse.get("is_method_break_since_baseline")).isEqualTo(false);  // no break in (2020, 2021]
    Map<String, Object> before = row("changes", "indicator_code = 'LO' AND year = 2020 AND unit_code = '01'");
    assertThat(before.get("is_method_break_since_baseline")).isEqualTo(false); // the baseline year itself
    assertThat((double) worse.get("delta_pct")).isEqualTo(20.0);               // 100 x 2 / 10
  }

  @Test
  void valueTargetGapPercentAndProjection() throws SQLException {
    Map<String, Object> t = row("target_gaps", "target_id = 'T-VAL'");
    assertThat(t.get("unit_name_vi")).isEqualTo("Ba");
    assertThat(t.get("latest_year")).isEqualTo(2023);
    assertThat((double) t.get("gap")).isEqualTo(-5.0);                          // 50 - 55
    assertThat(t.get("gap_unit")).isEqualTo("points");
    assertThat((double) t.get("pct_of_target")).isCloseTo(5000.0 / 55, within(1e-9)); // 50 / 55 x 100 = 90.91
    assertThat(t.get("is_met")).isEqualTo(false);
    // Line over 2020, 2021, 2023 (x = year - 2024: -4, -3, -1; y 40, 45, 50): n 3, Sx -8, Sy 135,
    // Sxy -160 - 135 - 50 = -345, Sxx 26; b = (3 x -345 + 8 x 135) / (78 - 64) = 45/14;
    // a = (135 + 8 x 45/14) / 3 = 375/7 = 53.571...
    assertThat((double) t.get("projected_value")).isCloseTo(375.0 / 7, within(1e-9));
    assertThat(t.get("projection_method")).isEqualTo("ols_last_3");
    assertThat(t.get("is_on_track")).isEqualTo(false);                          // 53.57 < 55
    assertThat(t.get("is_restated")).isEqualTo(false);
  }

  @Test
  void rankTargetValueAtRankNAndPointsNeeded() throws SQLException {
    Map<String, Object> t = row("target_gaps", "target_id = 'T-RANK'");
    assertThat(t.get("latest_rank")).isEqualTo(3);                              // 02 in 2023
    assertThat((double) t.get("gap")).isEqualTo(-1.0);                          // top 2, rank 3
    assertThat(t.get("gap_unit")).isEqualTo("places");
    assertThat((double) t.get("value_at_rank_n")).isEqualTo(75.0);              // ranks <= 2: 80, 75
    assertThat((double) t.get("points_needed")).isEqualTo(7.0);                 // 75 - 68
    // Ranks 1 (2021), 2 (2022), 3 (2023) at x -3, -2, -1: slope 1, so 4 at 2024, within [1, 4].
    assertThat((double) t.get("projected_rank")).isCloseTo(4.0, within(1e-12));
    assertThat(t.get("is_on_track")).isEqualTo(false);
    assertThat(t.get("pct_of_target")).isNull();
    assertThat((double) t.get("assessed_threshold")).isEqualTo(2.0);
    assertThat(t.get("restated_threshold")).isNull();
  }

  @Test
  void bandChangeAndAtMostTargets() throws SQLException {
    Map<String, Object> band = row("target_gaps", "target_id = 'T-BAND'");
    assertThat(band.get("latest_band_code")).isEqualTo("HI_FAIR");              // 50 in [50, 70)
    assertThat((double) band.get("gap")).isEqualTo(0.0);                        // FAIR (2) - FAIR (2): met
    assertThat(band.get("is_met")).isEqualTo(true);
    assertThat(band.get("projected_band_code")).isEqualTo("HI_FAIR");          // 53.57 in [50, 70)
    assertThat(band.get("is_on_track")).isEqualTo(true);

    Map<String, Object> change = row("target_gaps", "target_id = 'T-CHG'");
    assertThat((double) change.get("base_value")).isEqualTo(35.0);              // LO 04 in 2021
    // LO is a level: the change is in percent of the base, (45 - 35) x -1 / 35 x 100 = -28.57%; - 5.
    assertThat(change.get("gap_unit")).isEqualTo("percent");
    assertThat(change.get("is_method_break_since_base")).isEqualTo(true);      // LO's 2022 in (2021, 2023]
    assertThat((double) change.get("gap")).isCloseTo(-1000.0 / 35 - 5, within(1e-9));
    // Line cut at the 2022 break: 50 (2022), 45 (2023) -> 40 in 2024; (40 - 35) x -1 / 35 = -14.3% < 5%.
    assertThat((double) change.get("projected_value")).isCloseTo(40.0, within(1e-9));
    assertThat(change.get("projection_method")).isEqualTo("ols_last_2");
    assertThat(change.get("is_on_track")).isEqualTo(false);

    Map<String, Object> most = row("target_gaps", "target_id = 'T-MOST'");
    assertThat(most.get("is_method_break_since_base")).isNull();                // not a change target
    assertThat((double) most.get("gap")).isEqualTo(2.0);                        // 10 - 8
    assertThat((double) most.get("pct_of_target")).isEqualTo(120.0);            // (2 x 10 - 8) x 100 / 10
    assertThat(most.get("is_on_track")).isEqualTo(true);
  }

  @Test
  void tablesAreSortedByTheirKeys() throws SQLException {
    assertThat(column("SELECT target_id FROM read_parquet('" + out.resolve("target_gaps/part-00000.parquet")
        + "')")).containsExactly("T-BAND", "T-CHG", "T-MOST", "T-RANK", "T-VAL");
    assertThat(column("SELECT indicator_code || year || unit_code FROM read_parquet('"
        + out.resolve("rankings/part-00000.parquet") + "') LIMIT 5"))
        .containsExactly("HI202001", "HI202002", "HI202003", "HI202004", "HI202101");
  }

  @Test
  void aMissingColumnIsNamedWithFileLineAndField() throws IOException {
    Path data = dir.resolve("bad-header");
    copyFixture(data);
    write(data.resolve("reference/bands.csv"),
        "indicator_code,band_code,band_rank,basis,lower,first_year,last_year",
        "HI,HI_GOOD,1,value,70,2020,");
    assertThatThrownBy(() -> DuckDbCompare.run(options(data, "out-bad-header")))
        .isInstanceOf(InputException.class)
        .hasMessage(data.resolve("reference/bands.csv") + ", line 1, field upper: column upper is missing from the "
            + "header [indicator_code, band_code, band_rank, basis, lower, first_year, last_year]; "
            + "reference/bands.csv needs [indicator_code, band_code, band_rank, basis, lower, upper, first_year, "
            + "last_year]");
  }

  @Test
  void aBadCellIsNamedWithFileLineAndField() throws IOException {
    Path data = dir.resolve("bad-cell");
    copyFixture(data);
    write(data.resolve("targets/targets.csv"),
        "target_id,unit_frame,unit_code,indicator_code,target_year,kind,threshold,band_code,base_year,source,note",
        "T-VAL,T1,03,HI,2024,value_at_least,55,,,test,",
        "T-RANK,T1,02,HI,2024,rank_at_most,top 2,,,test,");
    assertThatThrownBy(() -> DuckDbCompare.run(options(data, "out-bad-cell")))
        .isInstanceOf(InputException.class)
        .hasMessage(data.resolve("targets/targets.csv") + ", line 3, field threshold: 'top 2' is not a number "
            + "(decimal point '.'); leave the cell blank for none");
  }

  @Test
  void theCommandLineExplainsAnUnknownOption() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DuckDbCompare.execute(new String[] {"--data", "x"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(DuckDbCompare.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("duckdb-compare: unknown option '--data'; valid: "
        + "[--data-dir, --indicator-values, --out, --threads, --memory-limit, --coverage-threshold, --trend-years, "
        + "--top-n, --baseline-year]");
  }

  private static DuckDbCompare.Options options(Path data, String outName) {
    return new DuckDbCompare.Options(data, data.resolve("indicator_values"), dir.resolve(outName), 1, null,
        DuckDbCompare.Settings.defaults());
  }

  private static void copyFixture(Path to) throws IOException {
    Path from = dir.resolve("data");
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static Map<String, Object> row(String table, String where) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + out.resolve(table + "/part-00000.parquet")
            + "') WHERE " + where)) {
      assertThat(rs.next()).as("a row of %s where %s", table, where).isTrue();
      ResultSetMetaData meta = rs.getMetaData();
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.put(meta.getColumnName(i), rs.getObject(i));
      }
      assertThat(rs.next()).as("only one row of %s where %s", table, where).isFalse();
      return row;
    }
  }

  private static List<String> column(String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static void write(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
