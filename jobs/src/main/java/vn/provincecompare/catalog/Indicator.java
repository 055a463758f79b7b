package vn.provincecompare.catalog;

import java.io.Serializable;

/**
 * One row of {@code data/reference/indicators.csv}. Optional columns are null when blank.
 *
 * @param firstYear first year the indicator exists (null = not recorded)
 * @param lastYear  last year it exists (null = still published or not recorded)
 * @param derivation null when the indicator is only ever published, never derived
 * @param plausibleMin lowest value a real publication has reason to hold, within the scale (null = the scale's);
 *                   a value on the scale but outside this range is kept out as IMPLAUSIBLE (a 0-1 share given
 *                   where a 0-100 percentage is expected fits the scale and nothing else would catch it)
 * @param plausibleMax highest such value (null = the scale's)
 */
public record Indicator(
    String code,
    String parentCode,
    String family,
    String shortName,
    String shortNameVi,
    String nameVi,
    String nameEn,
    String publisher,
    IndicatorKind kind,
    String unit,
    IndicatorValueType valueType,
    Double scaleMin,
    Double scaleMax,
    Double plausibleMin,
    Double plausibleMax,
    IndicatorDirection direction,
    IndicatorDerivation derivation,
    Integer firstYear,
    Integer lastYear,
    IndicatorMergerCombine mergerCombine,
    String note) implements Serializable {

  public IndicatorScale scale() {
    return new IndicatorScale(scaleMin, scaleMax);
  }

  public boolean isLowerBetter() {
    return direction == IndicatorDirection.LOWER_IS_BETTER;
  }

  /** Whether the indicator is published for {@code year}, as far as first_year/last_year say. */
  public boolean existsIn(int year) {
    return (firstYear == null || year >= firstYear) && (lastYear == null || year <= lastYear);
  }
}
