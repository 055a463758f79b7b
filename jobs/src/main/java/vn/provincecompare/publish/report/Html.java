package vn.provincecompare.publish.report;

/**
 * The one place report text becomes HTML. Every value that comes from the data (names, codes, sentences, file
 * paths, manifest fields) goes through {@link #text}, so a province name or a raw record holding markup prints as
 * text and can never open a tag, an attribute or a script.
 */
public final class Html {
  private Html() {}

  /**
   * Escapes for both element content and quoted attribute values: {@code & < > " '}. Null prints as an empty
   * string, so a missing value is visibly blank instead of the word "null".
   */
  public static String text(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
