package vn.provincecompare.ingest.undp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.RawObservation;
import vn.provincecompare.ingest.undp.UndpLabelMapping.Action;
import vn.provincecompare.ingest.undp.UndpLabelMapping.Rule;

/**
 * Reads UNDP's wide PAPI tables (2018 on, {@code PAPI-2015-2023*.xlsm__<year>.csv}): one column per province,
 * one row per total, dimension, sub-dimension or indicator.
 *
 * <p>Options: {@code mapping}, {@code label_column} (the column whose text is matched against the mapping:
 * 1 in 2018-2019, 2 (Vietnamese) in 2022-2023), {@code first_unit_column} (3 in 2018-2019, 4 in 2022-2023) and
 * {@code unit_key} ({@code code}: the "Mã tỉnh" row; {@code name}: the name row). Rows mapped to
 * {@code unit_code} / {@code unit_name} are the province header and must come before the first value row.
 *
 * <p>Each cell of a row mapped to an indicator becomes one observation, whatever it holds ("KCDL", "0", blank
 * are passed through for validate to judge). The field is the cell reference ("AQ3"); the raw record is the
 * row's label cells plus the province and the cell.
 */
public final class UndpWideReader {

  static final String LAYOUT = "undp_wide";

  private UndpWideReader() {}

  public static List<RawObservation> read(Path repoRoot, UndpSource source, UndpLabelMapping mapping) {
    String file = source.path();
    int labelColumn = source.positiveIntOption("label_column");
    int firstUnitColumn = source.positiveIntOption("first_unit_column");
    if (firstUnitColumn <= labelColumn) {
      throw new DataException(file, null, "options.first_unit_column", "source " + source.sourceId()
          + ": first_unit_column " + firstUnitColumn + " must be right of label_column " + labelColumn);
    }
    UndpSource.UnitKey unitKey = source.unitKey();
    List<UndpCsv.Line> lines = UndpCsv.read(repoRoot, file);
    if (lines.get(0).cells().size() < firstUnitColumn) {
      throw new DataException(file, lines.get(0).number(), null, "the first line has "
          + lines.get(0).cells().size() + " cell(s), fewer than first_unit_column " + firstUnitColumn
          + "; is the file comma-separated and the layout right?");
    }

    UndpCsv.Line codeLine = null;
    UndpCsv.Line nameLine = null;
    Header header = null;
    Map<String, Integer> indicatorLines = new HashMap<>();
    List<RawObservation> out = new ArrayList<>();
    for (UndpCsv.Line line : lines) {
      if (line.isBlank()) {
        continue;
      }
      Rule rule = mapping.require(LAYOUT, source.year(), line.cell(labelColumn), file, line.number(),
          UndpCsv.cellRef(labelColumn, line.number()));
      switch (rule.action()) {
        case SKIP -> { }
        case UNIT_CODE -> codeLine = headerLine(file, codeLine, line, rule);
        case UNIT_NAME -> nameLine = headerLine(file, nameLine, line, rule);
        case INDICATOR -> {
          if (header == null) {
            header = Header.of(file, line, codeLine, nameLine, unitKey, firstUnitColumn);
          }
          Integer earlier = indicatorLines.putIfAbsent(rule.indicatorCode(), line.number());
          if (earlier != null) {
            throw new DataException(file, line.number(), UndpCsv.cellRef(labelColumn, line.number()), "indicator "
                + rule.indicatorCode() + " is already read from line " + earlier + "; two rows map to it (mapping "
                + mapping.file() + " line " + rule.line() + ")");
          }
          readRow(source, line, rule, labelColumn, firstUnitColumn, header, out);
        }
        default -> throw new IllegalStateException("unhandled action " + rule.action());
      }
    }
    if (header == null) {
      throw DataException.inFile(file, "no row maps to an indicator; is this a UNDP wide table, and does "
          + mapping.file() + " cover its labels?");
    }
    return out;
  }

  private static UndpCsv.Line headerLine(String file, UndpCsv.Line earlier, UndpCsv.Line line, Rule rule) {
    if (earlier != null) {
      throw new DataException(file, line.number(), null, "a second " + rule.action().name().toLowerCase(java.util.Locale.ROOT)
          + " row; the first is line " + earlier.number());
    }
    return line;
  }

