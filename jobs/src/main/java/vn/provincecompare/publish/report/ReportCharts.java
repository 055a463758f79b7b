package vn.provincecompare.publish.report;

import static vn.provincecompare.publish.report.Html.text;
import static vn.provincecompare.publish.report.ReportFormat.rank;
import static vn.provincecompare.publish.report.ReportFormat.signedVi;
import static vn.provincecompare.publish.report.ReportFormat.targetLabel;
import static vn.provincecompare.publish.report.ReportFormat.unitLabel;
import static vn.provincecompare.publish.report.ReportFormat.vi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.provincecompare.publish.report.ReportData.RankPoint;
import vn.provincecompare.publish.report.ReportData.ScorecardLine;
import vn.provincecompare.publish.report.ReportData.TargetLine;

/** The report's two charts as inline SVG (no script, no library): a rank trajectory and the target-gap bars. */
final class ReportCharts {
  private ReportCharts() {}

  // Chart geometry (SVG user units; the charts scale with the page through viewBox).
  private static final int RANK_W = 360;
  private static final int RANK_H = 210;
  private static final int LEFT = 40;
  private static final int RIGHT = 14;
  private static final int TOP = 22;
  private static final int BOTTOM = 30;
  private static final int GAP_ROW = 34;
  private static final int GAP_W = 840;
  private static final int GAP_LABEL = 310;
  /** A percent-of-target bar is drawn up to this share; beyond it the bar is capped and the number says it. */
  private static final double PCT_AXIS_MAX = 150;

