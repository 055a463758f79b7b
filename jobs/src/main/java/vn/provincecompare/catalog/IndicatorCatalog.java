package vn.provincecompare.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.provincecompare.errors.DataException;

/**
 * The indicator catalog: {@code indicators.csv} with its bands ({@code bands.csv} and any {@code bands_*.csv})
 * and method breaks ({@code method_breaks.csv}), all from one reference folder.
 *
 * <p>Loading is strict: a catalog defect stops the run with a {@link DataException} naming the file, line, field
 * and what would be valid, because every later stage (ranks, gaps, breaks, merger rules) trusts these rows.
 */
public final class IndicatorCatalog {

  public static final String FILE = "indicators.csv";
  public static final List<String> COLUMNS = List.of("indicator_code", "parent_code", "family", "short_name",
      "short_name_vi", "name_vi", "name_en", "publisher", "kind", "unit", "value_type", "scale_min", "scale_max",
      "plausible_min", "plausible_max", "direction",
      "derivation", "first_year", "last_year", "merger_combine", "note");

  private static final String CODE_PATTERN = "[A-Z][A-Z0-9_]*";
  private static final int MIN_YEAR = 1990;
  private static final int MAX_YEAR = 2100;

  private final List<Indicator> indicators;
  private final Map<String, Indicator> byCode;
  private final Map<String, Indicator> byNameVi;
  private final Map<String, Indicator> byNameEn;
  private final Map<String, List<Indicator>> children;
  private final BandCatalog bands;
  private final MethodBreakCatalog methodBreaks;

  private IndicatorCatalog(List<Indicator> indicators, BandCatalog bands, MethodBreakCatalog methodBreaks) {
    this.indicators = List.copyOf(indicators);
    this.byCode = new LinkedHashMap<>();
    this.byNameVi = new HashMap<>();
    this.byNameEn = new HashMap<>();
    this.children = new HashMap<>();
    for (Indicator i : indicators) {
      byCode.put(i.code(), i);
      byNameVi.put(i.nameVi(), i);
      byNameEn.put(i.nameEn(), i);
      if (i.parentCode() != null) {
        children.computeIfAbsent(i.parentCode(), k -> new ArrayList<>()).add(i);
      }
    }
    this.bands = bands;
    this.methodBreaks = methodBreaks;
  }

  /** Loads {@code indicators.csv}, the bands files and {@code method_breaks.csv} from {@code referenceDir}. */
  public static IndicatorCatalog load(Path referenceDir) {
    List<Indicator> indicators = readIndicators(referenceDir.resolve(FILE));
    Set<String> codes = indicators.stream().map(Indicator::code).collect(Collectors.toUnmodifiableSet());
    BandCatalog bands = BandCatalog.load(referenceDir, codes);
    MethodBreakCatalog breaks = MethodBreakCatalog.load(referenceDir, codes);
    return new IndicatorCatalog(indicators, bands, breaks);
  }

  /** Every indicator, in file order. */
  public List<Indicator> all() {
    return indicators;
  }

  public Set<String> codes() {
    return Collections.unmodifiableSet(byCode.keySet());
  }

  public Optional<Indicator> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** The indicator, or {@link NoSuchElementException} naming the code and the families that exist. */
  public Indicator require(String code) {
    Indicator i = byCode.get(code);
    if (i == null) {
      String families = indicators.stream().map(Indicator::family).distinct().collect(Collectors.joining(", "));
      throw new NoSuchElementException("unknown indicator code '" + code + "'; the catalog has " + byCode.size()
          + " codes in the families " + families + " (data/reference/indicators.csv)");
    }
    return i;
  }

  /** The indicator whose {@code name_vi} equals {@code name} after trimming and NFC normalisation. */
  public Optional<Indicator> findByNameVi(String name) {
    return Optional.ofNullable(byNameVi.get(CatalogCsv.clean(name)));
  }

  /** The indicator whose {@code name_en} equals {@code name} after trimming and NFC normalisation. */
  public Optional<Indicator> findByNameEn(String name) {
    return Optional.ofNullable(byNameEn.get(CatalogCsv.clean(name)));
  }

  /** The direct children of {@code code}, in file order (empty for a leaf). */
  public List<Indicator> childrenOf(String code) {
    require(code);
    return List.copyOf(children.getOrDefault(code, List.of()));
  }

  public boolean isLowerBetter(String code) {
    return require(code).isLowerBetter();
  }

