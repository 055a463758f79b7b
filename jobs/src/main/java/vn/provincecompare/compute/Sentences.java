package vn.provincecompare.compute;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.spark.sql.Row;

/**
 * The report sentences of a scorecard row, in Vietnamese and English, built only from that row's values, in
 * the form provincial reports use: "Lào Cai xếp thứ 26/63 về PAR INDEX năm 2024, giảm 15 bậc so với năm 2022;
 * chưa đạt mục tiêu top 20 (còn thiếu 6 bậc)."
 *
 * <p>Numbers are rounded to two decimals without trailing zeros; Vietnamese uses a decimal comma and a dot
 * between thousands (111,25; 1.250), English the reverse (111.25; 1,250).
 */
public final class Sentences {

  private Sentences() {
  }

  /**
   * The facts of one scorecard row a sentence may state.
   *
   * @param unitName        the unit's Vietnamese name (also used in English: names are not translated)
   * @param indicatorName   the indicator's short name (PAR INDEX, PCI, ...)
   * @param year            the year of the observation
   * @param value           the value, or null
   * @param rank            the rank, or null (then the sentence states the value)
   * @param nRanked         how many units were ranked that year, or null
   * @param rankChange      places moved since {@code comparedYear}, positive = up; null when unknown
   * @param comparedYear    the year the change is against, or null
   * @param targetStatus    {@code met}, {@code not_met} or {@code no_target}
   * @param targetKind      the kind of the worst target, or null
   * @param targetThreshold the threshold that target is assessed against (top N, a value, a change)
   * @param targetGap       its gap, positive = beyond the target
   * @param targetPct       its percent of target (value kinds), or null
   * @param targetBandCode  its band (band kinds), or null
   * @param targetBaseYear  its base year (change kinds), or null
   * @param targetGapUnit   what its threshold and gap count ({@code points}, {@code percent}, ...); null reads as
   *                        the kind's usual unit
   * @param targetAcrossMethodBreak true when a change target's base year and latest year are of two methods
   * @param targetJudgedOn  the unit the target was judged on when it is not this row's unit (a successor in the
   *                        new frame), or null
   */
  public record ScorecardFacts(String unitName, String indicatorName, int year, Double value, Integer rank,
      Integer nRanked, Integer rankChange, Integer comparedYear, String targetStatus, String targetKind,
      Double targetThreshold, Double targetGap, Double targetPct, String targetBandCode, Integer targetBaseYear,
      String targetGapUnit, Boolean targetAcrossMethodBreak, JudgedOn targetJudgedOn)
      implements Serializable {

    /** The facts of a row whose target, if any, is counted in its kind's usual unit. */
    public ScorecardFacts(String unitName, String indicatorName, int year, Double value, Integer rank,
        Integer nRanked, Integer rankChange, Integer comparedYear, String targetStatus, String targetKind,
        Double targetThreshold, Double targetGap, Double targetPct, String targetBandCode, Integer targetBaseYear) {
      this(unitName, indicatorName, year, value, rank, nRanked, rankChange, comparedYear, targetStatus, targetKind,
          targetThreshold, targetGap, targetPct, targetBandCode, targetBaseYear, null, null, null);
    }

    /** A change target counted in percent of its base value (a level indicator), not in points. */
    boolean isPercentChange() {
      return TargetRules.PERCENT.equals(targetGapUnit);
    }

    /** Reads the facts from a struct of scorecard columns (the names of {@link Scorecards#SCHEMA}). */
    static ScorecardFacts fromRow(Row row) {
      return new ScorecardFacts(row.getAs("unit_name_vi"), row.getAs("short_name"), row.<Integer>getAs("latest_year"),
          row.getAs("value"), row.getAs("rank"), row.getAs("n_ranked"), row.getAs("rank_change"),
          row.getAs("compared_year"), row.getAs("target_status"), row.getAs("target_kind"),
          row.getAs("target_threshold"), row.getAs("target_gap"), row.getAs("target_pct_of_target"),
          row.getAs("target_band_code"), row.getAs("target_base_year"), row.getAs("target_gap_unit"),
          row.getAs("is_target_method_break_since_base"), JudgedOn.fromRow(row));
    }
  }

