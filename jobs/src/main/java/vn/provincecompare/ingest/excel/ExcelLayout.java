package vn.provincecompare.ingest.excel;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.util.CellReference;
import vn.provincecompare.cells.CsvFormats;
import vn.provincecompare.errors.DataException;

/**
 * A layout file (such as {@code data/raw/pci/pci_layout.csv}) parsed and checked: which workbook, sheet, rows
 * and columns hold each indicator of each year. Workbook names in the file are relative to the layout file's
 * folder.
 *
 * @param path      the layout file as named to the user (relative to the repository when it lies inside it)
 * @param directory the folder workbook names are resolved against
 * @param repoRoot  the repository root, to state source files relative to it
 * @param groups    the groups in file order
 */
public record ExcelLayout(String path, Path directory, Path repoRoot, List<LayoutGroup> groups) {

  /** The columns every layout file must have, in the order the PCI layout writes them. */
  public static final List<String> COLUMNS = List.of("year", "file", "sheet", "header_row", "header_text",
      "first_row", "last_row", "layout", "unit_frame", "indicator_code", "unit_col", "value_col", "rank_col",
      "rank_unit_col", "tier_col", "tier_unit_col");

  public ExcelLayout {
    groups = List.copyOf(groups);
  }

  /**
   * Reads and checks a layout file.
   *
   * @param repoRoot   the repository root; {@code layoutPath} is resolved against it when relative
   * @param layoutPath the layout file
   * @throws DataException when the file is missing or a row is not a valid layout row (naming line and field)
   */
  public static ExcelLayout load(Path repoRoot, String layoutPath) {
    Path root = repoRoot.toAbsolutePath().normalize();
    Path file = root.resolve(layoutPath).normalize();
    String shown = relativeName(root, file);
    if (!Files.isRegularFile(file)) {
      throw DataException.inFile(shown, "layout file not found (resolved to " + file + ")");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataException(shown, null, null, "cannot read the layout file: " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<LayoutGroup> groups = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), CsvFormats.WITH_HEADER)) {
      List<String> header = parser.getHeaderNames();
      for (String column : COLUMNS) {
        if (!header.contains(column)) {
          throw new DataException(shown, 1, column,
              "missing required column; a layout file needs the columns " + String.join(",", COLUMNS));
        }
      }
      for (CSVRecord record : parser) {
        // The layout has no multi-line fields, so the file line is the record number plus the header line.
        int line = (int) record.getRecordNumber() + 1;
        groups.add(new RowParser(shown, line, record).group());
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw new DataException(shown, null, null, "not a valid CSV layout file: " + e.getMessage(), e);
    }
    if (groups.isEmpty()) {
      throw DataException.inFile(shown, "the layout file has no rows; add one row per (year, indicator)");
    }
    checkUnique(shown, groups);
    return new ExcelLayout(shown, file.getParent(), root, groups);
  }

  /** The workbook a group names, as an absolute path. */
  public Path resolve(String workbook) {
    return directory.resolve(workbook).normalize();
  }

  /** The workbook a group names, as the {@code source_file} of its observations. */
  public String sourceFile(String workbook) {
    return relativeName(repoRoot, resolve(workbook));
  }

  private static String relativeName(Path root, Path file) {
    Path shown = file.startsWith(root) ? root.relativize(file) : file;
    return shown.toString().replace('\\', '/');
  }

  private static void checkUnique(String shown, List<LayoutGroup> groups) {
    Map<String, LayoutGroup> seen = new HashMap<>();
    for (LayoutGroup g : groups) {
      LayoutGroup before = seen.putIfAbsent(g.year() + "/" + g.indicatorCode(), g);
      if (before != null) {
        throw new DataException(shown, g.layoutLine(), "indicator_code",
            "year " + g.year() + " maps " + g.indicatorCode() + " twice (also line " + before.layoutLine()
                + "); each (year, indicator_code) must appear once");
      }
    }
  }

  /** Parses one record, naming the line and field of the first bad value. */
  private record RowParser(String file, int line, CSVRecord record) {

    LayoutGroup group() {
      int year = positiveInt("year");
      int headerRow = positiveInt("header_row");
      int firstRow = positiveInt("first_row");
      int lastRow = positiveInt("last_row");
      if (lastRow < firstRow) {
        throw new DataException(file, line, "last_row",
            "last_row " + lastRow + " is before first_row " + firstRow + "; give the last data row of the sheet");
      }
      if (headerRow >= firstRow) {
        throw new DataException(file, line, "header_row",
            "header_row " + headerRow + " must be above first_row " + firstRow);
      }
      String layoutCode = required("layout");
      SheetLayout layout = SheetLayout.fromCode(layoutCode).orElseThrow(() -> new DataException(file, line,
          "layout", "unknown layout '" + layoutCode + "'; valid: " + SheetLayout.validCodes()));
      return new LayoutGroup(line, year, required("file"), requiredVerbatim("sheet"), headerRow,
          required("header_text"), firstRow, lastRow, layout, required("unit_frame"), required("indicator_code"),
          column("unit_col", true), column("value_col", true), column("rank_col", false),
          column("rank_unit_col", false), column("tier_col", false), column("tier_unit_col", false));
    }

    private String raw(String field) {
      return record.isSet(field) ? record.get(field) : "";
    }

    private String required(String field) {
      String value = raw(field).strip();
      if (value.isEmpty()) {
        throw new DataException(file, line, field, "blank; this column is required");
      }
      return value;
    }

    /** Sheet names are matched exactly, so a trailing space in a name ("Tóm tắt các chỉ số PCI ") is kept. */
    private String requiredVerbatim(String field) {
      String value = raw(field);
      if (value.isBlank()) {
        throw new DataException(file, line, field, "blank; this column is required");
      }
      return value;
    }

    private int positiveInt(String field) {
      String value = required(field);
      try {
        int n = Integer.parseInt(value);
        if (n < 1) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new DataException(file, line, field, "'" + value + "' is not a positive whole number");
      }
    }

    private Integer column(String field, boolean isRequired) {
      String value = raw(field).strip();
      if (value.isEmpty()) {
        if (isRequired) {
          throw new DataException(file, line, field, "blank; give a column letter such as A or AA");
        }
        return null;
      }
      if (!value.matches("[A-Z]{1,3}")) {
        throw new DataException(file, line, field,
            "'" + value + "' is not a column letter; write columns as Excel shows them (A, W, AA)");
      }
      return CellReference.convertColStringToIndex(value);
    }
  }
}
