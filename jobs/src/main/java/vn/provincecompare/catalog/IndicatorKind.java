package vn.provincecompare.catalog;

/** The {@code kind} column of indicators.csv: where an indicator sits in its index. */
public enum IndicatorKind implements CatalogCsv.Coded {
  COMPOSITE("composite"),
  DIMENSION("dimension"),
  SUB_DIMENSION("sub_dimension"),
  SUB_INDEX("sub_index"),
  PILLAR("pillar"),
  OPERATIONAL("operational");

  private final String code;

  IndicatorKind(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
