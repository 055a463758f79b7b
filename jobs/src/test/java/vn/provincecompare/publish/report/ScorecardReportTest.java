package vn.provincecompare.publish.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.provincecompare.publish.report.ReportData.InputFile;
import vn.provincecompare.publish.report.ReportData.RankPoint;
import vn.provincecompare.publish.report.ReportData.RunInfo;
import vn.provincecompare.publish.report.ReportData.ScorecardLine;
import vn.provincecompare.publish.report.ReportData.SourceCount;
import vn.provincecompare.publish.report.ReportData.TableCount;
import vn.provincecompare.publish.report.ReportData.TargetLine;
import vn.provincecompare.publish.report.ReportData.Unit;

/**
 * The report page on DOMAIN.md's worked example (Lào Cai, PAR INDEX: 11/63 in 2021 and 2022, 7/63 in 2023, 26/63
 * with 89.03 in 2024; "top 20" missed by 6 places), with chart coordinates worked out by hand.
 */
class ScorecardReportTest {

  static final ScorecardLine PAR = new ScorecardLine("PAR_INDEX", "PAR INDEX", 2024, 89.03, 26, 63, "published",
      -19, 2023, "PAR_GROUP_B", "Nhóm B", "not_met", "rank_at_most", 20.0, null, -6.0, "places", null,
      "PAR_INDEX_F3", 4, "PAR_INDEX_F7", 40,
      "Lào Cai xếp thứ 26/63 về PAR INDEX năm 2024, giảm 19 bậc so với năm 2023; chưa đạt mục tiêu top 20 "
          + "(còn thiếu 6 bậc).",
      "Lào Cai ranked 26/63 on PAR INDEX in 2024, down 19 places from 2023; target top 20 not met (6 places short).");
  static final ScorecardLine DTI = new ScorecardLine("DTI", "DTI", 2022, null, null, null, "none", null, null, null,
      null, "no_target", null, null, null, null, null, null, null, null, null, null, "Lào Cai …", "Lào Cai …");

  static final List<RankPoint> RANKS = List.of(
      new RankPoint("PAR_INDEX", "VN63", 2021, 88.44, 11, 63, "published"),
      new RankPoint("PAR_INDEX", "VN63", 2022, null, 11, 63, "published"),
      new RankPoint("PAR_INDEX", "VN63", 2023, null, 7, 63, "computed"),
      new RankPoint("PAR_INDEX", "VN63", 2024, 89.03, 26, 63, "published"));

  static final List<TargetLine> TARGETS = List.of(
      new TargetLine("LCI-2025-PAR_INDEX-RANK", "PAR_INDEX", "rank_at_most", 20.0, null, null, 2025, 2024, 89.03, 26,
          63, "PAR_GROUP_B", -6.0, "places", null, false, 89.9, false),
      new TargetLine("LCI-2025-PAR_INDEX-VALUE", "PAR_INDEX", "value_at_least", 80.0, null, null, 2025, 2024, 89.03,
          26, 63, "PAR_GROUP_B", 9.03, "points", 111.2875, true, null, true));

  static final RunInfo RUN = new RunInfo("20250101T000000.000Z", "2025-01-01T00:00:00Z", "province-compare 0.1.0",
      "4.2.0", List.of(new TableCount("indicator_values", 67006, 1), new TableCount("scorecard", 394, 1)),
      List.of(new InputFile("data/targets/targets.csv", 6021, "ab12")));

  static ReportData laoCai(Unit unit, ScorecardLine... lines) {
    return new ReportData(unit, List.of(lines), RANKS, TARGETS,
        List.of(new SourceCount("published_lao_cai", "data/raw/published/lao_cai_published_facts.csv", 19)), RUN);
  }

  static final String PAGE = ScorecardReport.render(laoCai(new Unit("VN63", "10", "Lào Cai"), PAR, DTI));

  @Test
  void scorecardTableShowsTheWorkedExample() {
    assertThat(PAGE).contains("<h1 id=\"unit\">Lào Cai <small>(VN63 10)</small></h1>");
    // Vietnamese number format in the tables (decimal comma); '*' marks a published rank.
    assertThat(PAGE).contains("<td class=\"num\">2024</td><td class=\"num\">89,03</td><td class=\"num\">26/63*</td>"
        + "<td class=\"num\">-19 (2023)</td>");
    assertThat(PAGE).contains("<td class=\"num\">-6 places</td>");
    assertThat(PAGE).contains("còn thiếu 6 bậc").contains("6 places short");
    // 89.03 / 80 x 100 = 111.2875 -> 111,29%
    assertThat(PAGE).contains("<td class=\"num\">111,29%</td>");
  }

