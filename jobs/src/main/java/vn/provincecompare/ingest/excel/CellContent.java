package vn.provincecompare.ingest.excel;

/**
 * What one sheet cell holds, read without interpretation (formula cells give their cached result).
 *
 * @param ref    the cell, as {@code Sheet!A1}
 * @param kind   what the cell holds
 * @param text   the cell as text: the string as stored, {@link Double#toString} of a number, {@code TRUE} /
 *               {@code FALSE}, the error code ({@code #N/A}) of an error cell, "" for a blank cell
 * @param number the numeric value when {@code kind} is {@link Kind#NUMBER}, else NaN
 */
public record CellContent(String ref, Kind kind, String text, double number) {

  /** The kinds of content a reader distinguishes. */
  public enum Kind {
    NUMBER, TEXT, BOOLEAN, BLANK, ERROR
  }

  public boolean isBlank() {
    return kind == Kind.BLANK || (kind == Kind.TEXT && text.isBlank());
  }

  /**
   * The text of a count-like cell (a rank): a whole number without the {@code .0} that {@link Double#toString}
   * adds, so that "1" stays "1"; anything else as {@link #text()}.
   */
  public String wholeNumberText() {
    if (kind == Kind.NUMBER && number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString((long) number);
    }
    return text;
  }

  /** {@code ref=text}, the form raw records are written in. */
  public String describe() {
    return ref.substring(ref.lastIndexOf('!') + 1) + "=" + text;
  }
}
