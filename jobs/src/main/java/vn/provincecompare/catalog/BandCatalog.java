package vn.provincecompare.catalog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.provincecompare.errors.DataException;

/**
 * Bands of indicator values or percentiles (PAPI quartile groups, PAR INDEX groups, PCI tiers), read from
 * {@code bands.csv} and every {@code bands_*.csv} beside it (one file per owner, e.g. {@code bands_pci.csv}).
 */
public final class BandCatalog {

  public static final String FILE = "bands.csv";
  public static final String EXTRA_FILES_GLOB = "bands_*.csv";
  public static final List<String> COLUMNS = List.of("indicator_code", "band_code", "band_rank", "name_vi",
      "name_en", "basis", "lower", "upper", "first_year", "last_year", "source");

  private final List<Band> bands;
  private final Map<String, Band> byCode;

  private BandCatalog(List<Band> bands) {
    this.bands = List.copyOf(bands);
    this.byCode = bands.stream().collect(Collectors.toMap(Band::bandCode, b -> b, (first, later) -> first));
  }

  /**
   * Loads {@code bands.csv} (required) and {@code bands_*.csv} (optional, in file-name order) from
   * {@code referenceDir}; every band must belong to one of {@code indicatorCodes}.
   */
  public static BandCatalog load(Path referenceDir, Set<String> indicatorCodes) {
    List<Path> files = new ArrayList<>();
    files.add(referenceDir.resolve(FILE));
    files.addAll(extraFiles(referenceDir));
    List<Band> all = new ArrayList<>();
    Map<String, CatalogCsv.Row> rowByBand = new HashMap<>();
    for (Path file : files) {
      for (CatalogCsv.Row row : CatalogCsv.read(file, COLUMNS)) {
        Band band = parse(row, indicatorCodes);
        CatalogCsv.Row earlier = rowByBand.putIfAbsent(band.bandCode(), row);
        if (earlier != null) {
          // A publisher may re-set a band's thresholds every year (VCCI's PCI tiers): the same code may repeat
          // for the same indicator and rank in other years. Targets name a band by code, so it must mean one
          // band (indicator, rank) wherever it appears.
          Band first = all.stream().filter(b -> b.bandCode().equals(band.bandCode())).findFirst().orElseThrow();
          if (!first.indicatorCode().equals(band.indicatorCode()) || first.bandRank() != band.bandRank()) {
            throw row.error("band_code", "band_code '" + band.bandCode() + "' is already the band of "
                + first.indicatorCode() + " with rank " + first.bandRank() + " (" + earlier.file() + " line "
                + earlier.line() + "); a code repeats only for the same indicator and rank in other years");
          }
          for (Band other : all) {
            if (other.bandCode().equals(band.bandCode()) && yearsOverlap(band, other)) {
              throw row.error("band_code", "duplicate band_code '" + band.bandCode() + "' in overlapping years "
                  + "(first defined in " + earlier.file() + " line " + earlier.line() + "); expected one "
                  + "definition per band and year");
            }
          }
        }
        for (Band other : all) {
          if (other.bandCode().equals(band.bandCode())) {
            continue;
          }
          checkCompatible(row, band, other, rowByBand.get(other.bandCode()));
        }
        all.add(band);
      }
    }
    return new BandCatalog(all);
  }

  public List<Band> all() {
    return bands;
  }

  public Optional<Band> find(String bandCode) {
    return Optional.ofNullable(byCode.get(bandCode));
  }

