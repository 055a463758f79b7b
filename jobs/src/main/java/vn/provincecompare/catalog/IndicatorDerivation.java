package vn.provincecompare.catalog;

/** The {@code derivation} column of indicators.csv (blank = published only, never derived). */
public enum IndicatorDerivation implements CatalogCsv.Coded {
  SUM_OF_CHILDREN("sum_of_children");

  private final String code;

  IndicatorDerivation(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
