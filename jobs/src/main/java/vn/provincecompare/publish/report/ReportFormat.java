package vn.provincecompare.publish.report;

import vn.provincecompare.compute.Sentences;

/**
 * How the report writes a number, a rank, a yes/no and a target's requirement: Vietnamese number formats
 * ({@link Sentences}: decimal comma) and the two languages side by side, the same in tables and charts.
 */
final class ReportFormat {
  private ReportFormat() {}

  static String rank(Integer rank, Integer n) {
    return rank == null ? "" : rank + (n == null ? "" : "/" + n);
  }

  static String vi(Double x) {
    return x == null ? "" : Sentences.numberVi(x);
  }

  static String signedVi(double x) {
    return (x > 0 ? "+" : "") + Sentences.numberVi(x);
  }

  static String en(long n) {
    return Sentences.numberEn((double) n);
  }

  static String unitLabel(String gapUnit) {
    return gapUnit == null ? "" : gapUnit;
  }

  static String yesNo(Boolean b) {
    return b == null ? "" : b ? "có / yes" : "không / no";
  }

  static String statusLabel(String status) {
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

  static String change(Integer change, Integer comparedYear) {
    if (change == null) {
      return "";
    }
    String signed = change > 0 ? "+" + change : String.valueOf(change);
    return signed + (comparedYear == null ? "" : " (" + comparedYear + ")");
  }
}