  public IndicatorScale scale(String code) {
    return require(code).scale();
  }

  /** The method breaks of {@code code} that a comparison of {@code yearA} with {@code yearB} crosses. */
  public List<MethodBreak> breaksBetween(String code, int yearA, int yearB) {
    require(code);
    return methodBreaks.breaksBetween(code, yearA, yearB);
  }

  /** The bands of {@code code} in force in {@code year}, best first (empty when it has none). */
  public List<Band> bandsFor(String code, int year) {
    require(code);
    return bands.bandsFor(code, year);
  }

  public BandCatalog bands() {
    return bands;
  }

  public MethodBreakCatalog methodBreaks() {
    return methodBreaks;
  }

  private static List<Indicator> readIndicators(Path file) {
    List<CatalogCsv.Row> rows = CatalogCsv.read(file, COLUMNS);
    List<Indicator> out = new ArrayList<>();
    Map<String, CatalogCsv.Row> rowByCode = new HashMap<>();
    Map<String, Integer> lineByNameVi = new HashMap<>();
    Map<String, Integer> lineByNameEn = new HashMap<>();
    for (CatalogCsv.Row row : rows) {
      Indicator ind = parse(row);
      CatalogCsv.Row earlier = rowByCode.putIfAbsent(ind.code(), row);
      if (earlier != null) {
        throw row.error("indicator_code", "duplicate code '" + ind.code() + "', first defined on line "
            + earlier.line() + "; each indicator_code must appear once");
      }
      unique(row, "name_vi", ind.nameVi(), lineByNameVi);
      unique(row, "name_en", ind.nameEn(), lineByNameEn);
      out.add(ind);
    }
    Map<String, Indicator> byCode = out.stream().collect(Collectors.toMap(Indicator::code, i -> i));
    Set<String> parents = new HashSet<>();
    for (Indicator ind : out) {
      CatalogCsv.Row row = rowByCode.get(ind.code());
      if (ind.parentCode() != null) {
        Indicator parent = byCode.get(ind.parentCode());
        if (parent == null) {
          throw row.error("parent_code", "unknown parent '" + ind.parentCode()
              + "'; expected blank or an indicator_code defined in " + file.getFileName());
        }
        checkNoCycle(row, ind, byCode);
        checkYearsInsideParent(row, ind, parent);
        parents.add(parent.code());
      }
    }
    for (Indicator ind : out) {
      if (ind.derivation() == IndicatorDerivation.SUM_OF_CHILDREN && !parents.contains(ind.code())) {
        throw rowByCode.get(ind.code()).error("derivation", "is sum_of_children but no indicator names '"
            + ind.code() + "' as parent_code; add its children or leave derivation blank");
      }
    }
    return out;
  }

  private static Indicator parse(CatalogCsv.Row row) {
    String code = row.required("indicator_code", "an upper-case code such as PAPI_D1");
    if (!code.matches(CODE_PATTERN)) {
      throw row.error("indicator_code", "'" + code + "' is not a valid code; expected upper-case letters, digits "
          + "and '_', starting with a letter (e.g. PAPI_D1)");
    }
    String parent = row.isBlank("parent_code") ? null : row.text("parent_code");
    if (code.equals(parent)) {
      throw row.error("parent_code", "'" + code + "' names itself as parent; expected blank or another code");
    }
    IndicatorKind kind = row.oneOf("kind", IndicatorKind.class);
    IndicatorValueType valueType = row.oneOf("value_type", IndicatorValueType.class);
    Double min = row.optionalDouble("scale_min", "the lowest possible value, or blank for unbounded");
    Double max = row.optionalDouble("scale_max", "the highest possible value, or blank for unbounded");
    checkScale(row, valueType, min, max);
    Double plausibleMin = row.optionalDouble("plausible_min", "the lowest plausible value, or blank for the scale's");
    Double plausibleMax = row.optionalDouble("plausible_max", "the highest plausible value, or blank for the scale's");
    checkPlausibleRange(row, min, max, plausibleMin, plausibleMax);
    Integer first = year(row, "first_year");
    Integer last = year(row, "last_year");
    if (first != null && last != null && first > last) {
      throw row.error("last_year", "last_year " + last + " is before first_year " + first
          + "; expected last_year >= first_year or blank");
    }
    return new Indicator(code, parent,
        row.required("family", "the index family, e.g. PAPI"),
        row.required("short_name", "the name reports use, e.g. PAR INDEX"),
        row.isBlank("short_name_vi") ? null : row.text("short_name_vi"),
        row.required("name_vi", "the Vietnamese name"),
        row.required("name_en", "the English name"),
        row.required("publisher", "who publishes the indicator"),
        kind,
        row.required("unit", "the unit, e.g. points, %, persons"),
        valueType, min, max, plausibleMin, plausibleMax,
        row.oneOf("direction", IndicatorDirection.class),
        row.optionalOneOf("derivation", IndicatorDerivation.class),
        first, last,
        row.oneOf("merger_combine", IndicatorMergerCombine.class),
        row.isBlank("note") ? null : row.text("note"));
  }