  /**
   * One indicator's ranks over the years (at least one point): rank 1 at the top, the axis down to the largest n
   * ranked.
   */
  static String rankChart(ScorecardLine s, List<RankPoint> points, Double topN) {
    StringBuilder g = new StringBuilder();
    String title = s.shortName() + " — hạng / rank";
    g.append("<svg viewBox=\"0 0 ").append(RANK_W).append(' ').append(RANK_H)
        .append("\" role=\"img\" aria-label=\"").append(text(title)).append("\">\n")
        .append("<text x=\"").append(LEFT).append("\" y=\"14\" font-size=\"12\" font-weight=\"600\">")
        .append(text(title)).append("</text>\n");
    int minYear = points.get(0).year();
    int maxYear = points.get(points.size() - 1).year();
    if (minYear == maxYear) {
      minYear--;
      maxYear++;
    }
    int maxRank = 2;
    for (RankPoint p : points) {
      maxRank = Math.max(maxRank, Math.max(p.rank(), p.nRanked() == null ? 0 : p.nRanked()));
    }
    if (topN != null) {
      maxRank = Math.max(maxRank, (int) Math.round(topN));
    }
    Axis x = new Axis(minYear, maxYear, LEFT, RANK_W - RIGHT);
    Axis y = new Axis(1, maxRank, TOP, RANK_H - BOTTOM);
    // Grid: rank 1, the bottom rank, and round ranks in between.
    for (int r : rankTicks(maxRank)) {
      g.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(RANK_W - RIGHT).append("\" y1=\"")
          .append(f(y.at(r))).append("\" y2=\"").append(f(y.at(r))).append("\" stroke=\"#eaeef2\"/>")
          .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(f(y.at(r) + 4))
          .append("\" font-size=\"10\" text-anchor=\"end\" fill=\"#57606a\">").append(r).append("</text>\n");
    }
    int step = (maxYear - minYear) > 10 ? 2 : 1;
    for (int yr = minYear; yr <= maxYear; yr += step) {
      g.append("<text x=\"").append(f(x.at(yr))).append("\" y=\"").append(RANK_H - BOTTOM + 16)
          .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">").append(yr).append("</text>\n");
    }
    if (topN != null) {
      long n = Math.round(topN);
      g.append("<line class=\"target\" x1=\"").append(LEFT).append("\" x2=\"").append(RANK_W - RIGHT)
          .append("\" y1=\"").append(f(y.at(n))).append("\" y2=\"").append(f(y.at(n)))
          .append("\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>")
          .append("<text x=\"").append(RANK_W - RIGHT).append("\" y=\"").append(f(y.at(n) - 3))
          .append("\" font-size=\"10\" text-anchor=\"end\" fill=\"#cf222e\">top ").append(n).append("</text>\n");
    }
    for (int i = 1; i < points.size(); i++) {
      RankPoint a = points.get(i - 1);
      RankPoint b = points.get(i);
      g.append("<line class=\"trend\" x1=\"").append(f(x.at(a.year()))).append("\" y1=\"").append(f(y.at(a.rank())))
          .append("\" x2=\"").append(f(x.at(b.year()))).append("\" y2=\"").append(f(y.at(b.rank())))
          .append("\" stroke=\"#0969da\" stroke-width=\"2\"")
          .append(b.year() - a.year() > 1 ? " stroke-dasharray=\"5 4\"" : "").append("/>\n");
    }
    for (RankPoint p : points) {
      boolean published = "published".equals(p.rankSource());
      String label = rank(p.rank(), p.nRanked());
      g.append("<circle class=\"point\" cx=\"").append(f(x.at(p.year()))).append("\" cy=\"").append(f(y.at(p.rank())))
          .append("\" r=\"3.5\" stroke=\"#0969da\" stroke-width=\"1.5\" fill=\"")
          .append(published ? "#ffffff" : "#0969da").append("\"><title>").append(p.year()).append(": ")
          .append(text(label)).append(" (").append(text(p.unitFrame())).append(", ")
          .append(text(p.rankSource())).append(")</title></circle>")
          .append("<text class=\"rank-label\" x=\"").append(f(x.at(p.year()))).append("\" y=\"")
          .append(f(y.at(p.rank()) - 7)).append("\" font-size=\"9\" text-anchor=\"middle\">").append(p.rank())
          .append("</text>\n");
    }
    g.append("</svg>\n");
    return g.toString();
  }

  /**
   * One bar per target. Value kinds show percent of target against a 100% mark (capped at
   * {@value #PCT_AXIS_MAX}%); rank and band kinds have no percent, so they show the gap in places or bands,
   * left of the mark when short, right when ahead, on the same pixel scale as 50 percentage points per 10 places.
   */
  static String gapChart(List<TargetLine> targets, Map<String, String> shortNames) {
    int height = TOP + GAP_ROW * targets.size() + BOTTOM;
    double x0 = GAP_LABEL + 10;
    double x1 = GAP_W - 70;
    Axis pct = new Axis(0, PCT_AXIS_MAX, x0, x1);
    double mark = pct.at(100);
    double perPlace = (pct.at(100) - pct.at(50)) / 10.0;
    StringBuilder g = new StringBuilder();
    g.append("<svg viewBox=\"0 0 ").append(GAP_W).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"Khoảng cách mục tiêu / target gaps\">\n")
        .append("<line x1=\"").append(f(mark)).append("\" x2=\"").append(f(mark)).append("\" y1=\"").append(TOP - 6)
        .append("\" y2=\"").append(height - BOTTOM + 4).append("\" stroke=\"#1f2328\" stroke-dasharray=\"3 3\"/>")
        .append("<text x=\"").append(f(mark)).append("\" y=\"").append(TOP - 9)
        .append("\" font-size=\"10\" text-anchor=\"middle\">100% / mục tiêu · target</text>\n");
    int row = 0;
    for (TargetLine t : targets) {
      double yTop = TOP + row * GAP_ROW + 6;
      double yMid = yTop + 10;
      boolean met = Boolean.TRUE.equals(t.isMet());
      String color = t.isMet() == null ? "#8c959f" : met ? "#1a7f37" : "#cf222e";
      g.append("<text x=\"").append(GAP_LABEL).append("\" y=\"").append(f(yMid + 4))
          .append("\" font-size=\"11\" text-anchor=\"end\">")
          .append(text(shortNames.getOrDefault(t.indicatorCode(), t.indicatorCode()))).append(" · ")
          .append(text(targetLabel(t.kind(), t.threshold(), t.targetBandCode()))).append("</text>");
      String label;
      double from;
      double to;
      if (t.pctOfTarget() != null) {
        double shown = Math.min(Math.max(t.pctOfTarget(), 0), PCT_AXIS_MAX);
        from = x0;
        to = pct.at(shown);
        label = vi(t.pctOfTarget()) + "%" + (t.pctOfTarget() > PCT_AXIS_MAX ? " ›" : "");
      } else if (t.gap() != null) {
        double span = Math.max(-(mark - x0), Math.min(x1 - mark, t.gap() * perPlace));
        from = Math.min(mark, mark + span);
        to = Math.max(mark, mark + span);
        label = signedVi(t.gap()) + " " + unitLabel(t.gapUnit());
      } else {
        from = x0;
        to = x0;
        label = "chưa có số liệu / no data";
      }
      g.append("<rect class=\"gap-bar ").append(met ? "met" : "not_met").append("\" x=\"").append(f(from))
          .append("\" y=\"").append(f(yTop)).append("\" width=\"").append(f(Math.max(to - from, 1)))
          .append("\" height=\"20\" fill=\"").append(color).append("\" fill-opacity=\"0.8\"><title>")
          .append(text(t.targetId())).append(": ").append(text(label)).append("</title></rect>")
          .append("<text class=\"gap-label\" x=\"").append(f(Math.max(to, from) + 4)).append("\" y=\"")
          .append(f(yMid + 4)).append("\" font-size=\"11\">").append(text(label)).append("</text>\n");
      row++;
    }
    g.append("</svg>\n");
    return g.toString();
  }

  /** Rank ticks: 1, round ranks in between (every 2, 5 or 10 by the axis length), and the bottom rank. */
  private static List<Integer> rankTicks(int maxRank) {
    List<Integer> ticks = new ArrayList<>();
    ticks.add(1);
    int step = maxRank <= 12 ? 2 : maxRank <= 40 ? 5 : 10;
    for (int r = step; r < maxRank; r += step) {
      if (maxRank - r >= step / 2.0) {
        ticks.add(r);
      }
    }
    ticks.add(maxRank);
    return ticks;
  }

  /** A linear map from data to SVG coordinates. */
  private record Axis(double min, double max, double from, double to) {
    double at(double v) {
      return from + (v - min) / (max - min) * (to - from);
    }
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
