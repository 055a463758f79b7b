package vn.provincecompare.ingest.excel;

import org.apache.poi.ss.util.CellReference;

/**
 * One row of a layout file: where one indicator of one year sits in a workbook.
 *
 * <p>Columns are 0-based indexes (the layout file writes them as letters, {@code A}, {@code W}, {@code AA});
 * rows are 1-based, as Excel shows them. Optional columns are null when the layout leaves them blank.
 *
 * @param layoutLine    1-based line of this group in the layout file, for messages
 * @param year          the survey year the sheet reports
 * @param file          the workbook, resolved against the layout file's folder
 * @param sheet         the sheet, by exact name (trailing spaces included)
 * @param headerRow     the row whose cell in {@code valueCol} must contain {@code headerText}
 * @param headerText    the text that proves the column is the one the layout means (compared after NFC and
 *                      whitespace folding)
 * @param firstRow      first data row
 * @param lastRow       last data row
 * @param layout        row per province or (province, score) pairs
 * @param unitFrame     the frame the sheet's province list belongs to ({@code VN64} when it lists Hà Tây)
 * @param indicatorCode the indicator code the values are emitted under
 * @param unitCol       the column holding the province names for this group
 * @param valueCol      the column holding the scores
 * @param rankCol       the column of the published rank, or null
 * @param rankUnitCol   a province column that repeats the unit beside the rank (checked), or null
 * @param tierCol       the column of the published tier, or null
 * @param tierUnitCol   a province column that repeats the unit beside the tier (checked), or null
 */
public record LayoutGroup(
    int layoutLine,
    int year,
    String file,
    String sheet,
    int headerRow,
    String headerText,
    int firstRow,
    int lastRow,
    SheetLayout layout,
    String unitFrame,
    String indicatorCode,
    int unitCol,
    int valueCol,
    Integer rankCol,
    Integer rankUnitCol,
    Integer tierCol,
    Integer tierUnitCol) {

  /** An A1-style reference such as {@code Summary_VN!W2}, the form used in {@code field} and messages. */
  public String ref(int row1, int col0) {
    return sheet + "!" + CellReference.convertNumToColString(col0) + row1;
  }
}