  @Test
  void oneRankChartPerIndicatorWithHandComputedCoordinates() {
    // DTI has no rank in the fixture: no empty chart, a note instead.
    assertThat(count(PAGE, "<figure class=\"chart rank-chart\"")).isEqualTo(1);
    assertThat(PAGE).contains("<p class=\"unranked\">Không xếp hạng / not ranked: DTI");
    // Axis: x from 40 to 346 over 2021..2024 (102 per year); y from 22 (rank 1) to 180 (rank 63, the largest
    // n ranked): 158 / 62 = 2.548387 per place.
    //   2021 rank 11: x 40,  y 22 + 10 x 2.548387 = 47.48
    //   2023 rank 7:  x 244, y 22 + 6 x 2.548387 = 37.29
    //   2024 rank 26: x 346, y 22 + 25 x 2.548387 = 85.71
    //   top 20 line:  y 22 + 19 x 2.548387 = 70.42
    assertThat(PAGE).contains("cx=\"40.0\" cy=\"47.5\"").contains("cx=\"244.0\" cy=\"37.3\"")
        .contains("cx=\"346.0\" cy=\"85.7\"");
    assertThat(PAGE).contains("y1=\"70.4\" y2=\"70.4\" stroke=\"#cf222e\"").contains(">top 20</text>");
    // Published ranks are hollow, computed ones filled.
    assertThat(PAGE).containsPattern("cx=\"346.0\" cy=\"85.7\" r=\"3.5\" stroke=\"#0969da\" stroke-width=\"1.5\" "
        + "fill=\"#ffffff\"");
    assertThat(PAGE).containsPattern("cx=\"244.0\" cy=\"37.3\" r=\"3.5\" stroke=\"#0969da\" stroke-width=\"1.5\" "
        + "fill=\"#0969da\"");
    // Four points, three segments.
    assertThat(count(PAGE, "<circle class=\"point\"")).isEqualTo(4);
    assertThat(count(PAGE, "<line class=\"trend\"")).isEqualTo(3);
  }

  @Test
  void targetGapChartBarsAreToScale() {
    // Bars start at x 320 and 150% is at x 770, so 100% is at 320 + 450 x 100/150 = 620.
    //   value target 111.2875%: from 320, width 450 x 111.2875 / 150 = 333.86
    //   rank target -6 places: 10 places = 50 percentage points = 150 units, so 6 places = 90 units left of 620
    assertThat(PAGE).contains("<rect class=\"gap-bar met\" x=\"320.0\"").contains("width=\"333.9\"");
    assertThat(PAGE).contains("<rect class=\"gap-bar not_met\" x=\"530.0\"").contains("width=\"90.0\"");
    // Labelled with the indicator's short name where the scorecard has it.
    assertThat(PAGE).contains(">PAR INDEX · top 20</text>");
    assertThat(PAGE).contains(">111,29%</text>").contains(">-6 places</text>");
  }

  @Test
  void manifestSectionListsRunRowCountsAndSources() {
    assertThat(PAGE).contains("<code>20250101T000000.000Z</code>")
        .contains("<tr><td>indicator_values</td><td class=\"num\">67,006</td><td class=\"num\">1</td></tr>")
        .contains("data/raw/published/lao_cai_published_facts.csv")
        .contains("<code>data/targets/targets.csv</code>");
  }

  @Test
  void pageLoadsNothingFromAnywhere() {
    assertThat(PAGE).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("src=").doesNotContainIgnoringCase("href=")
        .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@import")
        .doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
    assertThat(PAGE).contains("default-src 'none'");
  }

  @Test
  void everyValueFromTheDataIsEscaped() {
    String evil = "<script>alert(\"x\")</script> & 'Lào'";
    ScorecardLine line = new ScorecardLine("PAR_INDEX", "<b>PAR</b>", 2024, 89.03, 26, 63, "computed", null, null,
        null, "<img src=x>", "met", null, null, null, null, null, null, null, null, null, null, evil, evil);
    String page = ScorecardReport.render(new ReportData(new Unit("VN63", "10\"><x", evil), List.of(line),
        List.of(new RankPoint("PAR_INDEX", "VN63<", 2024, 89.03, 26, 63, "computed")), List.of(),
        List.of(new SourceCount("s", "a<b>.csv", 1)), RUN));
    assertThat(page).doesNotContain("<script").doesNotContain("<b>PAR").doesNotContain("<img")
        .doesNotContain("10\"><x").doesNotContain("VN63<").doesNotContain("a<b>");
    assertThat(page).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Lào&#39;")
        .contains("&lt;b&gt;PAR&lt;/b&gt;").contains("10&quot;&gt;&lt;x");
  }

  private static int count(String s, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
