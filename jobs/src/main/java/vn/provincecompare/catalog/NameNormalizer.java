package vn.provincecompare.catalog;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns any spelling of a province name into a comparison key: "TP. Hồ Chí Minh", "HỒ CHÍ MINH",
 * "Ho Chi Minh City" and "H<U+1ED2> Chí Minh" all become {@code "ho chi minh"}.
 *
 * <p>Steps, in order: R-style {@code <U+1ECB>} escapes decoded; BOM and zero-width characters removed; a
 * leading run of U+FFFD dropped (a byte-order mark read in the wrong encoding); NFC; tone marks moved to the
 * publishers' placement (Hoà -> Hòa); lower case; diacritics removed and đ -> d; everything that is not a
 * letter, digit or U+FFFD (hyphens, dashes, dots, brackets, no-break spaces) becomes a space; whitespace
 * collapsed and trimmed; administrative prefixes ("Thành phố", "TP", "Tỉnh", "Thủ đô") and English suffixes
 * ("City", "Province") dropped.
 *
 * <p>A U+FFFD inside a name stays in the key: it marks a character lost by a wrong decoding, and only the
 * resolver knows the candidates it may stand for. Because a U+FFFD at either end of a name may be a lost
 * letter ("�AK LAK" is ĐĂK LĂK) as well as a mangled BOM or no-break space, {@link #readings(String)} gives
 * the key under every reading of those edge characters.
 */
public final class NameNormalizer {

  /** The replacement character that wrong decodings leave in place of a lost character. */
  public static final char LOST = '\uFFFD';

  private static final Pattern R_ESCAPE = Pattern.compile("<U\\+([0-9A-Fa-f]{4,6})>");
  // BOM, zero-width space/joiners and word joiner: invisible, never part of a name.
  private static final Pattern INVISIBLE = Pattern.compile("[\\uFEFF\\u200B\\u200C\\u200D\\u2060]");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_KEY_CHAR = Pattern.compile("[^a-z0-9\\uFFFD]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  // Vietnamese writes the tone of an open "oa", "oe" or "uy" either on the first vowel (hòa, as VCCI, UNDP,
  // the Ministry of Home Affairs and NQ 81 mostly do) or on the second (hoà, as v2.4.1 does). In NFD the tone
  // is a combining mark after its vowel; an open syllable is one where no letter follows. "qu" is a
  // consonant, so "quý" keeps its mark on the y.
  private static final Pattern TONE_ON_SECOND_VOWEL = Pattern.compile(
      "(?<![qQ])([oOuU])([aAeEyY])([\\u0300\\u0301\\u0303\\u0309\\u0323])(?![\\p{L}\\p{M}])");

  // Whole words, compared after folding. Prefixes name the kind of unit, not the unit; "thanh pho" comes
  // before "tp" only for readability: each is a separate word sequence.
  private static final List<String> PREFIXES = List.of("thanh pho", "tp", "tinh", "thu do");
  private static final List<String> SUFFIXES = List.of("city", "province");

  private NameNormalizer() {
  }

  /**
   * The comparison key of a name: the reading in which U+FFFD characters at the ends are dropped. Returns
   * {@code ""} for null or blank input.
   */
  public static String normalize(String raw) {
    return fold(stripEdgeLoss(clean(raw)));
  }

  /**
   * The key under each reading of U+FFFD characters at the start and end of the name: each may be a mangled
   * BOM or space (dropped) or a lost letter (kept as U+FFFD). The first reading drops them all, so it equals
   * {@link #normalize(String)}. Inner U+FFFD are always kept. Distinct keys; keys with no letter or digit left out.
   */
  public static List<String> readings(String raw) {
    String text = clean(raw);
    Edge lead = Edge.leading(text);
    Edge trail = Edge.trailing(text.substring(lead.length));
    String middle = text.substring(lead.length, text.length() - trail.length);
    Set<String> keys = new LinkedHashSet<>();
    for (int dropLead = lead.lost; dropLead >= 0; dropLead--) {
      for (int dropTrail = trail.lost; dropTrail >= 0; dropTrail--) {
        String key = fold(lead.keepingLast(lead.lost - dropLead) + middle
            + trail.keepingFirst(trail.lost - dropTrail));
        // A key of lost characters only would fit any short name: it says nothing.
        if (key.chars().anyMatch(c -> c != LOST && c != ' ')) {
          keys.add(key);
        }
      }
    }
    return List.copyOf(keys);
  }

  /** Whether a key still holds a lost-character marker. */
  public static boolean hasLostCharacters(String key) {
    return key.indexOf(LOST) >= 0;
  }

  /**
   * The name as a person would write it, for display and for comparing Vietnamese spellings: escapes
   * decoded, NFC, tone marks in the publishers' placement ("Hoà Bình" -> "Hòa Bình", "Thanh Hoá" -> "Thanh
   * Hóa"), no-break spaces as spaces, whitespace collapsed and trimmed. Case and diacritics are kept.
   */
  public static String canonicalSpelling(String raw) {
    String text = clean(raw).replace('\u00A0', ' ');
    return SPACES.matcher(toPublisherTones(text)).replaceAll(" ").trim();
  }

  /** Decodes R-style escapes and removes invisible characters; null becomes "". */
  private static String clean(String raw) {
    if (raw == null) {
      return "";
    }
    Matcher m = R_ESCAPE.matcher(raw);
    StringBuilder decoded = new StringBuilder(raw.length());
    while (m.find()) {
      m.appendReplacement(decoded,
          Matcher.quoteReplacement(new String(Character.toChars(Integer.parseInt(m.group(1), 16)))));
    }
    m.appendTail(decoded);
    return INVISIBLE.matcher(decoded).replaceAll("");
  }

  private static String stripEdgeLoss(String text) {
    Edge lead = Edge.leading(text);
    String rest = text.substring(lead.length);
    Edge trail = Edge.trailing(rest);
    return rest.substring(0, rest.length() - trail.length);
  }

  private static String toPublisherTones(String text) {
    String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
    return Normalizer.normalize(TONE_ON_SECOND_VOWEL.matcher(nfd).replaceAll("$1$3$2"), Normalizer.Form.NFC);
  }

  private static String fold(String text) {
    String lower = toPublisherTones(text).toLowerCase(Locale.ROOT);
    // đ is a letter of its own, not d with a mark, so NFD does not take it apart.
    String bare = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("")
        .replace('đ', 'd');
    String key = SPACES.matcher(NOT_KEY_CHAR.matcher(bare).replaceAll(" ")).replaceAll(" ").trim();
    return dropAffixes(key);
  }

  private static String dropAffixes(String key) {
    String result = key;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String prefix : PREFIXES) {
        if (result.startsWith(prefix + " ")) {
          result = result.substring(prefix.length() + 1);
          changed = true;
        }
      }
      for (String suffix : SUFFIXES) {
        if (result.endsWith(" " + suffix)) {
          result = result.substring(0, result.length() - suffix.length() - 1);
          changed = true;
        }
      }
    }
    return result;
  }

  /** A run of U+FFFD and whitespace at one end of a name; {@code lost} counts the U+FFFD in it. */
  private record Edge(String run, int length, int lost) {

    static Edge leading(String text) {
      int end = 0;
      while (end < text.length() && isEdgeChar(text.charAt(end))) {
        end++;
      }
      return of(text.substring(0, end));
    }

    static Edge trailing(String text) {
      int start = text.length();
      while (start > 0 && isEdgeChar(text.charAt(start - 1))) {
        start--;
      }
      return of(text.substring(start));
    }

    private static Edge of(String run) {
      int lost = (int) run.chars().filter(c -> c == LOST).count();
      return new Edge(run, run.length(), lost);
    }

    private static boolean isEdgeChar(char c) {
      return c == LOST || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** The run with only its last {@code keep} U+FFFD kept: those next to the name may be lost letters. */
    String keepingLast(int keep) {
      return filter(lost - keep, true);
    }

    /** The run with only its first {@code keep} U+FFFD kept. */
    String keepingFirst(int keep) {
      return filter(lost - keep, false);
    }

    private String filter(int drop, boolean dropFromStart) {
      StringBuilder out = new StringBuilder(run.length());
      int seen = 0;
      for (int i = 0; i < run.length(); i++) {
        char c = run.charAt(i);
        if (c == LOST) {
          boolean dropped = dropFromStart ? seen < drop : seen >= lost - drop;
          seen++;
          if (dropped) {
            continue;
          }
        }
        out.append(c);
      }
      return out.toString();
    }
  }
}