  private static void checkScale(CatalogCsv.Row row, IndicatorValueType type, Double min, Double max) {
    if (min != null && max != null && min > max) {
      throw row.error("scale_min", "scale_min " + min + " is above scale_max " + max
          + "; expected scale_min <= scale_max");
    }
    if (type == IndicatorValueType.INDEX_SCORE && (min == null || max == null)) {
      throw row.error(min == null ? "scale_min" : "scale_max",
          "is blank but value_type index_score is a bounded score; give both scale_min and scale_max");
    }
    if (type == IndicatorValueType.SHARE) {
      if (min == null || max == null || min < 0 || max > 100) {
        throw row.error(min == null || min < 0 ? "scale_min" : "scale_max",
            "value_type share is a percentage; expected scale_min and scale_max within 0..100 (usually 0 and 100)");
      }
    }
  }

  /** A plausible range narrows the scale; it never widens it, and it is not empty. */
  private static void checkPlausibleRange(CatalogCsv.Row row, Double scaleMin, Double scaleMax, Double low,
      Double high) {
    // checkScale has already refused a scale whose min is above its max, so the IndicatorScale below is valid.
    if (low != null && high != null && low > high) {
      throw row.error("plausible_min", "plausible_min " + low + " is above plausible_max " + high
          + "; expected plausible_min <= plausible_max");
    }
    IndicatorScale scale = new IndicatorScale(scaleMin, scaleMax);
    if (low != null && !scale.contains(low)) {
      throw row.error("plausible_min", "plausible_min " + low + " lies outside the scale " + scale.text()
          + "; a plausible range lies within the scale");
    }
    if (high != null && !scale.contains(high)) {
      throw row.error("plausible_max", "plausible_max " + high + " lies outside the scale " + scale.text()
          + "; a plausible range lies within the scale");
    }
  }

  private static Integer year(CatalogCsv.Row row, String column) {
    Integer y = row.optionalInt(column, "a year such as 2018, or blank");
    if (y != null && (y < MIN_YEAR || y > MAX_YEAR)) {
      throw row.error(column, "year " + y + " is out of range; expected " + MIN_YEAR + ".." + MAX_YEAR + " or blank");
    }
    return y;
  }

  private static void unique(CatalogCsv.Row row, String column, String value, Map<String, Integer> seen) {
    Integer first = seen.putIfAbsent(value, row.line());
    if (first != null) {
      throw row.error(column, "'" + value + "' is already the " + column + " of line " + first
          + "; names must be unique so that a published label maps to one indicator");
    }
  }

  private static void checkNoCycle(CatalogCsv.Row row, Indicator ind, Map<String, Indicator> byCode) {
    Set<String> seen = new LinkedHashSet<>();
    Indicator cur = ind;
    while (cur != null && cur.parentCode() != null) {
      if (!seen.add(cur.code())) {
        throw row.error("parent_code", "the parent chain of '" + ind.code() + "' loops (" + String.join(" -> ", seen)
            + "); expected a tree");
      }
      cur = byCode.get(cur.parentCode());
    }
  }

  private static void checkYearsInsideParent(CatalogCsv.Row row, Indicator ind, Indicator parent) {
    if (ind.firstYear() != null && parent.firstYear() != null && ind.firstYear() < parent.firstYear()) {
      throw row.error("first_year", "first_year " + ind.firstYear() + " is before its parent " + parent.code()
          + "'s first_year " + parent.firstYear() + "; a component cannot exist before its index");
    }
    if (ind.lastYear() != null && parent.lastYear() != null && ind.lastYear() > parent.lastYear()) {
      throw row.error("last_year", "last_year " + ind.lastYear() + " is after its parent " + parent.code()
          + "'s last_year " + parent.lastYear() + "; a component cannot outlive its index");
    }
  }
}
