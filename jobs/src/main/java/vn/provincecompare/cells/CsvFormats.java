package vn.provincecompare.cells;

import org.apache.commons.csv.CSVFormat;

/**
 * Every commons-csv configuration of the job, in one place: the readers and writers name one of these and never
 * build their own, so a change of CSV dialect is made here once. They differ only where a reader's messages need it
 * (line numbers, cells kept as written), each saying why.
 */
public final class CsvFormats {
  private CsvFormats() {}

  /**
   * RFC 4180 with the first record as the header, cells read by column name: the unit catalog, the UNDP label
   * mapping, the Excel layout files and the published tier definitions and bands ({@code CSVFormat} is immutable,
   * so one instance serves every reader).
   */
  public static final CSVFormat WITH_HEADER = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
      .get();

  /**
   * The catalog's strict reader ({@code CatalogCsv}): empty lines stay records so that record numbers equal line
   * numbers in its messages; spaces around a quoted value (common in hand-edited files) are allowed.
   */
  public static final CSVFormat LINE_NUMBERED = CSVFormat.RFC4180.builder()
      .setIgnoreEmptyLines(false)
      .setIgnoreSurroundingSpaces(true)
      .get();

  /**
   * A raw source table ({@code CsvTable}): blank lines skipped (its line numbers come from character positions),
   * cells never trimmed, since a stray space is data the row checks judge and report.
   */
  public static final CSVFormat SOURCE_TABLE = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false)
      .get();

  /** UNDP's sheet exports ({@code UndpCsv}): every record as written; the header is found by its labels. */
  public static final CSVFormat PLAIN = CSVFormat.RFC4180;

  /** A published CSV copy of a table: RFC 4180 (CRLF line ends, which spreadsheets expect) with this header. */
  public static CSVFormat published(String... header) {
    return CSVFormat.RFC4180.builder().setHeader(header).get();
  }

  /** A reference file kept in the repository ({@code bands.csv}): RFC 4180 with LF line ends, as git stores it. */
  public static CSVFormat referenceFile(String... header) {
    return CSVFormat.RFC4180.builder().setRecordSeparator("\n").setHeader(header).get();
  }
}
