package vn.provincecompare.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.provincecompare.cells.CsvFormats;
import vn.provincecompare.errors.DataException;

/**
 * Strict reader for the catalog's own CSV files (UTF-8, NFC, comma-separated, one header row).
 *
 * <p>The catalog is hand-edited reference data that every later stage trusts, so any defect stops the run with
 * a {@link DataException} naming the file, the line and the column, instead of being quarantined like raw data.
 * Values are trimmed and NFC-normalised here once, so that name lookups elsewhere can compare strings exactly.
 */
public final class CatalogCsv {

  /** A vocabulary value as written in a catalog file ({@code higher_is_better}, {@code value}, ...). */
  public interface Coded {
    String code();
  }

  private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");

  private CatalogCsv() {}

  /**
   * Reads every data row of {@code file}, whose header must be exactly {@code header} (names and order).
   * Blank lines are skipped; every other line must have as many fields as the header.
   */
  public static List<Row> read(Path file, List<String> header) {
    String name = file.toString();
    String text = decode(file, header);
    if (text.isBlank()) {
      throw new DataException(name, 1, null, "the file is empty; expected the header " + String.join(",", header));
    }
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(text, CsvFormats.LINE_NUMBERED)) {
      boolean first = true;
      for (CSVRecord rec : parser) {
        // No value may span lines (checked below), so the record number is the line number.
        int line = Math.toIntExact(rec.getRecordNumber());
        List<String> values = rec.toList().stream().map(CatalogCsv::clean).collect(Collectors.toList());
        rejectMultiLine(name, line, rec, header);
        if (first) {
          checkHeader(name, values, header);
          first = false;
          continue;
        }
        if (values.size() == 1 && values.get(0).isEmpty()) {
          continue;
        }
        if (values.size() != header.size()) {
          throw new DataException(name, line, null, "has " + values.size() + " fields but the header has "
              + header.size() + " (" + String.join(",", header) + "); quote values that contain commas");
        }
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          byColumn.put(header.get(i), values.get(i));
        }
        rows.add(new Row(name, line, Collections.unmodifiableMap(byColumn)));
      }
    } catch (IOException | IllegalStateException | UncheckedIOException e) {
      throw notCsv(name, e);
    }
    return Collections.unmodifiableList(rows);
  }

  /** Trimmed and NFC-normalised, the form in which the catalog compares names and codes. */
  public static String clean(String raw) {
    return raw == null ? "" : Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
  }

  /** The codes of a vocabulary, for "valid: ..." messages. */
  public static <E extends Enum<E> & Coded> String validCodes(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Coded::code).collect(Collectors.joining(" | "));
  }

  private static String decode(Path file, List<String> header) {
    if (!Files.isRegularFile(file)) {
      throw DataException.inFile(file.toString(),
          "file not found; expected a catalog CSV with the header " + String.join(",", header));
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataException(file.toString(), null, null, "cannot be read: " + e.getMessage(), e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw DataException.inFile(file.toString(), "is not valid UTF-8; save catalog files as UTF-8");
    }
    // A BOM left by spreadsheet tools would otherwise become part of the first column name.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** commons-csv reports the line as "(startline N) ..." inside the cause; lift it into the message's place. */
  private static DataException notCsv(String file, Exception e) {
    Throwable root = e.getCause() != null ? e.getCause() : e;
    String detail = String.valueOf(root.getMessage());
    Matcher m = START_LINE.matcher(detail);
    Integer line = null;
    if (m.find()) {
      line = Integer.valueOf(m.group(1));
      detail = detail.substring(m.end()).strip();
    }
    return new DataException(file, line, null, "is not valid CSV (" + detail + "); check that every quote \" "
        + "is closed on the same line", e);
  }

  private static void checkHeader(String file, List<String> actual, List<String> expected) {
    if (actual.equals(expected)) {
      return;
    }
    List<String> missing = expected.stream().filter(c -> !actual.contains(c)).collect(Collectors.toList());
    List<String> unexpected = actual.stream().filter(c -> !expected.contains(c)).collect(Collectors.toList());
    String field = !missing.isEmpty() ? missing.get(0) : !unexpected.isEmpty() ? unexpected.get(0) : null;
    StringBuilder problem = new StringBuilder("header must be exactly ").append(String.join(",", expected));
    if (!missing.isEmpty()) {
      problem.append("; missing: ").append(String.join(", ", missing));
    }
    if (!unexpected.isEmpty()) {
      problem.append("; unexpected: ").append(String.join(", ", unexpected));
    }
    if (missing.isEmpty() && unexpected.isEmpty()) {
      problem.append("; the columns are there but in another order or repeated: ").append(String.join(",", actual));
    }
    throw new DataException(file, 1, field, problem.toString());
  }

  private static void rejectMultiLine(String file, int line, CSVRecord rec, List<String> header) {
    for (int i = 0; i < rec.size(); i++) {
      String v = rec.get(i);
      if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
        String field = i < header.size() ? header.get(i) : null;
        throw new DataException(file, line, field, "a value spans several lines; write it on one line");
      }
    }
  }

  /** One data row of a catalog file: its values by column, and where it came from for error messages. */
  public record Row(String file, int line, Map<String, String> values) {

    /** The trimmed value, "" when blank. */
    public String text(String column) {
      String v = values.get(column);
      if (v == null) {
        throw new IllegalArgumentException("no column '" + column + "' in " + file + "; columns: " + values.keySet());
      }
      return v;
    }

    public boolean isBlank(String column) {
      return text(column).isEmpty();
    }

    /** The value, or a {@link DataException} saying what was expected. */
    public String required(String column, String expected) {
      String v = text(column);
      if (v.isEmpty()) {
        throw error(column, "is blank; expected " + expected);
      }
      return v;
    }

    /** The value or null when blank; must be an integer. */
    public Integer optionalInt(String column, String expected) {
      String v = text(column);
      if (v.isEmpty()) {
        return null;
      }
      try {
        return Integer.valueOf(v);
      } catch (NumberFormatException e) {
        throw error(column, "'" + v + "' is not an integer; expected " + expected);
      }
    }

    public int requiredInt(String column, String expected) {
      Integer v = optionalInt(column, expected);
      if (v == null) {
        throw error(column, "is blank; expected " + expected);
      }
      return v;
    }

    /** The value or null when blank; must be a finite number written with a decimal point. */
    public Double optionalDouble(String column, String expected) {
      String v = text(column);
      if (v.isEmpty()) {
        return null;
      }
      try {
        double d = Double.parseDouble(v);
        if (Double.isFinite(d) && v.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
          return d;
        }
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
      throw error(column, "'" + v + "' is not a number; expected " + expected + " (digits with '.' as decimal point)");
    }

    /** A value of a closed vocabulary; blank is an error. */
    public <E extends Enum<E> & Coded> E oneOf(String column, Class<E> type) {
      E v = optionalOneOf(column, type);
      if (v == null) {
        throw error(column, "is blank; valid: " + validCodes(type));
      }
      return v;
    }

    /** A value of a closed vocabulary, or null when blank. */
    public <E extends Enum<E> & Coded> E optionalOneOf(String column, Class<E> type) {
      String v = text(column);
      if (v.isEmpty()) {
        return null;
      }
      for (E e : type.getEnumConstants()) {
        if (e.code().equals(v)) {
          return e;
        }
      }
      throw error(column, "'" + v + "' is not valid; valid: " + validCodes(type));
    }

    /** An error about one field of this row. */
    public DataException error(String column, String problem) {
      return new DataException(file, line, column, problem);
    }
  }
}
