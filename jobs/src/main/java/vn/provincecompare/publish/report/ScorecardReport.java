package vn.provincecompare.publish.report;

import static vn.provincecompare.publish.report.Html.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.provincecompare.compute.Sentences;
import vn.provincecompare.publish.report.ReportData.RankPoint;
import vn.provincecompare.publish.report.ReportData.ScorecardLine;
import vn.provincecompare.publish.report.ReportData.TargetLine;

/**
 * Renders one province's scorecard report as a single self-contained HTML page: the scorecard table, the
 * sentences in Vietnamese and English, one rank-trajectory chart per indicator and a target-gap chart (inline
 * SVG), and the run's manifest. The page loads nothing: no script, font, stylesheet or image from anywhere, so it
 * can be mailed, archived or opened offline and shows the same thing. Every value from the data is escaped by
 * {@link Html#text}; numbers follow {@link Sentences}' formats (Vietnamese in tables: decimal comma).
 */
public final class ScorecardReport {
  private ScorecardReport() {}

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

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:24px auto;
      max-width:1100px;padding:0 16px;color:#1f2328;line-height:1.4}
      h1{font-size:1.6em;margin-bottom:0}h2{margin-top:1.8em;border-bottom:1px solid #d0d7de;padding-bottom:4px}
      .sub{color:#57606a;margin-top:4px}
      table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #d0d7de;padding:4px 6px;
      text-align:left;vertical-align:top}th{background:#f6f8fa}td.num{text-align:right;white-space:nowrap}
      .met{color:#1a7f37;font-weight:600}.not_met{color:#cf222e;font-weight:600}.no_target{color:#57606a}
      .charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #d0d7de;border-radius:6px;padding:6px;
      margin:0;background:#fff}.chart svg{display:block;width:360px;height:auto}.wide svg{width:100%;max-width:1060px}
      ul.sentences li{margin-bottom:6px}.en{color:#57606a}
      .note{color:#57606a;font-size:.85em}code{font-size:.9em}
      svg text{font-family:inherit}
      """;

  /** The whole page. */
  public static String render(ReportData d) {
    String name = d.unit().nameVi();
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // Forbids every fetch, so a reader can trust the page is self-contained even if a value slipped a URL in.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            + "style-src 'unsafe-inline'; img-src data:\">\n")
        .append("<title>").append(text(name)).append(" — Thẻ điểm / Scorecard — ").append(text(d.run().runId()))
        .append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<h1 id=\"unit\">").append(text(name)).append(" <small>(").append(text(d.unit().frame())).append(' ')
        .append(text(d.unit().code())).append(")</small></h1>\n")
        .append("<p class=\"sub\">Thẻ điểm các chỉ số cấp tỉnh / Provincial index scorecard · lần chạy / run <code>")
        .append(text(d.run().runId())).append("</code> · ").append(text(d.run().createdAt())).append("</p>\n");
    sentences(h, d);
    scorecardTable(h, d);
    trajectories(h, d);
    targets(h, d);
    manifest(h, d);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void sentences(StringBuilder h, ReportData d) {
    h.append("<h2 id=\"summary\">Tóm tắt / Summary</h2>\n<ul class=\"sentences\">\n");
    for (ScorecardLine s : d.scorecard()) {
      h.append("<li><span lang=\"vi\">").append(text(s.sentenceVi())).append("</span><br><span class=\"en\" "
          + "lang=\"en\">").append(text(s.sentenceEn())).append("</span></li>\n");
    }
    h.append("</ul>\n");
  }

  private static void scorecardTable(StringBuilder h, ReportData d) {
    h.append("<h2 id=\"scorecard\">Thẻ điểm / Scorecard</h2>\n<table class=\"scorecard\">\n<thead><tr>")
        .append("<th>Chỉ số<br>Indicator</th><th>Năm<br>Year</th><th>Điểm<br>Value</th><th>Hạng<br>Rank</th>")
        .append("<th>Thay đổi hạng<br>Rank change</th><th>Nhóm<br>Band</th><th>Mục tiêu<br>Target</th>")
        .append("<th>Khoảng cách<br>Gap</th><th>% mục tiêu<br>% of target</th>")
        .append("<th>Mạnh nhất<br>Strongest</th><th>Yếu nhất<br>Weakest</th></tr></thead>\n<tbody>\n");
    for (ScorecardLine s : d.scorecard()) {
      h.append("<tr data-indicator=\"").append(text(s.indicatorCode())).append("\"><td>")
          .append(text(s.shortName())).append("<br><code>").append(text(s.indicatorCode())).append("</code></td>")
          .append(num(s.latestYear() == null ? "" : String.valueOf(s.latestYear())))
          .append(num(vi(s.value())))
          .append(num(rank(s.rank(), s.nRanked()) + (s.rank() != null && "published".equals(s.rankSource())
              ? "*" : "")))
          .append(num(change(s.rankChange(), s.comparedYear())))
          .append("<td>").append(text(s.bandNameVi() != null ? s.bandNameVi() : s.bandCode())).append("</td>")
          .append("<td class=\"").append(text(s.targetStatus())).append("\">")
          .append(text(statusLabel(s.targetStatus()))).append(s.targetKind() == null ? "" : "<br><small>"
              + text(targetLabel(s.targetKind(), s.targetThreshold(), s.targetBandCode())) + "</small>")
          .append("</td>")
          .append(num(s.targetGap() == null ? "" : signedVi(s.targetGap()) + " " + unitLabel(s.targetGapUnit())))
          .append(num(s.targetPctOfTarget() == null ? "" : vi(s.targetPctOfTarget()) + "%"))
          .append("<td>").append(child(s.strongestChildCode(), s.strongestChildRank())).append("</td>")
          .append("<td>").append(child(s.weakestChildCode(), s.weakestChildRank())).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n<p class=\"note\">Số thập phân dùng dấu phẩy (89,03) / decimal comma. "
        + "* hạng do cơ quan công bố (không tính lại được từ dữ liệu) / rank as published (not recomputable from "
        + "the data). Thay đổi hạng dương = tăng bậc / positive rank change = moved up.</p>\n");
  }

  private static void trajectories(StringBuilder h, ReportData d) {
    h.append("<h2 id=\"trajectories\">Diễn biến thứ hạng / Rank trajectories</h2>\n<div class=\"charts\">\n");
    Map<String, List<RankPoint>> byIndicator = new LinkedHashMap<>();
    for (ScorecardLine s : d.scorecard()) {
      byIndicator.put(s.indicatorCode(), new ArrayList<>());
    }
    for (RankPoint p : d.ranks()) {
      if (byIndicator.containsKey(p.indicatorCode()) && p.rank() != null) {
        byIndicator.get(p.indicatorCode()).add(p);
      }
    }
    List<String> unranked = new ArrayList<>();
    for (ScorecardLine s : d.scorecard()) {
      List<RankPoint> points = byIndicator.get(s.indicatorCode());
      if (points.isEmpty()) {
        // Operational indicators are the province's own figures: nobody ranks them, so a chart would be empty.
        unranked.add(s.shortName());
        continue;
      }
      points.sort(Comparator.comparingInt(RankPoint::year));
      Optional<TargetLine> rankTarget = d.targets().stream()
          .filter(t -> t.indicatorCode().equals(s.indicatorCode()) && "rank_at_most".equals(t.kind())
              && t.threshold() != null).findFirst();
      h.append("<figure class=\"chart rank-chart\" data-indicator=\"").append(text(s.indicatorCode()))
          .append("\">\n").append(rankChart(s, points, rankTarget.map(TargetLine::threshold).orElse(null)))
          .append("</figure>\n");
    }
    h.append("</div>\n<p class=\"note\">Hạng 1 ở trên cùng; chấm rỗng = hạng công bố; nét đứt = có năm thiếu "
        + "dữ liệu; đường đỏ = mục tiêu top N / rank 1 at the top; hollow dot = published rank; dashed = a year "
        + "missing in between; red line = top-N target.</p>\n");
    if (!unranked.isEmpty()) {
      h.append("<p class=\"unranked\">Không xếp hạng / not ranked: ").append(text(String.join(", ", unranked)))
          .append(" (xem mục tiêu bên dưới / see the targets below).</p>\n");
    }
  }

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

  private static void targets(StringBuilder h, ReportData d) {
    h.append("<h2 id=\"targets\">Mục tiêu / Target gaps</h2>\n");
    if (d.targets().isEmpty()) {
      h.append("<p>Không có mục tiêu nào cho tỉnh này trong data/targets/targets.csv / no targets for this unit."
          + "</p>\n");
      return;
    }
    Map<String, String> names = new LinkedHashMap<>();
    d.scorecard().forEach(s -> names.put(s.indicatorCode(), s.shortName()));
    h.append("<figure class=\"chart wide gap-chart\">\n").append(gapChart(d.targets(), names)).append("</figure>\n")
        .append("<p class=\"note\">Chỉ tiêu giá trị: thanh = % so với chỉ tiêu (vạch 100% = đạt). Chỉ tiêu thứ hạng: "
            + "thanh = số bậc vượt (xanh) hoặc còn thiếu (đỏ). / Value targets: bar = percent of target (the 100% "
            + "mark = met). Rank and band targets: bar = places or bands ahead (green) or short (red).</p>\n");
    h.append("<table class=\"targets\">\n<thead><tr><th>Mục tiêu<br>Target</th><th>Chỉ số<br>Indicator</th>")
        .append("<th>Yêu cầu<br>Requirement</th><th>Năm<br>Year</th><th>Hiện tại<br>Latest</th>")
        .append("<th>Khoảng cách<br>Gap</th><th>% mục tiêu<br>% of target</th><th>Đạt?<br>Met?</th>")
        .append("<th>Đúng hướng?<br>On track?</th></tr></thead>\n<tbody>\n");
    for (TargetLine t : d.targets()) {
      String status = t.isMet() == null ? "no_target" : t.isMet() ? "met" : "not_met";
      h.append("<tr data-target=\"").append(text(t.targetId())).append("\"><td><code>").append(text(t.targetId()))
          .append("</code></td><td>").append(text(t.indicatorCode())).append("</td><td>")
          .append(text(targetLabel(t.kind(), t.threshold(), t.targetBandCode())))
          .append(t.baseYear() == null ? "" : " (" + t.baseYear() + ")")
          .append(t.targetYear() == null ? "" : " — " + t.targetYear()).append("</td>")
          .append(num(t.latestYear() == null ? "" : String.valueOf(t.latestYear())))
          .append(num(latest(t)))
          .append(num(t.gap() == null ? "" : signedVi(t.gap()) + " " + unitLabel(t.gapUnit())))
          .append(num(t.pctOfTarget() == null ? "" : vi(t.pctOfTarget()) + "%"))
          .append("<td class=\"").append(status).append("\">").append(text(yesNo(t.isMet()))).append("</td>")
          .append("<td>").append(text(yesNo(t.isOnTrack()))).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
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

  private static void manifest(StringBuilder h, ReportData d) {
    ReportData.RunInfo run = d.run();
    h.append("<h2 id=\"manifest\">Lần chạy / Run manifest</h2>\n<table class=\"manifest\">\n<tbody>\n")
        .append(row("run_id", run.runId())).append(row("created_at", run.createdAt()))
        .append(row("tool_version", run.toolVersion())).append(row("spark_version", run.sparkVersion()))
        .append("</tbody>\n</table>\n<h3>Bảng / Tables</h3>\n<table class=\"row-counts\">\n<thead><tr>")
        .append("<th>table</th><th>rows</th><th>schema_version</th></tr></thead>\n<tbody>\n");
    for (ReportData.TableCount t : run.tables()) {
      h.append("<tr><td>").append(text(t.name())).append("</td>").append(num(en(t.rows())))
          .append(num(String.valueOf(t.schemaVersion()))).append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n<h3>Nguồn số liệu của tỉnh / Sources of this unit's values</h3>\n")
        .append("<table class=\"sources\">\n<thead><tr><th>source_id</th><th>file</th><th>values</th></tr></thead>")
        .append("\n<tbody>\n");
    for (ReportData.SourceCount s : d.sources()) {
      h.append("<tr><td>").append(text(s.sourceId())).append("</td><td><code>").append(text(s.sourceFile()))
          .append("</code></td>").append(num(en(s.values()))).append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n<details><summary>Tệp đầu vào / Input files (")
        .append(run.inputs().size()).append(")</summary>\n<table class=\"inputs\">\n<thead><tr><th>path</th>")
        .append("<th>bytes</th><th>sha256</th></tr></thead>\n<tbody>\n");
    for (ReportData.InputFile f : run.inputs()) {
      h.append("<tr><td><code>").append(text(f.path())).append("</code></td>").append(num(en(f.bytes())))
          .append("<td><code>").append(text(f.sha256())).append("</code></td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</details>\n");
  }

  private static String row(String key, String value) {
    return "<tr><th>" + text(key) + "</th><td><code>" + text(value) + "</code></td></tr>\n";
  }

  private static String num(String content) {
    return "<td class=\"num\">" + text(content) + "</td>";
  }

  private static String child(String code, Integer rank) {
    return code == null ? "" : text(code) + (rank == null ? "" : " (" + rank + ")");
  }

  private static String latest(TargetLine t) {
    if (t.latestRank() != null && ("rank_at_most".equals(t.kind()))) {
      return rank(t.latestRank(), t.latestNRanked());
    }
    if (t.latestBandCode() != null && "band_at_least".equals(t.kind())) {
      return t.latestBandCode();
    }
    return vi(t.latestValue());
  }

  static String rank(Integer rank, Integer n) {
    return rank == null ? "" : rank + (n == null ? "" : "/" + n);
  }

  private static String change(Integer change, Integer comparedYear) {
    if (change == null) {
      return "";
    }
    String signed = change > 0 ? "+" + change : String.valueOf(change);
    return signed + (comparedYear == null ? "" : " (" + comparedYear + ")");
  }

  private static String vi(Double x) {
    return x == null ? "" : Sentences.numberVi(x);
  }

  private static String signedVi(double x) {
    return (x > 0 ? "+" : "") + Sentences.numberVi(x);
  }

  private static String en(long n) {
    return Sentences.numberEn((double) n);
  }

  private static String unitLabel(String gapUnit) {
    return gapUnit == null ? "" : gapUnit;
  }

  private static String yesNo(Boolean b) {
    return b == null ? "" : b ? "có / yes" : "không / no";
  }

  private static String statusLabel(String status) {
    if (status == null) {
      return "";
    }
    return switch (status) {
      case "met" -> "đạt / met";
      case "not_met" -> "chưa đạt / not met";
      case "no_target" -> "không có / none";
      default -> status;
    };
  }

  /** The requirement in words, from the target kinds of data/targets/targets.csv (see ARCHITECTURE.md). */
  static String targetLabel(String kind, Double threshold, String bandCode) {
    String th = threshold == null ? "?" : Sentences.numberVi(threshold);
    if (kind == null) {
      return "";
    }
    return switch (kind) {
      case "rank_at_most" -> "top " + th;
      case "value_at_least" -> "≥ " + th;
      case "value_at_most" -> "≤ " + th;
      case "band_at_least" -> "≥ " + (bandCode == null ? "?" : bandCode);
      case "change_at_least" -> "Δ ≥ " + th;
      default -> kind + " " + th;
    };
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
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
}
