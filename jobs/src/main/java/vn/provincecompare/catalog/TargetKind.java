package vn.provincecompare.catalog;

/** The {@code kind} column of targets.csv. */
public enum TargetKind implements CatalogCsv.Coded {
  VALUE_AT_LEAST("value_at_least"),
  VALUE_AT_MOST("value_at_most"),
  RANK_AT_MOST("rank_at_most"),
  BAND_AT_LEAST("band_at_least"),
  CHANGE_AT_LEAST("change_at_least");

  private final String code;

  TargetKind(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
