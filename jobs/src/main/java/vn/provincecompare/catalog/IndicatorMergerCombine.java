package vn.provincecompare.catalog;

/** The {@code merger_combine} column of indicators.csv: how predecessors' values may be combined into a merged unit. */
public enum IndicatorMergerCombine implements CatalogCsv.Coded {
  NEVER("never"),
  SUM("sum"),
  POPULATION_WEIGHTED_MEAN("population_weighted_mean");

  private final String code;

  IndicatorMergerCombine(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
