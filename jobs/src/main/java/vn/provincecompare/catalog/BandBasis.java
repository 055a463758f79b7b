package vn.provincecompare.catalog;

/** The {@code basis} column of bands.csv: what a band's bounds are compared with. */
public enum BandBasis implements CatalogCsv.Coded {
  VALUE("value"),
  PERCENTILE("percentile");

  private final String code;

  BandBasis(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