  /**
   * The unit, year and position a target was judged on when that is another unit than the sentence's own.
   *
   * @param unitName its name as the sentence's language gives it
   */
  public record JudgedOn(String unitName, Integer year, Double value, Integer rank, Integer nRanked)
      implements Serializable {

    static JudgedOn fromRow(Row row) {
      String name = row.getAs("judged_on_name");
      return name == null ? null : new JudgedOn(name, row.getAs("target_judged_on_year"),
          row.getAs("target_judged_on_value"), row.getAs("target_judged_on_rank"),
          row.getAs("target_judged_on_n_ranked"));
    }
  }

  public static String vietnamese(ScorecardFacts f) {
    StringBuilder s = new StringBuilder(f.unitName());
    if (f.rank() != null) {
      s.append(" xếp thứ ").append(f.rank()).append(f.nRanked() == null ? "" : "/" + f.nRanked());
    } else {
      s.append(" đạt ").append(numberVi(f.value()));
    }
    s.append(" về ").append(f.indicatorName()).append(" năm ").append(f.year());
    if (f.rank() != null && f.rankChange() != null && f.comparedYear() != null) {
      int change = f.rankChange();
      s.append(", ").append(change > 0 ? "tăng " + change + " bậc" : change < 0 ? "giảm " + -change + " bậc"
          : "giữ nguyên thứ hạng").append(" so với năm ").append(f.comparedYear());
    }
    if (!"no_target".equals(f.targetStatus()) && f.targetStatus() != null) {
      boolean met = "met".equals(f.targetStatus());
      s.append("; ");
      JudgedOn on = f.targetJudgedOn();
      if (on != null) {
        // The gap is another unit's (another frame's): say so, with that unit's own position.
        s.append("đánh giá trên ").append(on.unitName()).append(", ")
            .append(on.rank() != null ? "xếp thứ " + on.rank() + (on.nRanked() == null ? "" : "/" + on.nRanked())
                : "đạt " + numberVi(on.value()))
            .append(" năm ").append(on.year()).append(": ");
      }
      s.append(met ? "đạt mục tiêu" : "chưa đạt mục tiêu");
      Double gap = f.targetGap();
      switch (f.targetKind() == null ? "" : f.targetKind()) {
        case "rank_at_most" -> {
          s.append(" top ").append(whole(f.targetThreshold()));
          if (gap != null && gap < 0) {
            s.append(" (còn thiếu ").append(whole(-gap)).append(" bậc)");
          } else if (gap != null && gap > 0) {
            s.append(" (vượt ").append(whole(gap)).append(" bậc)");
          }
        }
        case "band_at_least" -> {
          s.append(" nhóm ").append(f.targetBandCode());
          if (gap != null && gap < 0) {
            s.append(" (còn thiếu ").append(whole(-gap)).append(" bậc nhóm)");
          }
        }
        case "change_at_least" -> {
          // A level's change is in percent of the base year's value; the shortfall in percentage points of it.
          String unit = f.isPercentChange() ? "%" : " điểm";
          s.append(" cải thiện ").append(numberVi(f.targetThreshold())).append(unit).append(" so với năm ")
              .append(f.targetBaseYear());
          if (gap != null && gap < 0) {
            s.append(" (còn thiếu ").append(numberVi(-gap)).append(f.isPercentChange() ? " điểm phần trăm" : unit)
                .append(")");
          }
          if (Boolean.TRUE.equals(f.targetAcrossMethodBreak())) {
            s.append("; lưu ý: phương pháp tính đã thay đổi sau năm ").append(f.targetBaseYear());
          }
        }
        default -> {
          if (f.targetPct() != null) {
            s.append(" (đạt ").append(numberVi(f.targetPct())).append("% so với chỉ tiêu)");
          }
        }
      }
    }
    return s.append('.').toString();
  }

