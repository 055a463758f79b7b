package vn.provincecompare.catalog;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of resolving one raw unit string in one frame: either a unit, or a failure with a message that
 * names the raw text and what would be valid.
 *
 * @param raw        the text as given
 * @param frame      the frame it was resolved in
 * @param unit       the unit, or null when not resolved
 * @param matchedBy  how the unit was found, or null when not resolved
 * @param failure    why it was not resolved, or null when resolved
 * @param candidates for {@link Failure#AMBIGUOUS}, the units it matched; otherwise empty
 * @param message    for a failure, the explanation (raw text, candidates or closest names, lineage); for a
 *                   resolution by lost characters, a note saying which characters were filled in
 */
public record ProvinceResolution(String raw, String frame, Unit unit, MatchKind matchedBy, Failure failure,
    List<Unit> candidates, String message) implements Serializable {

  /** Why a string was not resolved. */
  public enum Failure {
    /** No unit of the frame has this name or code. */
    UNKNOWN,
    /** Several units match (only possible where characters were lost); never guessed. */
    AMBIGUOUS
  }

  /** How a resolved string was matched. */
  public enum MatchKind {
    /** A GSO code of the frame ("10", or "1" for "01"). */
    CODE,
    /** A normalised Vietnamese, ASCII or English name of the unit. */
    NAME,
    /** A normalised alias of {@code aliases.csv}. */
    ALIAS,
    /** A name with U+FFFD characters, each standing for one lost character, matched exactly one unit. */
    LOST_CHARACTERS,
    /** A name cut short with "…" is the start of exactly one unit's name. */
    TRUNCATED
  }

  public ProvinceResolution {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }

  static ProvinceResolution resolved(String raw, String frame, Unit unit, MatchKind how, String note) {
    return new ProvinceResolution(raw, frame, unit, how, null, List.of(), note);
  }

  static ProvinceResolution failed(String raw, String frame, Failure failure, List<Unit> candidates,
      String message) {
    return new ProvinceResolution(raw, frame, null, null, failure, candidates, message);
  }

  public boolean isResolved() {
    return unit != null;
  }

  /** The unit code, or null when not resolved. */
  public String unitCode() {
    return unit == null ? null : unit.code();
  }
}
