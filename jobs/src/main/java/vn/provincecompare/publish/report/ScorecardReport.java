package vn.provincecompare.publish.report;

import static vn.provincecompare.publish.report.Html.text;
import static vn.provincecompare.publish.report.ReportCharts.gapChart;
import static vn.provincecompare.publish.report.ReportCharts.rankChart;
import static vn.provincecompare.publish.report.ReportFormat.change;
import static vn.provincecompare.publish.report.ReportFormat.en;
import static vn.provincecompare.publish.report.ReportFormat.rank;
import static vn.provincecompare.publish.report.ReportFormat.signedVi;
import static vn.provincecompare.publish.report.ReportFormat.statusLabel;
import static vn.provincecompare.publish.report.ReportFormat.targetLabel;
import static vn.provincecompare.publish.report.ReportFormat.unitLabel;
import static vn.provincecompare.publish.report.ReportFormat.vi;
import static vn.provincecompare.publish.report.ReportFormat.yesNo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@link Html#text}; numbers follow {@link Sentences}' formats (Vietnamese in tables: decimal comma) through
 * {@link ReportFormat}; the charts are {@link ReportCharts}'.
 */
public final class ScorecardReport {
  private ScorecardReport() {}

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

}
