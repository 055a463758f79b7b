package vn.provincecompare.catalog;

import java.io.Serializable;

/**
 * One row of a bands file: a named group of an indicator's values or percentiles, {@code lower <= x < upper}
 * with a null bound unbounded. Band rank 1 is the best band of its indicator.
 */
public record Band(
    String indicatorCode,
    String bandCode,
    int bandRank,
    String nameVi,
    String nameEn,
    BandBasis basis,
    Double lower,
    Double upper,
    Integer firstYear,
    Integer lastYear,
    String source) implements Serializable {

  /** Whether {@code x} (a value or a percentile, as {@link #basis()} says) falls in this band. */
  public boolean contains(double x) {
    return (lower == null || x >= lower) && (upper == null || x < upper);
  }

  /** Whether the band is in force in {@code year}. */
  public boolean appliesTo(int year) {
    return (firstYear == null || year >= firstYear) && (lastYear == null || year <= lastYear);
  }
}
