package vn.provincecompare.catalog;

/**
 * The {@code kind} column of targets.csv: what a target of each kind is judged on and in what unit its gap is
 * counted. The one list of kinds: the catalog reads them, {@code compute.TargetRules} gives each its gap rule.
 */
public enum TargetKind implements CatalogCsv.Coded {
  VALUE_AT_LEAST("value_at_least", "points", Measure.VALUE),
  VALUE_AT_MOST("value_at_most", "points", Measure.VALUE),
  RANK_AT_MOST("rank_at_most", "places", Measure.RANK),
  BAND_AT_LEAST("band_at_least", "bands", Measure.BAND),
  CHANGE_AT_LEAST("change_at_least", "points", Measure.VALUE);

  /** What an observation must carry to count as the latest one for a target of this kind. */
  public enum Measure { VALUE, RANK, BAND }

  private final String code;
  private final String gapUnit;
  private final Measure measure;

  TargetKind(String code, String gapUnit, Measure measure) {
    this.code = code;
    this.gapUnit = gapUnit;
    this.measure = measure;
  }

  @Override
  public String code() {
    return code;
  }

  /** What the gap counts (a change of a level indicator is counted in percent instead: see TargetRules). */
  public String gapUnit() {
    return gapUnit;
  }

  public Measure measure() {
    return measure;
  }
}
