package vn.provincecompare.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Method breaks from {@code method_breaks.csv}: a year-over-year change across one of them compares two different
 * methods and must be flagged. Breaks are per indicator code: a break of PAPI does not apply to PAPI_D1 unless a
 * row says so, because the dimensions kept their scale when the total changed.
 */
public final class MethodBreakCatalog {

  public static final String FILE = "method_breaks.csv";
  public static final List<String> COLUMNS = List.of("indicator_code", "break_year", "description", "source");

  private final List<MethodBreak> breaks;

  private MethodBreakCatalog(List<MethodBreak> breaks) {
    this.breaks = List.copyOf(breaks);
  }

  /** Loads {@code method_breaks.csv} from {@code referenceDir}; every row must name one of {@code indicatorCodes}. */
  public static MethodBreakCatalog load(Path referenceDir, Set<String> indicatorCodes) {
    List<MethodBreak> out = new ArrayList<>();
    Map<String, Integer> lineByKey = new HashMap<>();
    for (CatalogCsv.Row row : CatalogCsv.read(referenceDir.resolve(FILE), COLUMNS)) {
      String indicator = row.required("indicator_code", "an indicator_code of indicators.csv");
      if (!indicatorCodes.contains(indicator)) {
        throw row.error("indicator_code", "unknown indicator '" + indicator
            + "'; expected an indicator_code of indicators.csv");
      }
      int year = row.requiredInt("break_year", "the first year of the new method, e.g. 2018");
      Integer first = lineByKey.putIfAbsent(indicator + "@" + year, row.line());
      if (first != null) {
        throw row.error("break_year", "a break of " + indicator + " in " + year + " is already on line " + first
            + "; expected one row per indicator and year (put both changes in one description)");
      }
      out.add(new MethodBreak(indicator, year,
          row.required("description", "what changed and why values are not comparable"),
          row.required("source", "the publication, page or file that documents the change")));
    }
    return new MethodBreakCatalog(out);
  }

  public List<MethodBreak> all() {
    return breaks;
  }

  /** The breaks of {@code indicatorCode}, oldest first. */
  public List<MethodBreak> breaksFor(String indicatorCode) {
    return breaks.stream()
        .filter(b -> b.indicatorCode().equals(indicatorCode))
        .sorted(Comparator.comparingInt(MethodBreak::breakYear))
        .collect(Collectors.toUnmodifiableList());
  }

  /** The breaks of {@code indicatorCode} crossed by comparing {@code yearA} with {@code yearB}, oldest first. */
  public List<MethodBreak> breaksBetween(String indicatorCode, int yearA, int yearB) {
    return breaksFor(indicatorCode).stream()
        .filter(b -> b.isCrossedBy(yearA, yearB))
        .collect(Collectors.toUnmodifiableList());
  }
}
