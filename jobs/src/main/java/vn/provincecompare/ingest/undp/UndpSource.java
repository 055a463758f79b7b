package vn.provincecompare.ingest.undp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.provincecompare.errors.DataException;

/**
 * One UNDP PAPI source as listed in {@code data/raw/sources.json} (see
 * {@code data/raw/sources.json} and {@code data/raw/papi-undp/PROVENANCE.md} for every field).
 *
 * @param sourceId  the source id
 * @param format    {@code undp_wide}, {@code undp_rows} or {@code undp_workbook}; also the mapping layout
 * @param path      the file, relative to the repository
 * @param year      the survey year the file (or sheet) holds
 * @param priority  lower wins when several sources hold the same key
 * @param unitFrame the frame the file's units belong to ({@code VN63})
 * @param options   reader options, as strings (see {@link #option(String)})
 */
public record UndpSource(String sourceId, String format, String path, int year, int priority, String unitFrame,
    Map<String, String> options) {

  /** Which header identifies a province in the emitted {@code rawUnit}. */
  public enum UnitKey {
    /** The GSO code, as written ("1" for Hà Nội). */
    CODE,
    /** The name, as written. */
    NAME
  }

  public UndpSource {
    options = Map.copyOf(new LinkedHashMap<>(options));
  }

  /** A required option; the message names the source and says what the reader needs. */
  public String option(String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new DataException(path, null, "options." + name, "source " + sourceId + " (format " + format
          + ") needs option '" + name + "'" + hint(name));
    }
    return value.trim();
  }

  /** A required option that is a positive 1-based index (a line, row or column). */
  public int positiveIntOption(String name) {
    String value = option(name);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new DataException(path, null, "options." + name, "source " + sourceId + ": option '" + name + "' is '"
        + value + "'; it must be a 1-based index (1, 2, ...)");
  }

  /** Option {@code unit_key}: {@code code} or {@code name}. */
  public UnitKey unitKey() {
    String value = option("unit_key");
    return Arrays.stream(UnitKey.values())
        .filter(k -> k.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() -> new DataException(path, null, "options.unit_key", "source " + sourceId
            + ": unit_key '" + value + "' is not valid; valid: code, name"));
  }

  /** Option {@code skip_units}: unit keys of summary rows to leave out, separated by ';' (may be absent). */
  public List<String> skipUnits() {
    String value = options.get("skip_units");
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String hint(String name) {
    return switch (name) {
      case "mapping" -> " (the label mapping, e.g. data/raw/papi-undp/undp_rows.csv)";
      case "label_column" -> " (1-based column of the label matched against the mapping)";
      case "first_unit_column" -> " (1-based column of the first province)";
      case "header_line", "header_row" -> " (1-based line of the column labels)";
      case "first_data_row" -> " (1-based row of the first province)";
      case "sheet" -> " (the sheet name, e.g. 2016_PAPI)";
      case "unit_key" -> " (code or name)";
      default -> "";
    };
  }
}
