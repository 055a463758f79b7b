package vn.provincecompare.catalog;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ways sources write "no value" ({@code data/reference/missing_value_codes.csv}): blank, {@code KCDL},
 * {@code ..}, {@code N/A}, ... and a 0 written for missing where 0 is not a possible score.
 *
 * <p>Beyond the contract's {@code code,meaning,source}, the file has two columns that make the zero rule data:
 * {@code match} ({@code exact}: the trimmed text equals the code, ignoring case; {@code numeric}: the text is a
 * number equal to the code, so "0", "0.0" and "0,00" all match 0) and {@code applies_when} ({@code always}, or
 * {@code off_scale}: only when that number lies outside the indicator's scale, so 0 is missing for a PAPI
 * dimension of 1-10 but a real value for a share of 0-100).
 */
public final class MissingValueCodes {

  public static final String FILE = "missing_value_codes.csv";
  public static final List<String> COLUMNS = List.of("code", "meaning", "source", "match", "applies_when");

  private static final String NUMBER = "[+-]?[0-9]+([.,][0-9]+)?";

  /** How a raw value is compared with a code. */
  public enum Match implements CatalogCsv.Coded {
    EXACT("exact"),
    NUMERIC("numeric");

    private final String code;

    Match(String code) {
      this.code = code;
    }

    @Override
    public String code() {
      return code;
    }
  }

  /** When a matching raw value counts as missing. */
  public enum AppliesWhen implements CatalogCsv.Coded {
    ALWAYS("always"),
    OFF_SCALE("off_scale");

    private final String code;

    AppliesWhen(String code) {
      this.code = code;
    }

    @Override
    public String code() {
      return code;
    }
  }

  /** One row of the file. {@code code} is "" for the blank cell. */
  public record Code(String code, String meaning, String source, Match match, AppliesWhen appliesWhen)
      implements Serializable {}

  private final List<Code> codes;

  private MissingValueCodes(List<Code> codes) {
    this.codes = List.copyOf(codes);
  }

  /** Loads {@code missing_value_codes.csv} from {@code referenceDir}. */
  public static MissingValueCodes load(Path referenceDir) {
    List<Code> out = new ArrayList<>();
    Map<String, Integer> lineByCode = new HashMap<>();
    for (CatalogCsv.Row row : CatalogCsv.read(referenceDir.resolve(FILE), COLUMNS)) {
      String code = row.text("code");
      Match match = row.oneOf("match", Match.class);
      if (match == Match.NUMERIC && !code.matches(NUMBER)) {
        throw row.error("code", "'" + code + "' is not a number but match is numeric; expected a number such as 0, "
            + "or match exact");
      }
      String key = match == Match.NUMERIC ? "#" + parse(code) : code.toUpperCase(Locale.ROOT);
      Integer first = lineByCode.putIfAbsent(key, row.line());
      if (first != null) {
        throw row.error("code", "'" + code + "' is already defined on line " + first
            + "; expected each code once (codes compare ignoring case)");
      }
      out.add(new Code(code,
          row.required("meaning", "what the code means in the source"),
          row.required("source", "where the code was seen or is defined"),
          match,
          row.oneOf("applies_when", AppliesWhen.class)));
    }
    return new MissingValueCodes(out);
  }

  public List<Code> all() {
    return codes;
  }

  /**
   * The code that makes {@code rawValue} missing for an indicator of {@code scale}, first match in file order;
   * empty when the value is a real value. A null {@code rawValue} is treated as blank. A null {@code scale}
   * (indicator unknown) never triggers an {@code off_scale} code, because a real 0 must not be thrown away on a
   * guess; the value then fails or passes validation on its own.
   */
  public Optional<Code> match(String rawValue, IndicatorScale scale) {
    String v = CatalogCsv.clean(rawValue);
    for (Code c : codes) {
      if (matches(c, v, scale)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public boolean isMissing(String rawValue, IndicatorScale scale) {
    return match(rawValue, scale).isPresent();
  }

  private static boolean matches(Code c, String v, IndicatorScale scale) {
    if (c.match() == Match.EXACT) {
      if (!c.code().equalsIgnoreCase(v)) {
        return false;
      }
      return c.appliesWhen() == AppliesWhen.ALWAYS || offScale(v, scale);
    }
    if (!v.matches(NUMBER) || parse(v) != parse(c.code())) {
      return false;
    }
    return c.appliesWhen() == AppliesWhen.ALWAYS || offScale(v, scale);
  }

  private static boolean offScale(String v, IndicatorScale scale) {
    return scale != null && v.matches(NUMBER) && !scale.contains(parse(v));
  }

  // Vietnamese tables write decimals with a comma; catalog codes use a point.
  private static double parse(String number) {
    return Double.parseDouble(number.replace(',', '.'));
  }
}
