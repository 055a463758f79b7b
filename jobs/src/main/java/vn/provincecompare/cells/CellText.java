package vn.provincecompare.cells;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a cell's text is read the same way everywhere (readers on the driver, row checks in Spark): the padding
 * other tools leave around a value is not part of it, and an invisible character in a message is shown.
 *
 * <p>Word and web pages pad with no-break spaces (U+00A0, the narrow U+202F, the figure space U+2007), copied
 * text carries zero-width spaces and joiners (U+200B-U+200D, U+2060) and byte-order marks (U+FEFF), and
 * spreadsheets leave tabs. Java's {@code String.strip()} removes none of the no-break spaces.
 */
public final class CellText {
  private CellText() {}

  /** One padding character, as a Java regular expression class (Spark's regexp functions use Java's syntax). */
  public static final String PADDING = "[\\s\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF]";

  /** Leading or trailing padding, for {@code replaceAll(..., "")}. */
  public static final String PADDING_AROUND = "^" + PADDING + "+|" + PADDING + "+$";

  /** A year as tools write it: four digits, or a float that is an integer (pandas and R write 2024.0). */
  public static final String YEAR_PATTERN = "^([0-9]{4})([.]0+)?$";

  /** A whole number as tools write it: digits, or a float that is an integer (26.0). */
  public static final String WHOLE_PATTERN = "^([0-9]{1,9})([.]0+)?$";

  private static final Pattern AROUND = Pattern.compile(PADDING_AROUND);
  private static final Pattern YEAR = Pattern.compile(YEAR_PATTERN);
  private static final Pattern WHOLE = Pattern.compile(WHOLE_PATTERN);

  /** Characters a reader cannot see in a message, and how a message shows them. */
  public static final Map<String, String> INVISIBLE;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("\t", "<TAB>");
    m.put("\r", "<CR>");
    m.put("\n", "<LF>");
    for (char c : new char[] {'\u00A0', '\u00AD', '\u2007', '\u2009', '\u202F', '\u200B', '\u200C', '\u200D',
        '\u2060', '\uFEFF', '\u0000'}) {
      m.put(String.valueOf(c), String.format("<U+%04X>", (int) c));
    }
    INVISIBLE = java.util.Collections.unmodifiableMap(m);
  }

  /** {@code text} without leading and trailing padding; null stays null. */
  public static String unpadded(String text) {
    return text == null ? null : AROUND.matcher(text).replaceAll("");
  }

  /** The year of a cell, or null when it is not one. */
  public static Integer year(String text) {
    return firstGroup(YEAR, text);
  }

  /** The whole number of a cell (a rank, an n), or null when it is not one. */
  public static Integer wholeNumber(String text) {
    return firstGroup(WHOLE, text);
  }

  private static Integer firstGroup(Pattern p, String text) {
    if (text == null) {
      return null;
    }
    java.util.regex.Matcher m = p.matcher(unpadded(text));
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  /** {@code text} with each invisible character written out, so a message shows what is wrong. */
  public static String visible(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Map.Entry<String, String> e : INVISIBLE.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }
}
