package vn.provincecompare.catalog;

/** The {@code direction} column of indicators.csv: which way is better, for ranks, gaps and trends. */
public enum IndicatorDirection implements CatalogCsv.Coded {
  HIGHER_IS_BETTER("higher_is_better"),
  LOWER_IS_BETTER("lower_is_better");

  private final String code;

  IndicatorDirection(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