  private static void readRow(UndpSource source, UndpCsv.Line line, Rule rule, int labelColumn,
      int firstUnitColumn, Header header, List<RawObservation> out) {
    String file = source.path();
    int expected = firstUnitColumn - 1 + header.size();
    if (line.cells().size() < expected) {
      out.add(RawObservation.rejected(source.sourceId(), file, line.number(), null, line.text(), "short_row",
          file + ", line " + line.number() + ": row '" + UndpLabelMapping.normalize(line.cell(labelColumn))
              + "' (" + rule.indicatorCode() + ") has " + line.cells().size() + " cells but the province header"
              + " has " + expected + " (" + (firstUnitColumn - 1) + " label columns + " + header.size()
              + " provinces); the row is not read"));
      return;
    }
    for (int column = expected + 1; column <= line.cells().size(); column++) {
      if (!line.cell(column).isBlank()) {
        out.add(RawObservation.rejected(source.sourceId(), file, line.number(),
            UndpCsv.cellRef(column, line.number()), line.text(), "long_row",
            file + ", line " + line.number() + ": cell " + UndpCsv.cellRef(column, line.number()) + " holds '"
                + line.cell(column) + "' right of the last province column " + UndpCsv.columnLetters(expected)
                + "; the row is not read"));
        return;
      }
    }
    String labels = String.join(" | ", line.cells().subList(0, firstUnitColumn - 1));
    String year = String.valueOf(source.year());
    for (int i = 0; i < header.size(); i++) {
      int column = firstUnitColumn + i;
      String value = line.cell(column);
      String ref = UndpCsv.cellRef(column, line.number());
      String record = labels + " || " + header.describe(i) + " | " + ref + "=" + value;
      out.add(RawObservation.of(source.sourceId(), file, line.number(), ref, header.key(i), year,
          rule.indicatorCode(), value, null, null, source.unitFrame(), record));
    }
  }

  /** The province header: the key of each province column (code or name) and both texts for the record. */
  private record Header(List<String> codes, List<String> names, UndpSource.UnitKey unitKey) {

    static Header of(String file, UndpCsv.Line firstValueLine, UndpCsv.Line codeLine, UndpCsv.Line nameLine,
        UndpSource.UnitKey unitKey, int firstUnitColumn) {
      UndpCsv.Line keyLine = unitKey == UndpSource.UnitKey.CODE ? codeLine : nameLine;
      if (keyLine == null) {
        throw new DataException(file, firstValueLine.number(), null, "unit_key is '"
            + unitKey.name().toLowerCase(java.util.Locale.ROOT) + "' but no row mapped to unit_" + unitKey.name().toLowerCase(java.util.Locale.ROOT)
            + " comes before this first value row; map the province header row, or set unit_key to "
            + (unitKey == UndpSource.UnitKey.CODE ? "name" : "code"));
      }
      List<String> keys = unitCells(keyLine, firstUnitColumn);
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i).isBlank()) {
          int column = firstUnitColumn + i;
          throw new DataException(file, keyLine.number(), UndpCsv.cellRef(column, keyLine.number()),
              "blank province " + unitKey.name().toLowerCase(java.util.Locale.ROOT) + " in the header; every province column needs"
                  + " one");
        }
      }
      List<String> codes = codeLine == null ? null : pad(unitCells(codeLine, firstUnitColumn), keys.size());
      List<String> names = nameLine == null ? null : pad(unitCells(nameLine, firstUnitColumn), keys.size());
      return new Header(codes, names, unitKey);
    }

    int size() {
      return unitKey == UndpSource.UnitKey.CODE ? codes.size() : names.size();
    }

    String key(int i) {
      return unitKey == UndpSource.UnitKey.CODE ? codes.get(i) : names.get(i);
    }

    String describe(int i) {
      StringBuilder text = new StringBuilder();
      if (codes != null) {
        text.append("code ").append(codes.get(i));
      }
      if (names != null) {
        text.append(text.length() == 0 ? "" : ", ").append("name ").append(names.get(i));
      }
      return text.toString();
    }

    /** The province cells of a header line, without trailing blank cells. */
    private static List<String> unitCells(UndpCsv.Line line, int firstUnitColumn) {
      List<String> cells = line.cells().subList(Math.min(firstUnitColumn - 1, line.cells().size()),
          line.cells().size());
      int end = cells.size();
      while (end > 0 && cells.get(end - 1).isBlank()) {
        end--;
      }
      return List.copyOf(cells.subList(0, end));
    }

    private static List<String> pad(List<String> cells, int size) {
      List<String> padded = new ArrayList<>(cells.subList(0, Math.min(size, cells.size())));
      while (padded.size() < size) {
        padded.add("");
      }
      return padded;
    }
  }
}
