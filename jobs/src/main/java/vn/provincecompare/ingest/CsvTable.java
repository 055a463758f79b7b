package vn.provincecompare.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.provincecompare.cells.CellText;
import vn.provincecompare.cells.CsvFormats;
import vn.provincecompare.errors.DataException;

/**
 * A raw CSV file read strictly: UTF-8 (with or without BOM), comma-separated, a header row. Everything that makes
 * the whole file unusable is a {@link DataException} naming the file (and line where there is one); problems of
 * single rows are left to the readers, which quarantine them.
 */
public final class CsvTable {

  /** One data row: its physical line, its cells, and its text for the quarantine table. */
  public record Row(int line, List<String> cells, String text) {
    public String cell(int index) {
      return index < cells.size() ? cells.get(index) : null;
    }
  }

  private final String file;
  private final List<String> header;
  private final Map<String, Integer> columnIndex;
  private final List<Row> rows;

  private CsvTable(String file, List<String> header, List<Row> rows) {
    this.file = file;
    this.header = List.copyOf(header);
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i), i);
    }
    this.columnIndex = Collections.unmodifiableMap(index);
    this.rows = List.copyOf(rows);
  }

  /**
   * Reads {@code path}; {@code displayName} is how messages name it (the path relative to the repository).
   */
  public static CsvTable read(Path path, String displayName) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw DataException.inFile(displayName, "file not found");
    } catch (IOException e) {
      throw DataException.inFile(displayName, "cannot be read: " + e.getMessage());
    }
    return parse(bytes, displayName);
  }

  static CsvTable parse(byte[] bytes, String file) {
    // Before decoding: a workbook's bytes are not UTF-8, and "not UTF-8" would hide what the file really is.
    if (bytes.length >= 4 && ((bytes[0] == 'P' && bytes[1] == 'K') || (bytes[0] == (byte) 0xD0 && bytes[1] == (byte) 0xCF))) {
      throw DataException.inFile(file, "this is a spreadsheet (xls/xlsx), not CSV; use an excel_layout source");
    }
    String text = decodeUtf8(bytes, file);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw DataException.inFile(file, "the file is empty; expected a header row and data rows");
    }
    String head = text.stripLeading().substring(0, Math.min(200, text.stripLeading().length()))
        .toLowerCase(Locale.ROOT);
    if (head.startsWith("<!doctype") || head.startsWith("<html") || head.startsWith("<?xml")) {
      throw DataException.inFile(file, "this is an HTML/XML page, not CSV (a download that saved the web page?)");
    }
    CSVFormat format = CsvFormats.SOURCE_TABLE;
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    String[] lines = text.split("\r\n|\n|\r", -1);
    int[] lineStarts = lineStarts(text);
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        int line = lineOf(lineStarts, record.getCharacterPosition());
        // A record's position is taken before the parser skips blank lines: move past them.
        while (line < lines.length && lines[line - 1].isEmpty()) {
          line++;
        }
        List<String> cells = record.toList();
        if (header == null) {
          header = cells.stream().map(CellText::unpadded).toList();
          checkDelimiter(file, header, lines[line - 1]);
          checkUniqueColumns(file, header);
          continue;
        }
        String rowText = line - 1 < lines.length ? lines[line - 1] : String.join(",", cells);
        rows.add(new Row(line, cells, rowText));
      }
    } catch (UncheckedIOException | IOException | IllegalStateException e) {
      // commons-csv reports an unterminated quote at end of input this way: a truncated file.
      throw new DataException(file, null, null,
          "cannot be parsed as CSV (truncated file or unbalanced quotes?): " + rootMessage(e), e);
    }
    if (header == null) {
      throw DataException.inFile(file, "the file has no header row");
    }
    if (rows.isEmpty()) {
      throw new DataException(file, 1, null, "the file has a header but no data rows");
    }
    return new CsvTable(file, header, rows);
  }

  /** Character offsets at which each physical line starts, so a record's position gives its 1-based line. */
  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int lineOf(int[] lineStarts, long position) {
    int i = java.util.Arrays.binarySearch(lineStarts, (int) position);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  private static void checkDelimiter(String file, List<String> header, String headerLine) {
    if (header.size() == 1) {
      for (char candidate : new char[] {';', '\t', '|'}) {
        if (headerLine.indexOf(candidate) >= 0) {
          throw new DataException(file, 1, null, "the header has one column but contains '"
              + (candidate == '\t' ? "\\t" : String.valueOf(candidate))
              + "': the file looks delimited by that character; expected comma-separated values");
        }
      }
    }
  }

  /**
   * Two columns of one name would be read silently, one of them chosen by position: which one the user meant
   * cannot be known, so the file stops here naming both positions.
   */
  private static void checkUniqueColumns(String file, List<String> header) {
    Map<String, Integer> first = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      Integer earlier = first.putIfAbsent(header.get(i), i);
      if (earlier != null) {
        throw new DataException(file, 1, header.get(i), "the header names column '"
            + CellText.visible(header.get(i)) + "' twice (columns " + (earlier + 1) + " and " + (i + 1)
            + " of " + header.size() + "); rename or remove one of them");
      }
    }
  }

  /** UTF-8 text; otherwise a message naming the first line holding a byte that is not UTF-8, and the byte. */
  private static String decodeUtf8(byte[] bytes, String file) {
    java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new DataException(file, line, null, String.format("is not UTF-8 text (first bad byte 0x%02X, byte "
          + "%d of the file; binary, or saved in another encoding such as Windows-1258); save it as UTF-8 CSV",
          bytes[at] & 0xFF, at + 1));
    }
    out.flip();
    return out.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  public String file() {
    return file;
  }

  public List<String> header() {
    return header;
  }

  public List<Row> rows() {
    return rows;
  }

  /** Index of a column, or -1. */
  public int indexOf(String column) {
    Integer i = columnIndex.get(column);
    return i == null ? -1 : i;
  }

  /** Index of a column that must exist; names the columns that do exist otherwise. */
  public int requireColumn(String column, String role) {
    int i = indexOf(column);
    if (i < 0) {
      throw new DataException(file, 1, column, "required column '" + column + "' (" + role
          + ") is missing; the header has " + header);
    }
    return i;
  }
}
