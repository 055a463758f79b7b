package vn.provincecompare.ingest.excel;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a summary sheet lays out its provinces; the value of the {@code layout} column of a layout file. */
public enum SheetLayout {
  /** One row per province: every indicator of a row belongs to the province in the row's unit column. */
  ROW_PER_UNIT("row_per_unit"),
  /**
   * Each indicator is its own (province, score) column pair, sorted by that indicator on its own, so a sheet
   * row holds different provinces in different pairs.
   */
  PAIRED_COLUMNS("paired_columns");

  private final String code;

  SheetLayout(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<SheetLayout> fromCode(String code) {
    return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
  }

  /** The valid codes, for error messages. */
  public static String validCodes() {
    return Arrays.stream(values()).map(SheetLayout::code).collect(Collectors.joining(", "));
  }
}
