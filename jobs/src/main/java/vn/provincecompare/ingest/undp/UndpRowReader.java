package vn.provincecompare.ingest.undp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.RawObservation;

/**
 * Reads UNDP's 2015-2017 PAPI sheets ({@code PAPI-2015-2023.xlsm__2015.csv} ...): one row per province, the
 * Vietnamese name first, then each dimension followed by its sub-dimensions. The sheets hold no total.
 *
 * <p>Options: {@code mapping}, {@code header_line} (1) and {@code unit_key} ({@code name}; {@code code} only if
 * a column maps to unit_code). Every header label must be covered by the mapping. Each value cell becomes one
 * observation; the field is the column header as printed (trimmed) and the raw record the whole CSV line. A row
 * with fewer cells than the header is rejected ({@code short_row}).
 */
public final class UndpRowReader {

  static final String LAYOUT = "undp_rows";

  private UndpRowReader() {}

  public static List<RawObservation> read(Path repoRoot, UndpSource source, UndpLabelMapping mapping) {
    String file = source.path();
    int headerLine = source.positiveIntOption("header_line");
    UndpSource.UnitKey unitKey = source.unitKey();
    List<UndpCsv.Line> lines = UndpCsv.read(repoRoot, file);
    UndpCsv.Line header = lines.stream().filter(l -> l.number() == headerLine).findFirst().orElseThrow(
        () -> new DataException(file, headerLine, null, "no header on line " + headerLine + "; the file has "
            + lines.size() + " record(s)"));
    if (header.cells().size() < 2) {
      throw new DataException(file, headerLine, null, "the header has one cell; the file must be comma-separated"
          + " with a province column and value columns");
    }

    int width = lastNonBlank(header.cells());
    Integer unitColumn = null;
    List<Integer> valueColumns = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    Map<String, Integer> columnOfCode = new HashMap<>();
    for (int column = 1; column <= width; column++) {
      String label = header.cell(column);
      String field = UndpCsv.cellRef(column, headerLine);
      UndpLabelMapping.Rule rule = mapping.require(LAYOUT, source.year(), label, file, headerLine, field);
      boolean isKey = (rule.action() == UndpLabelMapping.Action.UNIT_NAME && unitKey == UndpSource.UnitKey.NAME)
          || (rule.action() == UndpLabelMapping.Action.UNIT_CODE && unitKey == UndpSource.UnitKey.CODE);
      if (isKey) {
        if (unitColumn != null) {
          throw new DataException(file, headerLine, field, "a second province column; the first is "
              + UndpCsv.columnLetters(unitColumn));
        }
        unitColumn = column;
      } else if (rule.action() == UndpLabelMapping.Action.INDICATOR) {
        Integer earlier = columnOfCode.putIfAbsent(rule.indicatorCode(), column);
        if (earlier != null) {
          throw new DataException(file, headerLine, field, "indicator " + rule.indicatorCode()
              + " is already read from column " + UndpCsv.columnLetters(earlier) + "; two columns map to it");
        }
        valueColumns.add(column);
        codes.add(rule.indicatorCode());
      }
    }
    if (unitColumn == null) {
      throw new DataException(file, headerLine, null, "no column maps to unit_"
          + unitKey.name().toLowerCase(Locale.ROOT) + " (unit_key " + unitKey.name().toLowerCase(Locale.ROOT)
          + "); map the province column in " + mapping.file());
    }
    if (valueColumns.isEmpty()) {
      throw new DataException(file, headerLine, null, "no column maps to an indicator");
    }

    String year = String.valueOf(source.year());
    List<RawObservation> out = new ArrayList<>();
    for (UndpCsv.Line line : lines) {
      if (line.number() <= headerLine || line.isBlank()) {
        continue;
      }
      if (line.cells().size() < width) {
        out.add(RawObservation.rejected(source.sourceId(), file, line.number(), null, line.text(), "short_row",
            file + ", line " + line.number() + ": " + line.cells().size() + " cells but the header has " + width
                + "; the row is not read (a value would land under the wrong column)"));
        continue;
      }
      if (lastNonBlank(line.cells()) > width) {
        int column = lastNonBlank(line.cells());
        out.add(RawObservation.rejected(source.sourceId(), file, line.number(),
            UndpCsv.cellRef(column, line.number()), line.text(), "long_row",
            file + ", line " + line.number() + ": cell " + UndpCsv.cellRef(column, line.number())
                + " has a value but no header (the header has " + width + " columns); the row is not read"));
        continue;
      }
      String unit = line.cell(unitColumn);
      for (int i = 0; i < valueColumns.size(); i++) {
        int column = valueColumns.get(i);
        out.add(RawObservation.of(source.sourceId(), file, line.number(),
            UndpLabelMapping.normalize(header.cell(column)), unit, year, codes.get(i), line.cell(column), null,
            null, source.unitFrame(), line.text()));
      }
    }
    return out;
  }

  private static int lastNonBlank(List<String> cells) {
    int end = cells.size();
    while (end > 0 && cells.get(end - 1).isBlank()) {
      end--;
    }
    return end;
  }
}
