package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * {@link Rankings#rankWithinYear} on miniature frames: every expected value is worked out by hand beside
 * the row, and rows are compared whole (doubles to 1e-9).
 *
 * <p>The fixture frames are miniatures: VN63 holds 6 of its units here, VN34 holds 3, and {@code frames}
 * says so (n_units 6 and 3), so the coverage rule sees complete rankings where we give complete rankings.
 */
class RankingsTest extends SparkTestBase {

  static final String HIB = "higher_is_better";
  static final String LIB = "lower_is_better";

  // ---- catalog fixtures (the column names of the catalog tables; values made up for the miniature) ----

  static final StructType INDICATORS = new StructType()
      .add("indicator_code", DataTypes.StringType).add("parent_code", DataTypes.StringType)
      .add("family", DataTypes.StringType).add("short_name", DataTypes.StringType)
      .add("name_vi", DataTypes.StringType).add("name_en", DataTypes.StringType)
      .add("kind", DataTypes.StringType).add("value_type", DataTypes.StringType)
      .add("scale_min", DataTypes.DoubleType).add("scale_max", DataTypes.DoubleType)
      .add("direction", DataTypes.StringType)
      .add("first_year", DataTypes.IntegerType).add("last_year", DataTypes.IntegerType);

  static final StructType BANDS = new StructType()
      .add("indicator_code", DataTypes.StringType).add("band_code", DataTypes.StringType)
      .add("band_rank", DataTypes.IntegerType).add("name_vi", DataTypes.StringType)
      .add("name_en", DataTypes.StringType).add("basis", DataTypes.StringType)
      .add("lower", DataTypes.DoubleType).add("upper", DataTypes.DoubleType)
      .add("first_year", DataTypes.IntegerType).add("last_year", DataTypes.IntegerType);

  static final StructType UNITS = new StructType()
      .add("unit_frame", DataTypes.StringType).add("unit_code", DataTypes.StringType)
      .add("name_vi", DataTypes.StringType).add("name_ascii", DataTypes.StringType)
      .add("name_en", DataTypes.StringType).add("unit_type", DataTypes.StringType)
      .add("region_code", DataTypes.StringType).add("region_name_vi", DataTypes.StringType)
      .add("region_name_en", DataTypes.StringType);

  static final StructType FRAMES = new StructType()
      .add("frame_code", DataTypes.StringType).add("n_units", DataTypes.IntegerType)
      .add("first_data_year", DataTypes.IntegerType).add("last_data_year", DataTypes.IntegerType);

  static Dataset<Row> indicators() {
    return table(INDICATORS,
        new Object[] {"PAPI", null, "PAPI", "PAPI", "Chỉ số PAPI", "PAPI", "composite", "index_score",
            8.0, 80.0, HIB, 2011, null},
        new Object[] {"PAR_INDEX", null, "PAR INDEX", "PAR INDEX", "Chỉ số cải cách hành chính",
            "PAR Index", "composite", "index_score", 0.0, 100.0, HIB, 2012, null},
        new Object[] {"DTI", null, "DTI", "DTI", "Chỉ số chuyển đổi số", "Digital Transformation Index",
            "composite", "index_score", 0.0, 1.0, HIB, 2020, null},
        // An operational indicator where less is better: share of dossiers settled late.
        new Object[] {"OP_DOSSIERS_LATE", null, "operational", "Hồ sơ trễ hạn", "Tỷ lệ hồ sơ trễ hạn",
            "Dossiers settled late", "operational", "share", 0.0, 100.0, LIB, 2015, null},
        // A level indicator (a count): the only kind with a percent change.
        new Object[] {"OP_ONLINE_DOSSIERS", null, "operational", "Hồ sơ trực tuyến", "Số hồ sơ trực tuyến",
            "Dossiers filed online", "operational", "level", 0.0, null, HIB, 2015, null});
  }

  static Dataset<Row> bands() {
    return table(BANDS,
        // PAPI groups by percentile from 2018 (75 <= p is the top quarter; p = 100 is the best).
        new Object[] {"PAPI", "HIGHEST", 1, "Cao nhất", "Highest", "percentile", 75.0, null, 2018, null},
        new Object[] {"PAPI", "HIGH_AVG", 2, "Trung bình cao", "High average", "percentile", 50.0, 75.0,
            2018, null},
        new Object[] {"PAPI", "LOW_AVG", 3, "Trung bình thấp", "Low average", "percentile", 25.0, 50.0,
            2018, null},
        new Object[] {"PAPI", "LOWEST", 4, "Thấp nhất", "Lowest", "percentile", null, 25.0, 2018, null},
        // An older value banding valid 2011-2017 only: it must not reach 2020 rows. (Were the year bound
        // ignored, it would win for 42.75 and 43.0, having the better band_rank 2.)
        new Object[] {"PAPI", "OLD_HIGH", 1, "Cao", "High", "value", 44.0, null, 2011, 2017},
        new Object[] {"PAPI", "OLD_LOW", 2, "Thấp", "Low", "value", null, 44.0, 2011, 2017},
        new Object[] {"PAR_INDEX", "GOOD", 1, "Tốt", "Good", "value", 80.0, null, null, null},
        new Object[] {"PAR_INDEX", "BELOW_GOOD", 2, "Dưới tốt", "Below good", "value", null, 80.0, null, null},
        // Value bands of a lower-is-better share, redrawn in 2021.
        new Object[] {"OP_DOSSIERS_LATE", "GOOD", 1, "Tốt", "Good", "value", null, 1.0, 2021, null},
        new Object[] {"OP_DOSSIERS_LATE", "FAIR", 2, "Khá", "Fair", "value", 1.0, 5.0, 2021, null},
        new Object[] {"OP_DOSSIERS_LATE", "POOR", 3, "Kém", "Poor", "value", 5.0, null, 2021, null},
        new Object[] {"OP_DOSSIERS_LATE", "OLD_ON_TIME", 1, "Đúng hạn", "On time", "value", null, 3.0, 2015,
            2020},
        new Object[] {"OP_DOSSIERS_LATE", "OLD_LATE", 2, "Trễ", "Late", "value", 3.0, null, 2015, 2020});
  }

  static Dataset<Row> units() {
    return table(UNITS,
        unit("VN63", "01", "Hà Nội", "R1"),
        unit("VN63", "10", "Lào Cai", "R2"),
        unit("VN63", "15", "Yên Bái", "R2"),
        unit("VN63", "22", "Quảng Ninh", "R1"),
        unit("VN63", "31", "Hải Phòng", "R1"),
        unit("VN63", "79", "Hồ Chí Minh", "R5"),
        // VN34 code 15 is the new Lào Cai (Lào Cai + Yên Bái), not Yên Bái.
        unit("VN34", "01", "Hà Nội", "R1"),
        unit("VN34", "08", "Tuyên Quang", "R2"),
        unit("VN34", "15", "Lào Cai", "R2"));
  }

  static Dataset<Row> frames() {
    return table(FRAMES,
        new Object[] {"VN63", 6, 2008, 2025},
        new Object[] {"VN34", 3, 2024, null});
  }

  private static Object[] unit(String frame, String code, String name, String region) {
    return new Object[] {frame, code, name, name, name, "province", region, null, null};
  }

  static Object[] obs(String frame, String code, String indicator, int year, Double value, Integer rank,
      Integer n) {
    return new Object[] {frame, code, indicator, year, value, rank, n, value == null ? null : "src",
        rank == null ? null : "src"};
  }

  static Dataset<Row> observations(Object[]... rows) {
    return table(Observations.SCHEMA, rows);
  }

  static Dataset<Row> rank(ComputeSettings settings, Dataset<Row> observations) {
    return Rankings.rankWithinYear(settings, indicators(), bands(), units(), frames(), observations);
  }

  // ---- tests ----

  @Test
  void schemaIsTheDeclaredOne() {
    Dataset<Row> out = rank(ComputeSettings.defaults(),
        observations(obs("VN63", "10", "PAPI", 2020, 42.75, null, null)));

    assertThat(namesAndTypes(out.schema())).isEqualTo(namesAndTypes(Rankings.SCHEMA));
    assertThat(Rankings.columnNames()).containsExactly("unit_frame", "unit_code", "unit_name_vi",
        "region_code", "indicator_code", "year", "value", "direction", "rank", "rank_source", "n_ranked",
        "percentile", "region_rank", "region_n", "band_code", "band_rank", "national_mean", "national_median",
        "leader_value", "gap_to_leader", "gap_to_median", "published_rank", "published_n",
        "is_rank_mismatch");
  }

  /**
   * PAPI 2020 (higher is better), five values and one withheld unit. The publisher ranked 5 units
   * (Lào Cai's published n), so expected_n = 5 and 5 values >= 0.9 x 5 = 4.5: computed.
   *
   * <pre>
   * sorted: 79 46.25 | 01 44.5 | 15 44.5 | 31 43.0 | 10 42.75 | 22 withheld
   * ranks (1,2,2,4): 1, 2, 2, 4, 5; n_ranked 5 (22 excluded)
   * percentile = 100 x (5 - r) / 4: r=1 -> 100, r=2 -> 75, r=4 -> 25, r=5 -> 0
   * bands (percentile, 2018-): >= 75 HIGHEST(1); [25,50) LOW_AVG(3); < 25 LOWEST(4)
   * mean = (46.25 + 44.5 + 44.5 + 43.0 + 42.75) / 5 = 221.0 / 5 = 44.2
   * median of 5 = the 3rd: 42.75, 43.0, [44.5], 44.5, 46.25 -> 44.5
   * leader 46.25; gap_to_leader = 46.25 - v; gap_to_median = v - 44.5
   * region R1: 01 44.5 -> 1, 31 43.0 -> 2 (22 withheld), n 2; R2: 15 44.5 -> 1, 10 42.75 -> 2, n 2;
   * R5: 79 -> 1 of 1
   * Lào Cai: published 4/5, recomputed 5 -> mismatch (the shape of PAPI 2020: published 27, ours 28)
   * </pre>
   */
  @Test
  void tiesWithheldUnitMismatchPercentileBandsAndRegions() {
    Dataset<Row> out = rank(ComputeSettings.defaults(), observations(
        obs("VN63", "79", "PAPI", 2020, 46.25, null, null),
        obs("VN63", "01", "PAPI", 2020, 44.5, null, null),
        obs("VN63", "15", "PAPI", 2020, 44.5, null, null),
        obs("VN63", "31", "PAPI", 2020, 43.0, null, null),
        obs("VN63", "10", "PAPI", 2020, 42.75, 4, 5),
        obs("VN63", "22", "PAPI", 2020, null, null, null)));

    assertRows(out, List.of(
        // frame, code, name, region, indicator, year, value, direction, rank, source, n, pct, rrank, rn,
        // band, brank, mean, median, leader, gap_leader, gap_median, pub_rank, pub_n, mismatch
        row("VN63", "01", "Hà Nội", "R1", "PAPI", 2020, 44.5, HIB, 2, "computed", 5, 75.0, 1, 2,
            "HIGHEST", 1, 44.2, 44.5, 46.25, 1.75, 0.0, null, null, false),
        row("VN63", "10", "Lào Cai", "R2", "PAPI", 2020, 42.75, HIB, 5, "computed", 5, 0.0, 2, 2,
            "LOWEST", 4, 44.2, 44.5, 46.25, 3.5, -1.75, 4, 5, true),
        row("VN63", "15", "Yên Bái", "R2", "PAPI", 2020, 44.5, HIB, 2, "computed", 5, 75.0, 1, 2,
            "HIGHEST", 1, 44.2, 44.5, 46.25, 1.75, 0.0, null, null, false),
        // Withheld: no rank, not counted; the ranking's statistics still shown, its own gaps not.
        row("VN63", "22", "Quảng Ninh", "R1", "PAPI", 2020, null, HIB, null, "none", 5, null, null, null,
            null, null, 44.2, 44.5, 46.25, null, null, null, null, false),
        row("VN63", "31", "Hải Phòng", "R1", "PAPI", 2020, 43.0, HIB, 4, "computed", 5, 25.0, 2, 2,
            "LOW_AVG", 3, 44.2, 44.5, 46.25, 3.25, -1.5, null, null, false),
        row("VN63", "79", "Hồ Chí Minh", "R5", "PAPI", 2020, 46.25, HIB, 1, "computed", 5, 100.0, 1, 1,
            "HIGHEST", 1, 44.2, 44.5, 46.25, 0.0, 1.75, null, null, false)));
  }

  /**
   * PAR INDEX 2024 as a publisher prints it: two decimals, and its own ranks on the unrounded scores. Six units
   * (frame n 6), every value with its publisher's rank beside it (the same source).
   *
   * <pre>
   * value  01 90.00 (pub 1) | 10 64.56 (pub 3) | 15 64.56 (pub 2) | 22 60.00 (pub 4) | 31 55.50 (pub 4) | 79 55.50 (pub 6)
   * ours (1,2,2,4): 1, 2, 2, 4, 5, 5
   * tie 10/15 at 2 spans places 2..3; the publisher's 3 and 2 are inside it: its order is taken, 10 -> 3,
   *   15 -> 2, rank_source computed_publisher_tiebreak, no mismatch
   * tie 31/79 at 5 spans 5..6; the publisher's 4 is outside it: a real disagreement, both stay 5, both flagged
   *   (4 != 5, 6 != 5)
   * percentile = 100 x (6 - r) / 5: 1 -> 100, 2 -> 80, 3 -> 60, 4 -> 40, 5 -> 20
   * mean = (90 + 64.56 + 64.56 + 60 + 55.5 + 55.5) / 6 = 390.12 / 6 = 65.02; median = (60 + 64.56) / 2 = 62.28
   * regions (ties of our values, not broken): R1 01 -> 1, 22 -> 2, 31 -> 3 (n 3); R2 10, 15 -> 1, 1 (n 2);
   *   R5 79 -> 1 (n 1)
   * </pre>
   */
  @Test
  void tiesMadeByRoundingAreBrokenByThePublisherAndRealDisagreementsStayMismatches() {
    Dataset<Row> out = rank(ComputeSettings.defaults(), observations(
        obs("VN63", "01", "PAR_INDEX", 2024, 90.0, 1, 6),
        obs("VN63", "10", "PAR_INDEX", 2024, 64.56, 3, 6),
        obs("VN63", "15", "PAR_INDEX", 2024, 64.56, 2, 6),
        obs("VN63", "22", "PAR_INDEX", 2024, 60.0, 4, 6),
        obs("VN63", "31", "PAR_INDEX", 2024, 55.5, 4, 6),
        obs("VN63", "79", "PAR_INDEX", 2024, 55.5, 6, 6)));

    String tiebreak = Rankings.RANK_SOURCE_PUBLISHER_TIEBREAK;
    assertRows(out, List.of(
        row("VN63", "01", "Hà Nội", "R1", "PAR_INDEX", 2024, 90.0, HIB, 1, "computed", 6, 100.0, 1, 3,
            "GOOD", 1, 65.02, 62.28, 90.0, 0.0, 90.0 - 62.28, 1, 6, false),
        row("VN63", "10", "Lào Cai", "R2", "PAR_INDEX", 2024, 64.56, HIB, 3, tiebreak, 6, 60.0, 1, 2,
            "BELOW_GOOD", 2, 65.02, 62.28, 90.0, 90.0 - 64.56, 64.56 - 62.28, 3, 6, false),
        row("VN63", "15", "Yên Bái", "R2", "PAR_INDEX", 2024, 64.56, HIB, 2, tiebreak, 6, 80.0, 1, 2,
            "BELOW_GOOD", 2, 65.02, 62.28, 90.0, 90.0 - 64.56, 64.56 - 62.28, 2, 6, false),
        row("VN63", "22", "Quảng Ninh", "R1", "PAR_INDEX", 2024, 60.0, HIB, 4, "computed", 6, 40.0, 2, 3,
            "BELOW_GOOD", 2, 65.02, 62.28, 90.0, 30.0, 60.0 - 62.28, 4, 6, false),
        row("VN63", "31", "Hải Phòng", "R1", "PAR_INDEX", 2024, 55.5, HIB, 5, "computed", 6, 20.0, 3, 3,
            "BELOW_GOOD", 2, 65.02, 62.28, 90.0, 34.5, 55.5 - 62.28, 4, 6, true),
        row("VN63", "79", "Hồ Chí Minh", "R5", "PAR_INDEX", 2024, 55.5, HIB, 5, "computed", 6, 20.0, 1, 1,
            "BELOW_GOOD", 2, 65.02, 62.28, 90.0, 34.5, 55.5 - 62.28, 6, 6, true)));
  }

  /**
   * A covered ranking with one unit known only by its published rank: PAR INDEX 2023, five values of the 6 units
   * the publisher ranked (published n 6); with coverage 0.8, 5 >= 0.8 x 6 = 4.8: covered.
   *
   * <pre>
   * values 01 90 | 15 85 | 22 80 | 31 75 | 79 70 -> ranks 1..5, n_ranked 5
   * 10 has no value, published 2/6: mixed in, it would repeat 15's rank 2 with another n; it takes no rank
   *   (rank_source none, n_ranked 5 like a withheld unit), its published 2/6 kept in published_rank/_n
   * percentile = 100 x (5 - r) / 4; mean 400 / 5 = 80; median 80; leader 90
   * regions: R1 01 -> 1, 22 -> 2, 31 -> 3 (n 3); R2 15 -> 1 (n 1); R5 79 -> 1 (n 1)
   * </pre>
   */
  @Test
  void aCoveredRankingNeverMixesInAPublishedRank() {
    Dataset<Row> out = rank(ComputeSettings.defaults().withCoverageThreshold(0.8), observations(
        obs("VN63", "01", "PAR_INDEX", 2023, 90.0, null, null),
        obs("VN63", "10", "PAR_INDEX", 2023, null, 2, 6),
        obs("VN63", "15", "PAR_INDEX", 2023, 85.0, null, null),
        obs("VN63", "22", "PAR_INDEX", 2023, 80.0, null, null),
        obs("VN63", "31", "PAR_INDEX", 2023, 75.0, null, null),
        obs("VN63", "79", "PAR_INDEX", 2023, 70.0, null, null)));

    assertRows(out, List.of(
        row("VN63", "01", "Hà Nội", "R1", "PAR_INDEX", 2023, 90.0, HIB, 1, "computed", 5, 100.0, 1, 3,
            "GOOD", 1, 80.0, 80.0, 90.0, 0.0, 10.0, null, null, false),
        row("VN63", "10", "Lào Cai", "R2", "PAR_INDEX", 2023, null, HIB, null, "none", 5, null, null, null,
            null, null, 80.0, 80.0, 90.0, null, null, 2, 6, false),
        row("VN63", "15", "Yên Bái", "R2", "PAR_INDEX", 2023, 85.0, HIB, 2, "computed", 5, 75.0, 1, 1,
            "GOOD", 1, 80.0, 80.0, 90.0, 5.0, 5.0, null, null, false),
        row("VN63", "22", "Quảng Ninh", "R1", "PAR_INDEX", 2023, 80.0, HIB, 3, "computed", 5, 50.0, 2, 3,
            "GOOD", 1, 80.0, 80.0, 90.0, 10.0, 0.0, null, null, false),
        row("VN63", "31", "Hải Phòng", "R1", "PAR_INDEX", 2023, 75.0, HIB, 4, "computed", 5, 25.0, 3, 3,
            "BELOW_GOOD", 2, 80.0, 80.0, 90.0, 15.0, -5.0, null, null, false),
        row("VN63", "79", "Hồ Chí Minh", "R5", "PAR_INDEX", 2023, 70.0, HIB, 5, "computed", 5, 0.0, 1, 1,
            "BELOW_GOOD", 2, 80.0, 80.0, 90.0, 20.0, -10.0, null, null, false)));
  }

  /**
   * Share of dossiers settled late, 2023: lower is better. No published n, so expected_n = the frame's
   * 6 units; 6 values >= 5.4: computed. A 2020 row of Lào Cai alone is not a ranking (1 < 5.4).
   *
   * <pre>
   * ascending: 01 0.5 | 31 1.0 | 10 2.0 | 15 2.5 | 79 3.25 | 22 7.5 -> ranks 1..6, n 6
   * percentile = 100 x (6 - r) / 5: 100, 80, 60, 40, 20, 0
   * mean = (0.5 + 1.0 + 2.0 + 2.5 + 3.25 + 7.5) / 6 = 16.75 / 6 = 2.7916666...
   * median of 6 = mean of the two middles = (2.0 + 2.5) / 2 = 2.25
   * leader = the lowest = 0.5; gap_to_leader = v - 0.5; gap_to_median = 2.25 - v (less is better)
   * bands 2021- by value: [,1.0) GOOD(1), [1.0,5.0) FAIR(2), [5.0,) POOR(3); 1.0 is FAIR (lower bound in)
   * regions: R1 01 0.5 -> 1, 31 1.0 -> 2, 22 7.5 -> 3 (n 3); R2 10 2.0 -> 1, 15 2.5 -> 2 (n 2); R5 79 1/1
   * 2020 Lào Cai 2.75: bands 2015-2020: [,3.0) OLD_ON_TIME(1); no rank, no statistics
   * </pre>
   */
  @Test
  void lowerIsBetterWithValueBandsValidForTheYearAndAnEvenMedian() {
    Dataset<Row> out = rank(ComputeSettings.defaults(), observations(
        obs("VN63", "01", "OP_DOSSIERS_LATE", 2023, 0.5, null, null),
        obs("VN63", "31", "OP_DOSSIERS_LATE", 2023, 1.0, null, null),
        obs("VN63", "10", "OP_DOSSIERS_LATE", 2023, 2.0, null, null),
        obs("VN63", "15", "OP_DOSSIERS_LATE", 2023, 2.5, null, null),
        obs("VN63", "79", "OP_DOSSIERS_LATE", 2023, 3.25, null, null),
        obs("VN63", "22", "OP_DOSSIERS_LATE", 2023, 7.5, null, null),
        obs("VN63", "10", "OP_DOSSIERS_LATE", 2020, 2.75, null, null)));

    double mean = 16.75 / 6;
    assertRows(out, List.of(
        row("VN63", "01", "Hà Nội", "R1", "OP_DOSSIERS_LATE", 2023, 0.5, LIB, 1, "computed", 6, 100.0,
            1, 3, "GOOD", 1, mean, 2.25, 0.5, 0.0, 1.75, null, null, false),
        row("VN63", "10", "Lào Cai", "R2", "OP_DOSSIERS_LATE", 2020, 2.75, LIB, null, "none", null, null,
            null, null, "OLD_ON_TIME", 1, null, null, null, null, null, null, null, false),
        row("VN63", "10", "Lào Cai", "R2", "OP_DOSSIERS_LATE", 2023, 2.0, LIB, 3, "computed", 6, 60.0,
            1, 2, "FAIR", 2, mean, 2.25, 0.5, 1.5, 0.25, null, null, false),
        row("VN63", "15", "Yên Bái", "R2", "OP_DOSSIERS_LATE", 2023, 2.5, LIB, 4, "computed", 6, 40.0,
            2, 2, "FAIR", 2, mean, 2.25, 0.5, 2.0, -0.25, null, null, false),
        row("VN63", "22", "Quảng Ninh", "R1", "OP_DOSSIERS_LATE", 2023, 7.5, LIB, 6, "computed", 6, 0.0,
            3, 3, "POOR", 3, mean, 2.25, 0.5, 7.0, -5.25, null, null, false),
        row("VN63", "31", "Hải Phòng", "R1", "OP_DOSSIERS_LATE", 2023, 1.0, LIB, 2, "computed", 6, 80.0,
            2, 3, "FAIR", 2, mean, 2.25, 0.5, 0.5, 1.25, null, null, false),
        row("VN63", "79", "Hồ Chí Minh", "R5", "OP_DOSSIERS_LATE", 2023, 3.25, LIB, 5, "computed", 6, 20.0,
            1, 1, "FAIR", 2, mean, 2.25, 0.5, 2.75, -1.0, null, null, false)));
  }

  /**
   * Lào Cai's PAR INDEX as published (DOMAIN.md, lao_cai_published_facts.csv): 2021 88.44 ranked 11/63,
   * 2022 rank 11/63 without a score, 2024 89.03 ranked 26/63. expected_n = published n = 63, and one or two
   * values are far below 0.9 x 63 = 56.7, so each unit keeps its published rank; Hà Nội's 2024 score with no
   * published rank gets none.
   *
   * <pre>
   * percentile = 100 x (63 - r) / 62: r=11 -> 5200/62 = 83.870967..., r=26 -> 3700/62 = 59.677419...
   * bands by value: 88.44, 89.03 >= 80 -> GOOD(1); 2022 has no value -> no value band
   * </pre>
   */
  @Test
  void publishedRanksWhenTooFewValuesToRank() {
    Dataset<Row> out = rank(ComputeSettings.defaults(), observations(
        obs("VN63", "10", "PAR_INDEX", 2021, 88.44, 11, 63),
        obs("VN63", "10", "PAR_INDEX", 2022, null, 11, 63),
        obs("VN63", "10", "PAR_INDEX", 2024, 89.03, 26, 63),
        obs("VN63", "01", "PAR_INDEX", 2024, 85.5, null, null)));

    assertRows(out, List.of(
        row("VN63", "01", "Hà Nội", "R1", "PAR_INDEX", 2024, 85.5, HIB, null, "none", null, null, null, null,
            "GOOD", 1, null, null, null, null, null, null, null, false),
        row("VN63", "10", "Lào Cai", "R2", "PAR_INDEX", 2021, 88.44, HIB, 11, "published", 63, 5200.0 / 62,
            null, null, "GOOD", 1, null, null, null, null, null, 11, 63, false),
        row("VN63", "10", "Lào Cai", "R2", "PAR_INDEX", 2022, null, HIB, 11, "published", 63, 5200.0 / 62,
            null, null, null, null, null, null, null, null, null, 11, 63, false),
        row("VN63", "10", "Lào Cai", "R2", "PAR_INDEX", 2024, 89.03, HIB, 26, "published", 63, 3700.0 / 62,
            null, null, "GOOD", 1, null, null, null, null, null, 26, 63, false)));
  }

  /**
   * DTI 2024 on both frames. VN34 code 15 is Lào Cai, VN63 code 15 is Yên Bái; each frame is its own
   * ranking (were they mixed, VN34 Hà Nội's 0.8125 would rank 3rd of 9).
   *
   * <pre>
   * VN63, 6 of 6: 15 0.9 | 79 0.85 | 22 0.8 | 01 0.75 | 31 0.7 | 10 0.6875 -> 1..6
   *   percentile 100 x (6 - r) / 5; mean = 4.6875 / 6 = 0.78125; median = (0.75 + 0.8) / 2 = 0.775
   *   regions R1: 22 -> 1, 01 -> 2, 31 -> 3 (n 3); R2: 15 -> 1, 10 -> 2 (n 2); R5: 79 1/1
   * VN34, 3 of 3: 01 0.8125 | 15 0.71875 | 08 0.625 -> 1..3
   *   percentile 100 x (3 - r) / 2: 100, 50, 0; mean = 2.15625 / 3 = 0.71875; median 0.71875
   *   regions R1: 01 1/1; R2: 15 -> 1, 08 -> 2 (n 2)
   * </pre>
   */
  @Test
  void framesAreRankedSeparately() {
    Dataset<Row> out = rank(ComputeSettings.defaults(), observations(
        obs("VN63", "15", "DTI", 2024, 0.9, null, null),
        obs("VN63", "79", "DTI", 2024, 0.85, null, null),
        obs("VN63", "22", "DTI", 2024, 0.8, null, null),
        obs("VN63", "01", "DTI", 2024, 0.75, null, null),
        obs("VN63", "31", "DTI", 2024, 0.7, null, null),
        obs("VN63", "10", "DTI", 2024, 0.6875, null, null),
        obs("VN34", "01", "DTI", 2024, 0.8125, null, null),
        obs("VN34", "15", "DTI", 2024, 0.71875, null, null),
        obs("VN34", "08", "DTI", 2024, 0.625, null, null)));

    double m63 = 0.78125;
    double md63 = 0.775;
    double m34 = 0.71875;
    assertRows(out, List.of(
        row("VN34", "01", "Hà Nội", "R1", "DTI", 2024, 0.8125, HIB, 1, "computed", 3, 100.0, 1, 1,
            null, null, m34, 0.71875, 0.8125, 0.0, 0.8125 - 0.71875, null, null, false),
        row("VN34", "08", "Tuyên Quang", "R2", "DTI", 2024, 0.625, HIB, 3, "computed", 3, 0.0, 2, 2,
            null, null, m34, 0.71875, 0.8125, 0.8125 - 0.625, 0.625 - 0.71875, null, null, false),
        row("VN34", "15", "Lào Cai", "R2", "DTI", 2024, 0.71875, HIB, 2, "computed", 3, 50.0, 1, 2,
            null, null, m34, 0.71875, 0.8125, 0.8125 - 0.71875, 0.0, null, null, false),
        row("VN63", "01", "Hà Nội", "R1", "DTI", 2024, 0.75, HIB, 4, "computed", 6, 40.0, 2, 3,
            null, null, m63, md63, 0.9, 0.9 - 0.75, 0.75 - md63, null, null, false),
        row("VN63", "10", "Lào Cai", "R2", "DTI", 2024, 0.6875, HIB, 6, "computed", 6, 0.0, 2, 2,
            null, null, m63, md63, 0.9, 0.9 - 0.6875, 0.6875 - md63, null, null, false),
        row("VN63", "15", "Yên Bái", "R2", "DTI", 2024, 0.9, HIB, 1, "computed", 6, 100.0, 1, 2,
            null, null, m63, md63, 0.9, 0.0, 0.9 - md63, null, null, false),
        row("VN63", "22", "Quảng Ninh", "R1", "DTI", 2024, 0.8, HIB, 3, "computed", 6, 60.0, 1, 3,
            null, null, m63, md63, 0.9, 0.9 - 0.8, 0.8 - md63, null, null, false),
        row("VN63", "31", "Hải Phòng", "R1", "DTI", 2024, 0.7, HIB, 5, "computed", 6, 20.0, 3, 3,
            null, null, m63, md63, 0.9, 0.9 - 0.7, 0.7 - md63, null, null, false),
        row("VN63", "79", "Hồ Chí Minh", "R5", "DTI", 2024, 0.85, HIB, 2, "computed", 6, 80.0, 1, 1,
            null, null, m63, md63, 0.9, 0.9 - 0.85, 0.85 - md63, null, null, false)));
  }

  /**
   * Ranks come from unrounded values: 44.504 and 44.496 both print as 44.50 but are 1st and 2nd, and the
   * coverage threshold is a setting: with 2 of 3 expected units and threshold 0.6, 2 >= 1.8 is covered.
   */
  @Test
  void unroundedValuesAndTheCoverageSetting() {
    Dataset<Row> out = rank(ComputeSettings.defaults().withCoverageThreshold(0.6), observations(
        obs("VN34", "08", "DTI", 2025, 44.496, null, null),
        obs("VN34", "15", "DTI", 2025, 44.504, null, null)));

    // n 2: percentile 100 x (2 - r) / 1; mean = median = (44.504 + 44.496) / 2 = 44.5
    assertRows(out, List.of(
        row("VN34", "08", "Tuyên Quang", "R2", "DTI", 2025, 44.496, HIB, 2, "computed", 2, 0.0, 2, 2,
            null, null, 44.5, 44.5, 44.504, 44.504 - 44.496, 44.496 - 44.5, null, null, false),
        row("VN34", "15", "Lào Cai", "R2", "DTI", 2025, 44.504, HIB, 1, "computed", 2, 100.0, 1, 2,
            null, null, 44.5, 44.5, 44.504, 0.0, 44.504 - 44.5, null, null, false)));
  }

  // ---- helpers, shared with the other compute tests ----

  static Dataset<Row> table(StructType schema, Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return spark.createDataFrame(list, schema);
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  static List<String> namesAndTypes(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
  }

  /** The output sorted by key (frame, unit, indicator, year), each row as a list of its values. */
  static List<List<Object>> sortedRows(Dataset<Row> out) {
    return out.orderBy(col("unit_frame"), col("unit_code"), col("indicator_code"), col("year"))
        .collectAsList().stream()
        .map(r -> {
          List<Object> values = new ArrayList<>();
          for (int i = 0; i < r.length(); i++) {
            values.add(r.get(i));
          }
          return values;
        })
        .toList();
  }

  /** Whole rows in key order; doubles equal to 1e-9, everything else exactly (Integer vs Integer, ...). */
  static void assertRows(Dataset<Row> out, List<List<Object>> expected) {
    assertThat(sortedRows(out)).usingElementComparator(ROW_COMPARATOR).containsExactlyElementsOf(expected);
  }

  static final Comparator<List<Object>> ROW_COMPARATOR = (a, b) -> {
    if (a.size() != b.size()) {
      return 1;
    }
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof Double dx && y instanceof Double dy) {
        if (Math.abs(dx - dy) > 1e-9) {
          return 1;
        }
      } else if (!Objects.equals(x, y)) {
        return 1;
      }
    }
    return 0;
  };

  // ---- rank intervals from published confidence intervals (RankIntervals) ----

  static final StructType INTERVALS = new StructType()
      .add("unit_frame", DataTypes.StringType).add("indicator_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("unit_code", DataTypes.StringType)
      .add("direction", DataTypes.StringType)
      .add("value_low", DataTypes.DoubleType).add("value_high", DataTypes.DoubleType);

  /**
   * Five units of a higher_is_better ranking, worked by hand (n = 5, "above" = the other's low > my high,
   * "below" = the other's high < my low):
   * <pre>
   *   unit  interval   above      below      rank_low  rank_high  tied
   *   A     [70, 80]   -          C, D, E    1         5-3 = 2    1 (B)
   *   B     [72, 78]   -          C, D, E    1         2          1 (A; B nested in A)
   *   C     [60, 65]   A, B       E          3         5-1 = 4    1 (D)
   *   D     [60, 65]   A, B       E          3         4          1 (C; identical intervals tie)
   *   E     [40, 50]   A,B,C,D    -          5         5          0 (disjoint below all)
   *   F     none                              null      null       null (not counted in n)
   * </pre>
   * and three of a lower_is_better ranking (better = smaller; "above" = the other's high < my low):
   * <pre>
   *   P     [1, 2]     -          Q          1         3-1 = 2    1 (R)
   *   Q     [3, 4]     P          -          2         3          1 (R)
   *   R     [1.5, 3.5] -          -          1         3          2 (P, Q)
   * </pre>
   * Touching bounds overlap: G [50, 60] beside H [60, 70] are tied (1-2 each).
   */
  @Test
  void rankIntervalsFollowTheLeagueTableMethod() {
    Dataset<Row> ranked = spark.createDataFrame(List.of(
        RowFactory.create("VN63", "HI", 2023, "A", HIB, 70.0, 80.0),
        RowFactory.create("VN63", "HI", 2023, "B", HIB, 72.0, 78.0),
        RowFactory.create("VN63", "HI", 2023, "C", HIB, 60.0, 65.0),
        RowFactory.create("VN63", "HI", 2023, "D", HIB, 60.0, 65.0),
        RowFactory.create("VN63", "HI", 2023, "E", HIB, 40.0, 50.0),
        RowFactory.create("VN63", "HI", 2023, "F", HIB, null, null),
        RowFactory.create("VN63", "LO", 2023, "P", LIB, 1.0, 2.0),
        RowFactory.create("VN63", "LO", 2023, "Q", LIB, 3.0, 4.0),
        RowFactory.create("VN63", "LO", 2023, "R", LIB, 1.5, 3.5),
        RowFactory.create("VN63", "HI", 2022, "G", HIB, 50.0, 60.0),
        RowFactory.create("VN63", "HI", 2022, "H", HIB, 60.0, 70.0)), INTERVALS);

    List<String> got = RankIntervals.withRankIntervals(ranked, List.of("unit_frame", "indicator_code", "year"))
        .orderBy("indicator_code", "year", "unit_code").collectAsList().stream()
        .map(r -> r.getAs("unit_code") + " " + r.getAs("rank_low") + "-" + r.getAs("rank_high") + " tied "
            + r.getAs("n_statistically_tied"))
        .toList();

    assertThat(got).containsExactly(
        "G 1-2 tied 1", "H 1-2 tied 1",
        "A 1-2 tied 1", "B 1-2 tied 1", "C 3-4 tied 1", "D 3-4 tied 1", "E 5-5 tied 0",
        "F null-null tied null",
        "P 1-2 tied 1", "Q 2-3 tied 1", "R 1-3 tied 2");
  }

  /**
   * A fact a person can check in UNDP's own sheet, {@code data/raw/papi-undp/PAPI-2015-2023.xlsm__2023.csv}: Lào Cai
   * (GSO code 10, column I) has an unweighted PAPI 2023 of 42.11 with a 95% interval of 39.64-44.57 (rows 4 and 5).
   * Of the 61 provinces with an interval (Quảng Ninh and Bình Dương have none that year), 6 have a low bound above
   * 44.57 and none a high bound below 39.64, so Lào Cai's rank 33/61 is, with 95% confidence, anywhere from 7 to 61.
   * Read here straight from the sheet's rows (the pipeline does not ingest the bounds yet); the three rows hold
   * no quoted cells, so a plain split reads them.
   */
  @Test
  void laoCai2023IntervalOnUndpsSheetAllowsRanksSevenToSixtyOne() throws java.io.IOException {
    List<String> lines = java.nio.file.Files.readAllLines(vn.provincecompare.testing.SparkTestBase.repoRoot()
        .resolve("data/raw/papi-undp/PAPI-2015-2023.xlsm__2023.csv"));
    String[] codes = lines.get(0).split(",", -1);
    String[] low = lines.get(3).split(",", -1);
    String[] high = lines.get(4).split(",", -1);
    assertThat(low[0]).isEqualTo("Unweighted 95% CI Low");
    assertThat(high[0]).isEqualTo("Unweighted 95% CI High");
    List<Row> rows = new ArrayList<>();
    for (int column = 3; column < codes.length; column++) {
      if (codes[column].isBlank()) {
        continue;
      }
      rows.add(RowFactory.create("VN63", "PAPI", 2023, codes[column], HIB,
          low[column].isBlank() ? null : Double.valueOf(low[column]),
          high[column].isBlank() ? null : Double.valueOf(high[column])));
    }

    Row laoCai = RankIntervals.withRankIntervals(spark.createDataFrame(rows, INTERVALS),
            List.of("unit_frame", "indicator_code", "year"))
        .filter(col("unit_code").equalTo("10")).collectAsList().get(0);

    assertThat((Double) laoCai.getAs("value_low")).isCloseTo(39.64, org.assertj.core.data.Offset.offset(0.005));
    assertThat((Double) laoCai.getAs("value_high")).isCloseTo(44.57, org.assertj.core.data.Offset.offset(0.005));
    assertThat((Integer) laoCai.getAs("rank_low")).isEqualTo(7);
    assertThat((Integer) laoCai.getAs("rank_high")).isEqualTo(61);
    assertThat((Integer) laoCai.getAs("n_statistically_tied")).isEqualTo(54);
  }
}
