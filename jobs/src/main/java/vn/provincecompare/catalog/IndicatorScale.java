package vn.provincecompare.catalog;

import java.io.Serializable;

/**
 * The range an indicator's values can take; a null bound is open. Used to reject impossible values and to tell a
 * real 0 from a 0 written for "no data" (see {@link MissingValueCodes}).
 */
public record IndicatorScale(Double min, Double max) implements Serializable {

  public IndicatorScale {
    if (min != null && max != null && min > max) {
      throw new IllegalArgumentException("scale min " + min + " is above max " + max);
    }
  }

  /** Whether {@code value} lies within the scale, bounds included. */
  public boolean contains(double value) {
    return (min == null || value >= min) && (max == null || value <= max);
  }

  /** The scale as messages write it, {@code 0.0..100.0}; an open bound is blank. */
  public String text() {
    return (min == null ? "" : min.toString()) + ".." + (max == null ? "" : max.toString());
  }
}
