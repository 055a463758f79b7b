package vn.provincecompare.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole reference catalog of one run, loaded once from the data folder: units and names
 * ({@code reference/}), indicators, bands, method breaks, missing-value codes, and targets ({@code targets/}).
 */
public record Catalog(UnitCatalog units, ProvinceNameResolver resolver, IndicatorCatalog indicators,
    MissingValueCodes missingValueCodes, TargetCatalog targets) {

  public static Catalog load(Path dataDir) {
    Path reference = dataDir.resolve("reference");
    UnitCatalog units = UnitCatalog.load(reference);
    IndicatorCatalog indicators = IndicatorCatalog.load(reference);
    return new Catalog(units, ProvinceNameResolver.from(units), indicators, MissingValueCodes.load(reference),
        TargetCatalog.load(dataDir.resolve("targets"), indicators));
  }

  /**
   * A raw indicator as written to its catalog code: the code itself, or an exact Vietnamese or English name
   * (operational reports name their indicators in words). Null when unknown.
   */
  public Function<String, String> indicatorLookup() {
    return raw -> {
      if (raw == null) {
        return null;
      }
      String text = java.text.Normalizer.normalize(vn.provincecompare.cells.CellText.unpadded(raw),
          java.text.Normalizer.Form.NFC);
      Optional<Indicator> found = indicators.find(text);
      if (found.isEmpty()) {
        found = indicators.findByNameVi(text);
      }
      if (found.isEmpty()) {
        found = indicators.findByNameEn(text);
      }
      return found.map(Indicator::code).orElse(null);
    };
  }

  /** Missing-value codes that always mean "no value", lower-cased (blank is always missing). */
  public List<String> alwaysMissingCodes() {
    return missingValueCodes.all().stream()
        .filter(c -> c.match() == MissingValueCodes.Match.EXACT && c.appliesWhen() == MissingValueCodes.AppliesWhen.ALWAYS)
        .map(c -> c.code().toLowerCase(java.util.Locale.ROOT))
        .filter(c -> !c.isEmpty())
        .toList();
  }

  /** Numbers that mean "no value" where they are off the indicator's scale (0 for a PAPI score). */
  public List<Double> offScaleMissingNumbers() {
    return missingValueCodes.all().stream()
        .filter(c -> c.match() == MissingValueCodes.Match.NUMERIC
            && c.appliesWhen() == MissingValueCodes.AppliesWhen.OFF_SCALE)
        .map(c -> Double.valueOf(c.code()))
        .toList();
  }

  /**
   * Parents derived as sums of their children, grouped so that a parent comes after every derived child:
   * PAPI's dimensions (from sub-dimensions), then PAPI's total (from dimensions).
   */
  public List<List<String>> derivationLevels() {
    Map<String, Integer> level = new HashMap<>();
    List<Indicator> derived = indicators.all().stream()
        .filter(i -> i.derivation() == IndicatorDerivation.SUM_OF_CHILDREN).toList();
    for (Indicator i : derived) {
      levelOf(i.code(), level);
    }
    int max = level.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<List<String>> levels = new ArrayList<>();
    for (int l = 1; l <= max; l++) {
      final int at = l;
      levels.add(derived.stream().map(Indicator::code).filter(c -> level.get(c) == at).sorted().toList());
    }
    return levels;
  }

  private int levelOf(String code, Map<String, Integer> memo) {
    Integer known = memo.get(code);
    if (known != null) {
      return known;
    }
    Indicator ind = indicators.require(code);
    if (ind.derivation() != IndicatorDerivation.SUM_OF_CHILDREN) {
      return 0;
    }
    int deepest = 0;
    for (Indicator child : indicators.childrenOf(code)) {
      deepest = Math.max(deepest, levelOf(child.code(), memo));
    }
    memo.put(code, deepest + 1);
    return deepest + 1;
  }
}
