package vn.provincecompare.ingest.excel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.RawObservation;

/**
 * Reads VCCI-style workbooks through a layout file into {@link RawObservation}s: one per (province, indicator)
 * cell of every group of the layout.
 *
 * <p>Nothing is normalised here: the unit is the province text as stored (NFD, typos and all; the resolver
 * deals with it) and the value is {@link Double#toString} of the numeric cell, or a text cell's text. The
 * published rank goes on the groups whose layout row names a rank column, with the number of ranked rows of
 * that group as the published n.
 *
 * <p>Reject reasons: {@code UNREADABLE_CELL} (an error value such as {@code #N/A} in the unit, value or rank
 * cell), {@code MISSING_UNIT} (a blank province cell inside the data rows), {@code UNIT_MISMATCH} (the province
 * repeated beside the rank differs from the score's province).
 */
public final class ExcelSheetReader {
  public static final String UNREADABLE_CELL = "UNREADABLE_CELL";
  public static final String MISSING_UNIT = "MISSING_UNIT";
  public static final String UNIT_MISMATCH = "UNIT_MISMATCH";

  private ExcelSheetReader() {}

  /** Loads the layout file and reads every workbook it names. */
  public static List<RawObservation> read(Path repoRoot, String layoutPath, String sourceId) {
    return read(ExcelLayout.load(repoRoot, layoutPath), sourceId);
  }

  /**
   * Reads every group of a layout.
   *
   * @throws DataException when a workbook or sheet is missing or a sheet's header is not what the layout says
   */
  public static List<RawObservation> read(ExcelLayout layout, String sourceId) {
    List<RawObservation> out = new ArrayList<>();
    try (LayoutSheets sheets = new LayoutSheets(layout)) {
      for (LayoutGroup group : layout.groups()) {
        readGroup(sourceId, layout.sourceFile(group.file()), group, sheets.sheetFor(group), out);
      }
    }
    return out;
  }

  private static void readGroup(String sourceId, String sourceFile, LayoutGroup g, SheetCells cells,
      List<RawObservation> out) {
    String rankedCount = g.rankCol() == null ? null : Integer.toString(rankedRows(g, cells));
    String year = Integer.toString(g.year());
    for (int r = g.firstRow(); r <= g.lastRow(); r++) {
      CellContent unit = cells.read(r, g.unitCol());
      CellContent value = cells.read(r, g.valueCol());
      String record = g.layout() == SheetLayout.ROW_PER_UNIT
          ? cells.rowText(r)
          : cells.cellsText(r, Arrays.asList(g.unitCol(), g.valueCol(), g.rankUnitCol(), g.rankCol(),
              g.tierUnitCol(), g.tierCol()));
      String field = value.ref();
      CellContent rank = g.rankCol() == null ? null : cells.read(r, g.rankCol());
      Rejection rejection = rejection(g, r, unit, value, rank);
      if (rejection != null) {
        out.add(RawObservation.rejected(sourceId, sourceFile, r, field, record, rejection.reason(),
            rejection.message()));
        continue;
      }
      if (g.rankUnitCol() != null) {
        CellContent rankUnit = cells.read(r, g.rankUnitCol());
        if (!rankUnit.text().equals(unit.text())) {
          out.add(RawObservation.rejected(sourceId, sourceFile, r, field, record, UNIT_MISMATCH,
              "the rank in " + rank.ref() + " is beside '" + rankUnit.text() + "' (" + rankUnit.ref()
                  + ") but the score in " + value.ref() + " belongs to '" + unit.text() + "' (" + unit.ref()
                  + "); the columns of " + g.indicatorCode() + " " + g.year() + " in the layout (line "
                  + g.layoutLine() + ") do not line up"));
          continue;
        }
      }
      String rankText = rank == null || rank.isBlank() ? null : rank.wholeNumberText();
      out.add(RawObservation.of(sourceId, sourceFile, r, field, unit.text(), year, g.indicatorCode(),
          value.text(), rankText, rankText == null ? null : rankedCount, g.unitFrame(), record));
    }
  }

  private record Rejection(String reason, String message) {}

  /** Why a row cannot become an observation, or null when it can. */
  private static Rejection rejection(LayoutGroup g, int row, CellContent unit, CellContent value,
      CellContent rank) {
    for (CellContent cell : new CellContent[] {unit, value, rank}) {
      if (cell != null && cell.kind() == CellContent.Kind.ERROR) {
        return new Rejection(UNREADABLE_CELL, "cell " + cell.ref() + " holds the error value " + cell.text()
            + " (" + g.indicatorCode() + " " + g.year() + ", layout line " + g.layoutLine() + "); expected "
            + (cell == unit ? "a province name" : "a number"));
      }
    }
    if (unit.isBlank()) {
      return new Rejection(MISSING_UNIT, "no province name in " + unit.ref() + " although row " + row
          + " is inside the data rows " + g.firstRow() + "-" + g.lastRow() + " of layout line " + g.layoutLine()
          + "; expected a province name");
    }
    return null;
  }

  /** The published n: how many rows of the group carry a rank. */
  private static int rankedRows(LayoutGroup g, SheetCells cells) {
    int n = 0;
    for (int r = g.firstRow(); r <= g.lastRow(); r++) {
      CellContent rank = cells.read(r, g.rankCol());
      if (!rank.isBlank() && rank.kind() != CellContent.Kind.ERROR) {
        n++;
      }
    }
    return n;
  }
}