  /** The bands of {@code indicatorCode} in force in {@code year}, best (band_rank 1) first. */
  public List<Band> bandsFor(String indicatorCode, int year) {
    return bands.stream()
        .filter(b -> b.indicatorCode().equals(indicatorCode) && b.appliesTo(year))
        .sorted(Comparator.comparingInt(Band::bandRank))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The band of {@code indicatorCode} in {@code year} that holds {@code x}, where {@code x} is a value or a
   * percentile as {@code basis} says; empty when the indicator has no such bands that year.
   */
  public Optional<Band> bandFor(String indicatorCode, int year, BandBasis basis, double x) {
    return bandsFor(indicatorCode, year).stream()
        .filter(b -> b.basis() == basis && b.contains(x))
        .findFirst();
  }

  private static List<Path> extraFiles(Path referenceDir) {
    if (!Files.isDirectory(referenceDir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(referenceDir, EXTRA_FILES_GLOB)) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new DataException(referenceDir.toString(), null, null, "cannot list bands files: " + e.getMessage(), e);
    }
    // Sorted so that "first defined in" messages and the band order do not depend on the file system.
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return out;
  }

  private static Band parse(CatalogCsv.Row row, Set<String> indicatorCodes) {
    String indicator = row.required("indicator_code", "an indicator_code of indicators.csv");
    if (!indicatorCodes.contains(indicator)) {
      throw row.error("indicator_code", "unknown indicator '" + indicator
          + "'; expected an indicator_code of indicators.csv");
    }
    String code = row.required("band_code", "a code such as PAPI_HIGHEST");
    int rank = row.requiredInt("band_rank", "1 for the best band, 2 for the next, ...");
    if (rank < 1) {
      throw row.error("band_rank", "band_rank " + rank + " is below 1; expected 1 for the best band, 2, 3, ...");
    }
    BandBasis basis = row.oneOf("basis", BandBasis.class);
    Double lower = row.optionalDouble("lower", "the inclusive lower bound, or blank for unbounded");
    Double upper = row.optionalDouble("upper", "the exclusive upper bound, or blank for unbounded");
    if (lower != null && upper != null && lower >= upper) {
      throw row.error("upper", "upper " + upper + " is not above lower " + lower
          + "; a band is lower <= x < upper, so expected upper > lower");
    }
    if (basis == BandBasis.PERCENTILE) {
      for (String col : List.of("lower", "upper")) {
        Double v = col.equals("lower") ? lower : upper;
        if (v != null && (v < 0 || v > 100)) {
          throw row.error(col, "percentile bound " + v + " is outside 0..100 (100 = best); expected 0..100 or blank");
        }
      }
    }
    Integer first = row.optionalInt("first_year", "a year or blank");
    Integer last = row.optionalInt("last_year", "a year or blank");
    if (first != null && last != null && first > last) {
      throw row.error("last_year", "last_year " + last + " is before first_year " + first
          + "; expected last_year >= first_year or blank");
    }
    return new Band(indicator, code, rank,
        row.required("name_vi", "the Vietnamese name of the band"),
        row.required("name_en", "the English name of the band"),
        basis, lower, upper, first, last,
        row.required("source", "where the band is defined (publication, page or file)"));
  }

  /** Two bands of one indicator in force in a common year must share a basis, not overlap and differ in rank. */
  private static void checkCompatible(CatalogCsv.Row row, Band band, Band other, CatalogCsv.Row otherRow) {
    if (!band.indicatorCode().equals(other.indicatorCode()) || !yearsOverlap(band, other)) {
      return;
    }
    String where = other.bandCode() + " (" + otherRow.file() + " line " + otherRow.line() + ")";
    if (band.basis() != other.basis()) {
      throw row.error("basis", "'" + band.basis().code() + "' differs from the basis '" + other.basis().code()
          + "' of " + where + " in the same years; one indicator's bands must share one basis");
    }
    if (band.bandRank() == other.bandRank()) {
      throw row.error("band_rank", "band_rank " + band.bandRank() + " is also the rank of " + where
          + " in the same years; expected a distinct rank per band");
    }
    double lo = band.lower() == null ? Double.NEGATIVE_INFINITY : band.lower();
    double hi = band.upper() == null ? Double.POSITIVE_INFINITY : band.upper();
    double otherLo = other.lower() == null ? Double.NEGATIVE_INFINITY : other.lower();
    double otherHi = other.upper() == null ? Double.POSITIVE_INFINITY : other.upper();
    if (lo < otherHi && otherLo < hi) {
      throw row.error("lower", "[" + bound(band.lower()) + ", " + bound(band.upper()) + ") overlaps ["
          + bound(other.lower()) + ", " + bound(other.upper()) + ") of " + where
          + "; expected bands that do not overlap in the same years");
    }
  }

  private static boolean yearsOverlap(Band a, Band b) {
    int aFirst = a.firstYear() == null ? Integer.MIN_VALUE : a.firstYear();
    int aLast = a.lastYear() == null ? Integer.MAX_VALUE : a.lastYear();
    int bFirst = b.firstYear() == null ? Integer.MIN_VALUE : b.firstYear();
    int bLast = b.lastYear() == null ? Integer.MAX_VALUE : b.lastYear();
    return aFirst <= bLast && bFirst <= aLast;
  }

  private static String bound(Double v) {
    return v == null ? "" : String.valueOf(v);
  }
}
