package vn.provincecompare.catalog;

import java.io.Serializable;

/** One row of method_breaks.csv: a change of method between {@code breakYear - 1} and {@code breakYear}. */
public record MethodBreak(String indicatorCode, int breakYear, String description, String source)
    implements Serializable {

  /** Whether comparing {@code yearA} with {@code yearB} (either order) crosses this break. */
  public boolean isCrossedBy(int yearA, int yearB) {
    int from = Math.min(yearA, yearB);
    int to = Math.max(yearA, yearB);
    return from < breakYear && breakYear <= to;
  }
}
