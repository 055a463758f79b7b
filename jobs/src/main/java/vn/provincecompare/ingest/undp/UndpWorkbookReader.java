package vn.provincecompare.ingest.undp;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.RawObservation;

/**
 * Reads one year's sheet of UNDP's {@code PAPI_2011-2016.xlsx}: one row per province ({@code tinhid} = GSO
 * code, ASCII and Vietnamese names), then the 6 dimensions each followed by its sub-dimensions, and the
 * unweighted total.
 *
 * <p>Options: {@code mapping}, {@code sheet}, {@code header_row} (the row whose labels are matched: 1, English),
 * {@code first_data_row} (3; row 2 repeats the labels in Vietnamese), {@code unit_key} ({@code code}) and
 * {@code skip_units} (summary rows such as 999 "Highest"). Formula cells give their cached value. Numbers are
 * written as the shortest decimal that reads back as the stored double ("5.337698459625244", "1"). The field
 * is the cell reference with its sheet ("2016_PAPI!D3"); the raw record the whole row.
 */
public final class UndpWorkbookReader {

  static final String LAYOUT = "undp_workbook";

  private UndpWorkbookReader() {}

  public static List<RawObservation> read(Path repoRoot, UndpSource source, UndpLabelMapping mapping) {
    String file = source.path();
    Path path = repoRoot.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw DataException.inFile(file, "file not found at " + path + "; check the path in sources.json");
    }
    String sheetName = source.option("sheet");
    int headerRow = source.positiveIntOption("header_row");
    int firstDataRow = source.positiveIntOption("first_data_row");
    if (firstDataRow <= headerRow) {
      throw new DataException(file, null, "options.first_data_row", "source " + source.sourceId()
          + ": first_data_row " + firstDataRow + " must be below header_row " + headerRow);
    }
    UndpSource.UnitKey unitKey = source.unitKey();
    Set<String> skipUnits = new HashSet<>(source.skipUnits());
    try (Workbook workbook = WorkbookFactory.create(path.toFile(), null, true)) {
      Sheet sheet = workbook.getSheet(sheetName);
      if (sheet == null) {
        List<String> names = new ArrayList<>();
        workbook.sheetIterator().forEachRemaining(s -> names.add(s.getSheetName()));
        throw new DataException(file, null, "options.sheet", "no sheet '" + sheetName + "'; the workbook has "
            + names);
      }
      return readSheet(source, mapping, sheet, headerRow, firstDataRow, unitKey, skipUnits);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataException dataException) {
        throw dataException;
      }
      throw new DataException(file, null, null, "cannot read the workbook (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + "); is it an .xlsx/.xls file?", e);
    }
  }

  private static List<RawObservation> readSheet(UndpSource source, UndpLabelMapping mapping, Sheet sheet,
      int headerRow, int firstDataRow, UndpSource.UnitKey unitKey, Set<String> skipUnits) {
    String file = source.path();
    String sheetName = sheet.getSheetName();
    Row header = sheet.getRow(headerRow - 1);
    List<String> labels = header == null ? List.of() : cells(header);
    int width = lastNonBlank(labels);
    if (width == 0) {
      throw new DataException(file, headerRow, sheetName + "!" + headerRow, "the header row is empty");
    }
    Integer unitColumn = null;
    List<Integer> valueColumns = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    Map<String, Integer> columnOfCode = new HashMap<>();
    for (int column = 1; column <= width; column++) {
      String field = ref(sheetName, column, headerRow);
      UndpLabelMapping.Rule rule =
          mapping.require(LAYOUT, source.year(), labels.get(column - 1), file, headerRow, field);
      boolean isKey = (rule.action() == UndpLabelMapping.Action.UNIT_CODE && unitKey == UndpSource.UnitKey.CODE)
          || (rule.action() == UndpLabelMapping.Action.UNIT_NAME && unitKey == UndpSource.UnitKey.NAME);
      if (isKey) {
        if (unitColumn != null) {
          throw new DataException(file, headerRow, field, "a second province column; the first is "
              + CellReference.convertNumToColString(unitColumn - 1));
        }
        unitColumn = column;
      } else if (rule.action() == UndpLabelMapping.Action.INDICATOR) {
        Integer earlier = columnOfCode.putIfAbsent(rule.indicatorCode(), column);
        if (earlier != null) {
          throw new DataException(file, headerRow, field, "indicator " + rule.indicatorCode()
              + " is already read from column " + CellReference.convertNumToColString(earlier - 1)
              + "; two columns map to it");
        }
        valueColumns.add(column);
        codes.add(rule.indicatorCode());
      }
    }
    if (unitColumn == null) {
      throw new DataException(file, headerRow, sheetName + "!" + headerRow, "no column maps to unit_"
          + unitKey.name().toLowerCase(Locale.ROOT) + "; map the province column in " + mapping.file());
    }

    String year = String.valueOf(source.year());
    List<RawObservation> out = new ArrayList<>();
    for (int r = firstDataRow - 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row == null) {
        continue;
      }
      List<String> values = cells(row);
      int rowNumber = r + 1;
      if (lastNonBlank(values) == 0) {
        continue;
      }
      String record = String.join(",", values.subList(0, lastNonBlank(values)));
      if (lastNonBlank(values) > width) {
        int column = lastNonBlank(values);
        out.add(RawObservation.rejected(source.sourceId(), file, rowNumber, ref(sheetName, column, rowNumber),
            record, "long_row", file + ", row " + rowNumber + ": cell " + ref(sheetName, column, rowNumber)
                + " has a value but no header (the header has " + width + " columns); the row is not read"));
        continue;
      }
      String unit = cellAt(values, unitColumn);
      if (skipUnits.contains(unit.trim())) {
        continue;
      }
      for (int i = 0; i < valueColumns.size(); i++) {
        int column = valueColumns.get(i);
        out.add(RawObservation.of(source.sourceId(), file, rowNumber, ref(sheetName, column, rowNumber), unit,
            year, codes.get(i), cellAt(values, column), null, null, source.unitFrame(), record));
      }
    }
    return out;
  }

  /** The text of every cell of a row, "" for a missing or blank cell. */
  private static List<String> cells(Row row) {
    List<String> texts = new ArrayList<>();
    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
      texts.add(text(row.getCell(c)));
    }
    return texts;
  }

  static String text(Cell cell) {
    if (cell == null) {
      return "";
    }
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    return switch (type) {
      case NUMERIC -> number(cell.getNumericCellValue());
      case STRING -> cell.getStringCellValue();
      case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
      case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
      default -> "";
    };
  }

  /** The shortest decimal that reads back as the same double, without exponent: 1.0 -> "1". */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return plain.equals("-0") ? "0" : plain;
  }

  private static String cellAt(List<String> values, int column) {
    return column <= values.size() ? values.get(column - 1) : "";
  }

  private static String ref(String sheet, int column, int row) {
    return sheet + "!" + CellReference.convertNumToColString(column - 1) + row;
  }

  private static int lastNonBlank(List<String> cells) {
    int end = cells.size();
    while (end > 0 && cells.get(end - 1).isBlank()) {
      end--;
    }
    return end;
  }
}
