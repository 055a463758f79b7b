package vn.provincecompare.ingest.undp;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.provincecompare.cells.CsvFormats;
import vn.provincecompare.errors.DataException;

/** What the two CSV layouts share: reading a sheet export with true line numbers, and cell references. */
final class UndpCsv {

  /**
   * One CSV record.
   *
   * @param number 1-based line on which the record starts
   * @param cells  the cells, unchanged
   * @param text   the record as it stands in the file (without the line break)
   */
  record Line(int number, List<String> cells, String text) {

    boolean isBlank() {
      return cells.stream().allMatch(String::isBlank);
    }

    /** The cell at a 1-based column, or "" beyond the end of the record. */
    String cell(int column) {
      return column <= cells.size() ? cells.get(column - 1) : "";
    }
  }

  private UndpCsv() {}

  /** Reads a UTF-8 comma-separated file; a missing, empty, non-UTF-8 or unparsable file is a DataException. */
  static List<Line> read(Path repoRoot, String relativePath) {
    Path path = repoRoot.resolve(relativePath);
    if (!Files.isRegularFile(path)) {
      throw DataException.inFile(relativePath, "file not found at " + path + "; check the path in sources.json");
    }
    String content;
    try {
      byte[] bytes = Files.readAllBytes(path);
      content = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw DataException.inFile(relativePath, "not UTF-8 text (" + e.getMessage() + "); the sheet exports are"
          + " UTF-8 CSV");
    } catch (IOException e) {
      throw new DataException(relativePath, null, null, "cannot read the file: " + e.getMessage(), e);
    }
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    if (content.isBlank()) {
      throw DataException.inFile(relativePath, "the file is empty");
    }
    // Record numbers and line numbers part ways as soon as a cell holds a line break, so the line of each
    // record is found from its character position.
    int[] lineStarts = lineStarts(content);
    List<CSVRecord> records;
    try (CSVParser parser = CsvFormats.PLAIN.parse(new StringReader(content))) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new DataException(relativePath, null, null, "not a readable comma-separated file: " + e.getMessage(),
          e);
    }
    List<Line> lines = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      int start = (int) records.get(i).getCharacterPosition();
      int end = i + 1 < records.size() ? (int) records.get(i + 1).getCharacterPosition() : content.length();
      lines.add(new Line(lineOf(lineStarts, start), records.get(i).toList(), stripLineBreak(content.substring(start,
          end))));
    }
    return lines;
  }

  /** Spreadsheet column letters of a 1-based column: 1 = A, 27 = AA. */
  static String columnLetters(int column) {
    StringBuilder letters = new StringBuilder();
    for (int c = column; c > 0; c = (c - 1) / 26) {
      letters.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return letters.toString();
  }

  /** A cell reference such as "AQ3" (1-based column and line). */
  static String cellRef(int column, int line) {
    return columnLetters(column) + line;
  }

  private static int[] lineStarts(String content) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < content.length(); i++) {
      if (content.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int lineOf(int[] lineStarts, int position) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= position) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  private static String stripLineBreak(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }
}
