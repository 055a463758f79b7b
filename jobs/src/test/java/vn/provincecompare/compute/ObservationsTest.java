package vn.provincecompare.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.provincecompare.compute.RankingsTest.namesAndTypes;
import static vn.provincecompare.compute.RankingsTest.row;
import static vn.provincecompare.compute.RankingsTest.table;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/** {@link Observations#preferred}: which value and which rank a key ends up with when sources overlap. */
class ObservationsTest extends SparkTestBase {

  /** The canonical indicator_values table of ARCHITECTURE.md. */
  static final StructType INDICATOR_VALUES = new StructType()
      .add("unit_frame", DataTypes.StringType)
      .add("unit_code", DataTypes.StringType)
      .add("indicator_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("value", DataTypes.DoubleType)
      .add("published_rank", DataTypes.IntegerType)
      .add("published_n", DataTypes.IntegerType)
      .add("source_id", DataTypes.StringType)
      .add("source_file", DataTypes.StringType)
      .add("source_line", DataTypes.IntegerType)
      .add("value_status", DataTypes.StringType)
      .add("is_preferred", DataTypes.BooleanType);

  private static Object[] iv(String code, String indicator, int year, Double value, Integer rank, Integer n,
      String source, int line, String status, boolean preferred) {
    return new Object[] {"VN63", code, indicator, year, value, rank, n, source, "data/raw/" + source + ".csv",
        line, status, preferred};
  }

  @Test
  void onePreferredValueAndTheBestAvailableRankPerKey() {
    Dataset<Row> out = Observations.preferred(table(INDICATOR_VALUES,
        // Lào Cai PAPI 2020: the panel's unrounded total is preferred and has no rank; the provincial portal
        // publishes 42.96 and rank 27/63 -> value 42.9506 from the panel, rank 27/63 from the portal.
        iv("10", "PAPI", 2020, 42.9506, null, null, "papi_panel", 7, "derived", true),
        iv("10", "PAPI", 2020, 42.96, 27, 63, "laocai_portal", 9, "reported", false),
        // Two non-preferred sources with a rank: validate found news_b's the better priority and marked news_a's
        // 13 rank_conflict, so 12 from "news_b" although "news_a" sorts first.
        iv("15", "PAPI", 2020, 41.5, null, null, "papi_panel", 16, "derived", true),
        iv("15", "PAPI", 2020, null, 12, 63, "news_b", 3, "rank_only", false),
        iv("15", "PAPI", 2020, null, 13, 63, "news_a", 5, "rank_conflict", false),
        // The preferred row has a rank: it wins over a lower source_id.
        iv("01", "PCI", 2016, 62.5, 5, 63, "pci_vcci", 2, "reported", true),
        iv("01", "PCI", 2016, 62.49, 6, 63, "a_mirror", 2, "reported", false),
        // Rank only (PAR INDEX 2022): no value, so no value source.
        iv("10", "PAR_INDEX", 2022, null, 11, 63, "laocai_facts", 4, "rank_only", true),
        // A value and no rank anywhere.
        iv("22", "PAPI", 2020, 40.25, null, null, "papi_panel", 15, "derived", true)));

    assertThat(namesAndTypes(out.schema())).isEqualTo(namesAndTypes(Observations.SCHEMA));
    RankingsTest.assertRows(out, List.of(
        // frame, code, indicator, year, value, published_rank, published_n, value_source_id, rank_source_id
        row("VN63", "01", "PCI", 2016, 62.5, 5, 63, "pci_vcci", "pci_vcci"),
        row("VN63", "10", "PAPI", 2020, 42.9506, 27, 63, "papi_panel", "laocai_portal"),
        row("VN63", "10", "PAR_INDEX", 2022, null, 11, 63, null, "laocai_facts"),
        row("VN63", "15", "PAPI", 2020, 41.5, 12, 63, "papi_panel", "news_b"),
        row("VN63", "22", "PAPI", 2020, 40.25, null, null, "papi_panel", null)));
  }

  /**
   * Ties in the order of the candidates, which the packed orders must break as the rule says: for the value, the
   * lowest (source_id, source_line) among preferred rows; for the rank, not lost on priority, then preferred, then
   * (source_id, source_line). Source ids and lines are chosen so that each step decides against the next one
   * (a later-sorting source with an earlier line; a line above 2^31 - 1 would not fit, negatives must sort first).
   */
  @Test
  void breaksTiesByPreferenceThenSourceThenLine() {
    Dataset<Row> out = Observations.preferred(table(INDICATOR_VALUES,
        // 01 PCI 2016: two preferred rows slipped through. "a_src" < "b_src" although b_src's line (1) is lower:
        // value 60.0 from a_src line 9. Among a_src's own two preferred rows, line -5 < line 9: -> 61.0.
        iv("01", "PCI", 2016, 60.0, null, null, "a_src", 9, "reported", true),
        iv("01", "PCI", 2016, 59.0, null, null, "b_src", 1, "reported", true),
        iv("01", "PCI", 2016, 61.0, null, null, "a_src", -5, "reported", true),
        // 10 PCI 2016, ranks: "a_src" line 1 is a rank_conflict (lost on priority, loses to everything); the
        // preferred row "c_src" beats the non-preferred "b_src" although b sorts first -> 7/63 from c_src.
        iv("10", "PCI", 2016, null, 3, 63, "a_src", 1, "rank_conflict", false),
        iv("10", "PCI", 2016, null, 9, 63, "b_src", 2, "rank_only", false),
        iv("10", "PCI", 2016, 50.0, 7, 63, "c_src", 8, "reported", true),
        // 15 PCI 2016, ranks: neither preferred nor lost: "b_src" < "c_src" -> 4/63 from b_src; within b_src,
        // line 2 < line 30 -> 4, not 5.
        iv("15", "PCI", 2016, null, 6, 63, "c_src", 1, "rank_only", false),
        iv("15", "PCI", 2016, null, 5, 63, "b_src", 30, "rank_only", false),
        iv("15", "PCI", 2016, null, 4, 63, "b_src", 2, "rank_only", false),
        // 22 PCI 2016: every rank row lost on priority: the best of them still gives the rank, by source ->
        // a_src's 2/62.
        iv("22", "PCI", 2016, 40.0, null, null, "c_src", 3, "reported", true),
        iv("22", "PCI", 2016, null, 8, 63, "b_src", 1, "rank_conflict", false),
        iv("22", "PCI", 2016, null, 2, 62, "a_src", 4, "rank_conflict", false)));

    RankingsTest.assertRows(out, List.of(
        // frame, code, indicator, year, value, published_rank, published_n, value_source_id, rank_source_id
        row("VN63", "01", "PCI", 2016, 61.0, null, null, "a_src", null),
        row("VN63", "10", "PCI", 2016, 50.0, 7, 63, "c_src", "c_src"),
        row("VN63", "15", "PCI", 2016, null, 4, 63, null, "b_src"),
        row("VN63", "22", "PCI", 2016, 40.0, 2, 62, "c_src", "a_src")));
  }

  /** Through to rankings: the observation of a key feeds the published-rank fallback unchanged. */
  @Test
  void feedsRankings() {
    Dataset<Row> observations = Observations.preferred(table(INDICATOR_VALUES,
        iv("10", "PAR_INDEX", 2024, 89.03, null, null, "par_moha", 12, "reported", true),
        iv("10", "PAR_INDEX", 2024, 89.03, 26, 63, "laocai_facts", 5, "reported", false)));

    Dataset<Row> rankings = RankingsTest.rank(ComputeSettings.defaults(), observations);

    // 1 value of 63 expected: published rank 26/63, percentile 100 x (63 - 26) / 62 = 3700 / 62
    RankingsTest.assertRows(rankings, List.of(
        row("VN63", "10", "Lào Cai", "R2", "PAR_INDEX", 2024, 89.03, RankingsTest.HIB, 26, "published", 63,
            3700.0 / 62, null, null, "GOOD", 1, null, null, null, null, null, 26, 63, false)));
  }
}
