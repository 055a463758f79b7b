package vn.provincecompare.ingest;

import java.io.Serializable;

/**
 * One value cell of a raw source file, exactly as read, with where it came from.
 *
 * <p>Readers do not interpret values: they only locate them. Everything is a string so that validate can
 * quarantine a bad cell with its original text. A row a reader could not parse is still emitted, with
 * {@code rejectReason} set, so that every input row is accounted for.
 *
 * @param sourceId       id of the source in {@code data/raw/sources.json}
 * @param sourceFile     path of the file, relative to the repository (or as given on the command line)
 * @param line           1-based line of a CSV file, or 1-based row of a sheet
 * @param field          the column (or cell reference) that held the value
 * @param rawUnit        the unit as written: a code or any spelling of a name
 * @param rawYear        the year as written
 * @param rawIndicator   an indicator code of the catalog (readers map source labels to codes)
 * @param rawValue       the value as written; may be blank or a missing-value code
 * @param rawPublishedRank the published rank as written, or null
 * @param rawPublishedN  the published number of ranked units as written, or null
 * @param unitFrame      the frame the source declares for this row (VN64, VN63, VN34), or null to infer
 * @param rawRecord      the whole raw row as text, for the quarantine table
 * @param rejectReason   a reason code when the reader already knows the row is unusable, else null
 * @param rejectMessage  the message that goes with {@code rejectReason}
 */
public record RawObservation(
    String sourceId,
    String sourceFile,
    int line,
    String field,
    String rawUnit,
    String rawYear,
    String rawIndicator,
    String rawValue,
    String rawPublishedRank,
    String rawPublishedN,
    String unitFrame,
    String rawRecord,
    String rejectReason,
    String rejectMessage) implements Serializable {

  /** An observation the reader could read. */
  public static RawObservation of(String sourceId, String sourceFile, int line, String field, String rawUnit,
      String rawYear, String rawIndicator, String rawValue, String rawPublishedRank, String rawPublishedN,
      String unitFrame, String rawRecord) {
    return new RawObservation(sourceId, sourceFile, line, field, rawUnit, rawYear, rawIndicator, rawValue,
        rawPublishedRank, rawPublishedN, unitFrame, rawRecord, null, null);
  }

  /** A row the reader could not parse; it goes to quarantine with this reason. */
  public static RawObservation rejected(String sourceId, String sourceFile, int line, String field,
      String rawRecord, String reasonCode, String message) {
    return new RawObservation(sourceId, sourceFile, line, field, null, null, null, null, null, null, null,
        rawRecord, reasonCode, message);
  }
}
