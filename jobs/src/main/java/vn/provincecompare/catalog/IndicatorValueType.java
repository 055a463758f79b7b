package vn.provincecompare.catalog;

/** The {@code value_type} column of indicators.csv: what kind of number the indicator is. */
public enum IndicatorValueType implements CatalogCsv.Coded {
  /** A bounded score: changes are meaningful in points only. */
  INDEX_SCORE("index_score"),
  /** A percentage 0-100: changes in percentage points. */
  SHARE("share"),
  /** A count or amount: percent change is meaningful too. */
  LEVEL("level");

  private final String code;

  IndicatorValueType(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /** Percent change suits levels only; for bounded scores a percent of a score is not a meaningful quantity. */
  public boolean allowsPercentChange() {
    return this == LEVEL;
  }
}
