package vn.provincecompare.cells;

import org.apache.commons.csv.CSVFormat;

/**
 * The commons-csv configurations the readers share, each written once: a reader whose options differ on purpose
 * (the catalog's strict reader, the raw tables' reader, the UNDP sheet exports) keeps its own, and says why.
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
}
