package vn.provincecompare.ingest.excel;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import vn.provincecompare.cells.CsvFormats;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.excel.PublishedTiers.PublishedTier;

/**
 * Turns published tiers into value bands in the {@code bands.csv} layout: per (year, tier), {@code lower} is
 * the lowest score VCCI put in that tier and {@code upper} the {@code lower} of the next better tier present
 * that year (blank for the best tier present), so {@code lower <= score < upper} gives back every published
 * tier.
 */
public final class TierBands {

  /** The header of {@code data/reference/bands.csv}, which {@code bands_pci.csv} shares. */
  public static final List<String> BAND_COLUMNS = List.of("indicator_code", "band_code", "band_rank", "name_vi",
      "name_en", "basis", "lower", "upper", "first_year", "last_year", "source");

  /**
   * One row of the tier definitions file ({@code data/raw/pci/pci_tiers.csv}).
   *
   * @param tierText the tier as VCCI writes it
   * @param bandCode the band code it becomes
   * @param bandRank 1 for the best tier
   * @param nameVi   the Vietnamese name
   * @param nameEn   the English name
   */
  public record TierDefinition(String tierText, String bandCode, int bandRank, String nameVi, String nameEn) {}

  /** One row of {@code bands.csv}; a null bound is unbounded. */
  public record Band(String indicatorCode, String bandCode, int bandRank, String nameVi, String nameEn,
      String basis, Double lower, Double upper, int firstYear, int lastYear, String source) {

    public boolean contains(int year, double value) {
      return year >= firstYear && year <= lastYear && (lower == null || value >= lower)
          && (upper == null || value < upper);
    }
  }

  private TierBands() {}

  /** Reads the tier definitions file: {@code tier_text,band_code,band_rank,name_vi,name_en,...}. */
  public static List<TierDefinition> loadDefinitions(Path repoRoot, String path) {
    Path file = repoRoot.resolve(path);
    List<TierDefinition> out = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8)
        .replace("\uFEFF", "")), CsvFormats.WITH_HEADER)) {
      for (String column : List.of("tier_text", "band_code", "band_rank", "name_vi", "name_en")) {
        if (!parser.getHeaderNames().contains(column)) {
          throw new DataException(path, 1, column, "missing required column; the tier definitions need "
              + "tier_text,band_code,band_rank,name_vi,name_en");
        }
      }
      for (CSVRecord r : parser) {
        int line = (int) r.getRecordNumber() + 1;
        int rank;
        try {
          rank = Integer.parseInt(r.get("band_rank").strip());
        } catch (NumberFormatException e) {
          throw new DataException(path, line, "band_rank",
              "'" + r.get("band_rank") + "' is not a whole number; band_rank is 1 for the best tier");
        }
        out.add(new TierDefinition(nfc(r.get("tier_text")), r.get("band_code").strip(), rank,
            r.get("name_vi").strip(), r.get("name_en").strip()));
      }
    } catch (IOException e) {
      throw new DataException(path, null, null, "cannot read the tier definitions: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The bands that reproduce the published tiers, sorted by year and band rank.
   *
   * @throws DataException when a tier text is not defined, or two tiers of a year overlap in score (no
   *                       threshold could then reproduce them)
   */
  public static List<Band> fromTiers(String indicatorCode, List<TierDefinition> definitions,
      List<PublishedTier> tiers) {
    Map<String, TierDefinition> byText = definitions.stream()
        .collect(Collectors.toMap(TierDefinition::tierText, d -> d, (a, b) -> a, LinkedHashMap::new));
    Map<Integer, Map<TierDefinition, List<PublishedTier>>> byYear = new TreeMap<>();
    for (PublishedTier t : tiers) {
      TierDefinition def = byText.get(nfc(t.tier()));
      if (def == null) {
        throw new DataException(t.sourceFile(), null, t.cellRef(), "unknown tier '" + t.tier()
            + "'; the tier definitions know " + String.join(", ", byText.keySet()));
      }
      byYear.computeIfAbsent(t.year(), y -> new TreeMap<>(Comparator.comparingInt(TierDefinition::bandRank)))
          .computeIfAbsent(def, d -> new ArrayList<>()).add(t);
    }
    List<Band> out = new ArrayList<>();
    for (Map.Entry<Integer, Map<TierDefinition, List<PublishedTier>>> year : byYear.entrySet()) {
      Double betterLower = null;
      String betterName = null;
      for (Map.Entry<TierDefinition, List<PublishedTier>> tier : year.getValue().entrySet()) {
        TierDefinition def = tier.getKey();
        PublishedTier lowest = tier.getValue().stream().min(Comparator.comparingDouble(PublishedTier::score))
            .orElseThrow();
        PublishedTier highest = tier.getValue().stream().max(Comparator.comparingDouble(PublishedTier::score))
            .orElseThrow();
        if (betterLower != null && highest.score() >= betterLower) {
          throw new DataException(highest.sourceFile(), null, highest.cellRef(), "year " + year.getKey() + ": '"
              + highest.rawUnit() + "' scores " + highest.score() + " in tier '" + highest.tier()
              + "', not below the lowest score " + betterLower + " of the better tier '" + betterName
              + "'; tiers must not overlap for value bands to reproduce them");
        }
        String source = tier.getValue().stream().map(PublishedTier::sourceFile).distinct().sorted()
            .collect(Collectors.joining(";"));
        out.add(new Band(indicatorCode, def.bandCode(), def.bandRank(), def.nameVi(), def.nameEn(), "value",
            lowest.score(), betterLower, year.getKey(), year.getKey(), source));
        betterLower = lowest.score();
        betterName = lowest.tier();
      }
    }
    return out;
  }

  /** The band a value falls in, if any. */
  public static Optional<Band> bandOf(List<Band> bands, int year, double value) {
    return bands.stream().filter(b -> b.contains(year, value)).findFirst();
  }

  /** The bands as {@code bands.csv} text (header, then one line per band; bounds in full precision). */
  public static String toCsv(List<Band> bands) {
    StringWriter out = new StringWriter();
    CSVFormat format = CsvFormats.referenceFile(BAND_COLUMNS.toArray(String[]::new));
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (Band b : bands) {
        printer.printRecord(b.indicatorCode(), b.bandCode(), b.bandRank(), b.nameVi(), b.nameEn(), b.basis(),
            bound(b.lower()), bound(b.upper()), b.firstYear(), b.lastYear(), b.source());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Parses {@code bands.csv} text back, for checks. */
  public static List<Band> parseCsv(String text) {
    List<Band> out = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), CsvFormats.WITH_HEADER)) {
      for (CSVRecord r : parser) {
        out.add(new Band(r.get("indicator_code"), r.get("band_code"), Integer.parseInt(r.get("band_rank")),
            r.get("name_vi"), r.get("name_en"), r.get("basis"), parseBound(r.get("lower")),
            parseBound(r.get("upper")), Integer.parseInt(r.get("first_year")),
            Integer.parseInt(r.get("last_year")), r.get("source")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String bound(Double value) {
    return value == null ? "" : Double.toString(value);
  }

  private static Double parseBound(String text) {
    return text.isBlank() ? null : Double.valueOf(text);
  }

  private static String nfc(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).strip();
  }
}
