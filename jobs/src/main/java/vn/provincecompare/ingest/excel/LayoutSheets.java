package vn.provincecompare.ingest.excel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import vn.provincecompare.errors.DataException;

/**
 * Opens the workbooks a layout names and hands out the sheet of each group after checking that it looks like
 * the layout says. One workbook is open at a time (groups of a file are consecutive in a layout), so reading
 * twelve years does not hold twelve workbooks in memory.
 */
final class LayoutSheets implements AutoCloseable {
  private final ExcelLayout layout;
  private String openFile;
  private Workbook openWorkbook;

  LayoutSheets(ExcelLayout layout) {
    this.layout = layout;
  }

  /**
   * The sheet of a group, with its header checked.
   *
   * @throws DataException when the workbook is missing or unreadable, the sheet is missing, or the header cell
   *                       does not contain the layout's {@code header_text}
   */
  SheetCells sheetFor(LayoutGroup group) {
    Workbook workbook = workbook(group);
    String sourceFile = layout.sourceFile(group.file());
    Sheet sheet = workbook.getSheet(group.sheet());
    if (sheet == null) {
      List<String> names = new ArrayList<>();
      workbook.forEach(s -> names.add("'" + s.getSheetName() + "'"));
      throw DataException.inFile(sourceFile, "no sheet named '" + group.sheet() + "' (" + where(group, "sheet")
          + "); the workbook's sheets are " + String.join(", ", names));
    }
    SheetCells cells = new SheetCells(sheet);
    CellContent header = cells.read(group.headerRow(), group.valueCol());
    if (!fold(header.text()).contains(fold(group.headerText()))) {
      throw new DataException(sourceFile, group.headerRow(), header.ref(),
          "sheet '" + group.sheet() + "' does not look like the layout says (" + where(group, "header_text")
              + "): expected the header cell " + header.ref() + " to contain '" + group.headerText()
              + "' but it reads '" + fold(header.text()) + "'");
    }
    return cells;
  }

  String where(LayoutGroup group, String field) {
    return layout.path() + " line " + group.layoutLine() + ", field '" + field + "'";
  }

  /** NFC, one space for any run of whitespace (headers wrap lines inside cells), trimmed. */
  static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
  }

  private Workbook workbook(LayoutGroup group) {
    if (group.file().equals(openFile)) {
      return openWorkbook;
    }
    close();
    Path path = layout.resolve(group.file());
    String sourceFile = layout.sourceFile(group.file());
    if (!Files.isRegularFile(path)) {
      throw DataException.inFile(sourceFile, "workbook not found (" + where(group, "file") + ")");
    }
    try {
      // WorkbookFactory picks HSSF for .xls and XSSF for .xlsx from the file's signature, not its name.
      openWorkbook = WorkbookFactory.create(path.toFile(), null, true);
      openFile = group.file();
      return openWorkbook;
    } catch (IOException | RuntimeException e) {
      throw new DataException(sourceFile, null, null,
          "cannot open the workbook as .xls or .xlsx (" + where(group, "file") + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (openWorkbook != null) {
      try {
        openWorkbook.close();
      } catch (IOException e) {
        // Opened read-only: closing only releases the file handle; nothing is lost if that fails.
      }
    }
    openWorkbook = null;
    openFile = null;
  }
}