  public static String english(ScorecardFacts f) {
    StringBuilder s = new StringBuilder(f.unitName());
    if (f.rank() != null) {
      s.append(" ranked ").append(f.rank()).append(f.nRanked() == null ? "" : "/" + f.nRanked());
    } else {
      s.append(" scored ").append(numberEn(f.value()));
    }
    s.append(" on ").append(f.indicatorName()).append(" in ").append(f.year());
    if (f.rank() != null && f.rankChange() != null && f.comparedYear() != null) {
      int change = f.rankChange();
      s.append(", ").append(change > 0 ? "up " + places(change) : change < 0 ? "down " + places(-change)
          : "unchanged").append(" from ").append(f.comparedYear());
    }
    if (!"no_target".equals(f.targetStatus()) && f.targetStatus() != null) {
      String status = "met".equals(f.targetStatus()) ? " met" : " not met";
      Double gap = f.targetGap();
      s.append("; ");
      JudgedOn on = f.targetJudgedOn();
      if (on != null) {
        s.append("judged on ").append(on.unitName()).append(", ")
            .append(on.rank() != null ? "ranked " + on.rank() + (on.nRanked() == null ? "" : "/" + on.nRanked())
                : "scored " + numberEn(on.value()))
            .append(" in ").append(on.year()).append(": ");
      }
      s.append("target");
      switch (f.targetKind() == null ? "" : f.targetKind()) {
        case "rank_at_most" -> {
          s.append(" top ").append(whole(f.targetThreshold())).append(status);
          if (gap != null && gap < 0) {
            s.append(" (").append(places(whole(-gap))).append(" short)");
          } else if (gap != null && gap > 0) {
            s.append(" (").append(places(whole(gap))).append(" ahead)");
          }
        }
        case "band_at_least" -> {
          s.append(" band ").append(f.targetBandCode()).append(status);
          if (gap != null && gap < 0) {
            long bands = whole(-gap);
            s.append(" (").append(bands).append(bands == 1 ? " band" : " bands").append(" short)");
          }
        }
        case "change_at_least" -> {
          if (f.isPercentChange()) {
            s.append(" ").append(numberEn(f.targetThreshold())).append("% better than ").append(f.targetBaseYear())
                .append(status);
          } else {
            s.append(" +").append(numberEn(f.targetThreshold())).append(" points vs ").append(f.targetBaseYear())
                .append(status);
          }
          if (gap != null && gap < 0) {
            s.append(" (").append(numberEn(-gap)).append(f.isPercentChange() ? " percentage points" : " points")
                .append(" short)");
          }
          if (Boolean.TRUE.equals(f.targetAcrossMethodBreak())) {
            s.append("; note: the method changed after ").append(f.targetBaseYear());
          }
        }
        default -> {
          s.append(status);
          if (f.targetPct() != null) {
            s.append(" (").append(numberEn(f.targetPct())).append("% of target)");
          }
        }
      }
    }
    return s.append('.').toString();
  }

  /** 111.25 -> "111,25"; 1250 -> "1.250"; 64.5 -> "64,5". */
  public static String numberVi(Double x) {
    return format(x, ',', '.');
  }

  /** 111.25 -> "111.25"; 1250 -> "1,250". */
  public static String numberEn(Double x) {
    return format(x, '.', ',');
  }

  private static String format(Double x, char decimal, char thousands) {
    if (x == null) {
      return "?";
    }
    String plain = BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    boolean negative = plain.startsWith("-");
    String digits = negative ? plain.substring(1) : plain;
    int dot = digits.indexOf('.');
    String whole = dot < 0 ? digits : digits.substring(0, dot);
    String fraction = dot < 0 ? "" : digits.substring(dot + 1);
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        grouped.append(thousands);
      }
      grouped.append(whole.charAt(i));
    }
    return (negative ? "-" : "") + grouped + (fraction.isEmpty() ? "" : decimal + fraction);
  }

  private static long whole(Double x) {
    return Math.round(x);
  }

  private static String places(long n) {
    return n + (n == 1 ? " place" : " places");
  }
}
