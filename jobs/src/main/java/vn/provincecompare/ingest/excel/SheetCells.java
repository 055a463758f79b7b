package vn.provincecompare.ingest.excel;

import java.util.List;
import java.util.StringJoiner;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/**
 * Reads cells of one sheet as {@link CellContent}.
 *
 * <p>A blank cell inside a merged region reads as the region's top-left cell, which is what Excel shows: PCI
 * 2005 writes each tier once and merges it down over the tier's provinces.
 */
final class SheetCells {
  private final Sheet sheet;
  private final List<CellRangeAddress> merged;

  SheetCells(Sheet sheet) {
    this.sheet = sheet;
    this.merged = sheet.getMergedRegions();
  }

  String name() {
    return sheet.getSheetName();
  }

  /** The cell at a 1-based row and 0-based column. */
  CellContent read(int row1, int col0) {
    String ref = sheet.getSheetName() + "!" + CellReference.convertNumToColString(col0) + row1;
    Cell cell = cell(row1 - 1, col0);
    CellContent own = content(ref, cell);
    if (own.kind() != CellContent.Kind.BLANK) {
      return own;
    }
    for (CellRangeAddress region : merged) {
      if (region.isInRange(row1 - 1, col0)
          && (region.getFirstRow() != row1 - 1 || region.getFirstColumn() != col0)) {
        CellContent top = content(ref, cell(region.getFirstRow(), region.getFirstColumn()));
        return new CellContent(ref, top.kind(), top.text(), top.number());
      }
    }
    return own;
  }

  /** Every non-blank cell of a row, as {@code A3=... | B3=...}: the raw record of a row-per-unit sheet. */
  String rowText(int row1) {
    Row row = sheet.getRow(row1 - 1);
    StringJoiner out = new StringJoiner(" | ");
    if (row != null) {
      for (int c = 0; c < row.getLastCellNum(); c++) {
        CellContent content = read(row1, c);
        if (!content.isBlank()) {
          out.add(content.describe());
        }
      }
    }
    return out.toString();
  }

  /** The named cells of a row, as {@code V2=... | W2=...}: the raw record of a (province, score) pair. */
  String cellsText(int row1, List<Integer> cols0) {
    StringJoiner out = new StringJoiner(" | ");
    for (Integer c : cols0) {
      if (c != null) {
        out.add(read(row1, c).describe());
      }
    }
    return out.toString();
  }

  private Cell cell(int row0, int col0) {
    Row row = sheet.getRow(row0);
    return row == null ? null : row.getCell(col0);
  }

  private static CellContent content(String ref, Cell cell) {
    if (cell == null) {
      return new CellContent(ref, CellContent.Kind.BLANK, "", Double.NaN);
    }
    CellType type = cell.getCellType();
    if (type == CellType.FORMULA) {
      // Values are taken as VCCI saved them; recomputing would need every referenced sheet and add-in.
      type = cell.getCachedFormulaResultType();
    }
    switch (type) {
      case NUMERIC:
        double number = cell.getNumericCellValue();
        return new CellContent(ref, CellContent.Kind.NUMBER, Double.toString(number), number);
      case STRING:
        return new CellContent(ref, CellContent.Kind.TEXT, cell.getStringCellValue(), Double.NaN);
      case BOOLEAN:
        return new CellContent(ref, CellContent.Kind.BOOLEAN, cell.getBooleanCellValue() ? "TRUE" : "FALSE",
            Double.NaN);
      case ERROR:
        return new CellContent(ref, CellContent.Kind.ERROR, errorText(cell.getErrorCellValue()), Double.NaN);
      case BLANK:
      default:
        return new CellContent(ref, CellContent.Kind.BLANK, "", Double.NaN);
    }
  }

  private static String errorText(byte code) {
    try {
      return FormulaError.forInt(code).getString();
    } catch (IllegalArgumentException e) {
      return "#ERROR(" + code + ")";
    }
  }
}
