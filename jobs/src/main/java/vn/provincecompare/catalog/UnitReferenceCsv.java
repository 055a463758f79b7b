package vn.provincecompare.catalog;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.provincecompare.cells.CsvFormats;
import vn.provincecompare.errors.DataException;

/**
 * How {@link UnitCatalog} reads one of its reference files: strict UTF-8, exactly the expected columns, and rows
 * whose checked accessors name the file, line and field of a bad value.
 */
final class UnitReferenceCsv {

  private UnitReferenceCsv() {
  }

  static List<Row> read(Path dir, String fileName, List<String> columns) {
    return read(dir, fileName, columns, false);
  }

  /**
   * A frame with no predecessor has no lineage, and a data set of official names no aliases, so those two files
   * may hold only their header; frames, regions and units may not.
   */
  static List<Row> read(Path dir, String fileName, List<String> columns, boolean mayBeEmpty) {
    Path file = dir.resolve(fileName);
    String where = file.toString();
    if (!Files.isRegularFile(file)) {
      throw DataException.inFile(where, "reference file is missing; expected a CSV with columns "
          + String.join(",", columns));
    }
    try (Reader reader = strictUtf8(file); CSVParser parser = CSVParser.builder().setReader(reader)
        .setFormat(CsvFormats.WITH_HEADER).get()) {
      List<String> header = parser.getHeaderNames().stream()
          .map(h -> h.startsWith("\uFEFF") ? h.substring(1) : h).collect(Collectors.toList());
      for (String column : columns) {
        if (!header.contains(column)) {
          throw new DataException(where, 1, column, "required column '" + column + "' is missing; the header"
              + " must be " + String.join(",", columns));
        }
      }
      for (String column : header) {
        if (!columns.contains(column)) {
          throw new DataException(where, 1, column, "unexpected column '" + column + "'; the header must be "
              + String.join(",", columns));
        }
      }
      List<Row> rows = new ArrayList<>();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        index.put(header.get(i), i);
      }
      for (CSVRecord record : parser) {
        // The header is line 1 and no reference file has a line break inside a field.
        int line = (int) record.getRecordNumber() + 1;
        if (record.size() != header.size()) {
          throw new DataException(where, line, null, "has " + record.size() + " fields, the header has "
              + header.size());
        }
        rows.add(new Row(where, line, name -> record.get(index.get(name))));
      }
      if (rows.isEmpty() && !mayBeEmpty) {
        throw DataException.inFile(where, "has a header but no rows");
      }
      return rows;
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof CharacterCodingException) {
          throw new DataException(where, null, null, "is not valid UTF-8; save it as UTF-8", e);
        }
      }
      throw new DataException(where, null, null, "cannot be read as CSV: " + e.getMessage(), e);
    }
  }

  private static Reader strictUtf8(Path file) throws IOException {
    return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** One data row of a reference file, with checked accessors that name the file, line and field. */
  static final class Row {
    final String file;
    final int line;
    final Function<String, String> get;

    Row(String file, int line, Function<String, String> get) {
      this.file = file;
      this.line = line;
      this.get = get;
    }

    DataException error(String field, String problem) {
      return new DataException(file, line, field, problem);
    }

    String optional(String field) {
      String value = get.apply(field).strip();
      return value.isEmpty() ? null : value;
    }

    String required(String field) {
      String value = optional(field);
      if (value == null) {
        throw error(field, "is blank; a value is required");
      }
      return value;
    }

    String nfc(String field) {
      String value = required(field);
      if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
        throw error(field, "'" + value + "' is not in Unicode NFC; write it composed ("
            + Normalizer.normalize(value, Normalizer.Form.NFC) + ")");
      }
      return value;
    }

    String matching(String field, Pattern pattern, String expected) {
      String value = required(field);
      if (!pattern.matcher(value).matches()) {
        throw error(field, "'" + value + "' is not valid; expected " + expected);
      }
      return value;
    }

    String oneOf(String field, Set<String> allowed) {
      String value = required(field);
      if (!allowed.contains(value)) {
        throw error(field, "unknown value '" + value + "'; valid: "
            + allowed.stream().sorted().collect(Collectors.joining(", ")));
      }
      return value;
    }

    String unitOf(String field, Map<String, Unit> units, String frame) {
      String code = matching(field, UnitCatalog.UNIT_CODE, "a two-digit GSO code");
      if (units == null || !units.containsKey(code)) {
        throw error(field, "unit (" + frame + ", " + code + ") is not in " + UnitCatalog.UNITS_FILE);
      }
      return code;
    }

    int integer(String field) {
      String value = required(field);
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw error(field, "'" + value + "' is not a whole number");
      }
    }

    Integer optionalInteger(String field) {
      return optional(field) == null ? null : integer(field);
    }

    LocalDate date(String field) {
      String value = required(field);
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw error(field, "'" + value + "' is not a date; expected YYYY-MM-DD");
      }
    }

    LocalDate optionalDate(String field) {
      return optional(field) == null ? null : date(field);
    }
  }
}
