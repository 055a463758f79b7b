package vn.provincecompare.ingest.undp;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.provincecompare.cells.CsvFormats;
import vn.provincecompare.errors.DataException;

/**
 * The label mapping of the UNDP PAPI tables ({@code data/raw/papi-undp/undp_rows.csv}): for each layout and
 * year, which printed row or column label is which indicator code, which holds the province, and which is
 * deliberately skipped.
 *
 * <p>Every label a reader meets must be covered, so that next year's file cannot silently lose a row: an
 * unknown label is a {@link DataException}. Labels are compared after {@link #normalize(String)} (NFC, runs
 * of white space collapsed, trimmed) because the sheet exports carry stray trailing and leading spaces that a
 * CSV editor would strip from the mapping. An exact rule beats a prefix rule; among prefix rules the longest
 * wins, so "1.1:" and "1:" can live side by side.
 */
public final class UndpLabelMapping {

  /** What a label means. */
  public enum Action {
    /** The row or column holds values of {@link Rule#indicatorCode()}. */
    INDICATOR,
    /** The row or column holds the GSO code of each province. */
    UNIT_CODE,
    /** The row or column holds the name of each province. */
    UNIT_NAME,
    /** Known and deliberately not ingested (weighted totals, CIs, indicators, footnotes, ...). */
    SKIP
  }

  /** How {@link Rule#label()} is compared with a printed label. */
  public enum Match {
    EXACT,
    PREFIX
  }

  /**
   * One line of the mapping file.
   *
   * @param layout        {@code undp_wide}, {@code undp_rows} or {@code undp_workbook}
   * @param firstYear     first year the rule applies to, or null for no lower bound
   * @param lastYear      last year the rule applies to, or null for no upper bound
   * @param match         exact or prefix
   * @param label         the label, normalized
   * @param action        what the label means
   * @param indicatorCode the indicator code for {@link Action#INDICATOR}, else null
   * @param note          why (free text)
   * @param line          1-based line of the rule in the mapping file, for messages
   */
  public record Rule(String layout, Integer firstYear, Integer lastYear, Match match, String label, Action action,
      String indicatorCode, String note, int line) {

    boolean appliesTo(String layoutName, int year) {
      return layout.equals(layoutName)
          && (firstYear == null || year >= firstYear)
          && (lastYear == null || year <= lastYear);
    }

    boolean matches(String normalizedLabel) {
      return match == Match.EXACT ? normalizedLabel.equals(label) : normalizedLabel.startsWith(label);
    }

    private boolean yearsOverlap(Rule other) {
      int lo = Math.max(firstYear == null ? Integer.MIN_VALUE : firstYear,
          other.firstYear == null ? Integer.MIN_VALUE : other.firstYear);
      int hi = Math.min(lastYear == null ? Integer.MAX_VALUE : lastYear,
          other.lastYear == null ? Integer.MAX_VALUE : other.lastYear);
      return lo <= hi;
    }
  }

  static final List<String> LAYOUTS = List.of("undp_wide", "undp_rows", "undp_workbook");
  private static final List<String> COLUMNS =
      List.of("layout", "first_year", "last_year", "match", "label", "action", "indicator_code", "note");
  private static final Pattern INDICATOR_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern WHITE_SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\uFEFF]+");

  private final String file;
  private final List<Rule> rules;

  private UndpLabelMapping(String file, List<Rule> rules) {
    this.file = file;
    this.rules = List.copyOf(rules);
  }

  /** Loads the mapping at {@code relativePath} (relative to {@code repoRoot}). */
  public static UndpLabelMapping load(Path repoRoot, String relativePath) {
    Path path = repoRoot.resolve(relativePath);
    if (!Files.isRegularFile(path)) {
      throw DataException.inFile(relativePath, "label mapping not found at " + path
          + "; the UNDP sources in data/raw/sources.json name it in options.mapping");
    }
    try {
      return parse(relativePath, new StringReader(Files.readString(path, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new DataException(relativePath, null, null, "cannot read the label mapping: " + e.getMessage(), e);
    }
  }

  /** Parses a mapping; {@code file} is only used in messages. */
  public static UndpLabelMapping parse(String file, Reader reader) {
    List<Rule> rules = new ArrayList<>();
    try (CSVParser parser = CsvFormats.WITH_HEADER.parse(reader)) {
      for (String column : COLUMNS) {
        if (!parser.getHeaderMap().containsKey(column)) {
          throw new DataException(file, 1, column, "missing column '" + column + "'; the header must be "
              + String.join(",", COLUMNS));
        }
      }
      for (CSVRecord record : parser) {
        // Header is line 1 and the mapping has no multi-line cells, so record n sits on line n + 1.
        int line = (int) record.getRecordNumber() + 1;
        if (record.size() == 1 && record.get(0).isBlank()) {
          continue;
        }
        rules.add(rule(file, line, record));
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new DataException(file, null, null, "not a readable comma-separated file: " + e.getMessage(), e);
    }
    if (rules.isEmpty()) {
      throw DataException.inFile(file, "the label mapping has no rules");
    }
    checkNoDuplicates(file, rules);
    return new UndpLabelMapping(file, rules);
  }

  /** The file the mapping came from. */
  public String file() {
    return file;
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The rule for a printed label, if any: an exact rule first, else the longest matching prefix. */
  public Optional<Rule> find(String layout, int year, String printedLabel) {
    String label = normalize(printedLabel);
    Rule best = null;
    for (Rule rule : rules) {
      if (!rule.appliesTo(layout, year) || !rule.matches(label)) {
        continue;
      }
      if (best == null || better(rule, best)) {
        best = rule;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The rule for a printed label, or a {@link DataException} naming the data file, line, field and label and
   * saying how to fix the mapping.
   */
  public Rule require(String layout, int year, String printedLabel, String dataFile, int line, String field) {
    return find(layout, year, printedLabel).orElseThrow(() -> new DataException(dataFile, line, field,
        "unknown label '" + normalize(printedLabel) + "' (layout " + layout + ", year " + year + "); add it to "
            + file + " with action indicator (and an indicator code), unit_code, unit_name or skip, so that no"
            + " row of a new file is lost silently"));
  }

  /** NFC, any run of white space (including no-break spaces) as one space, trimmed. */
  public static String normalize(String label) {
    if (label == null) {
      return "";
    }
    return WHITE_SPACE.matcher(Normalizer.normalize(label, Normalizer.Form.NFC)).replaceAll(" ").trim();
  }

  private static boolean better(Rule candidate, Rule current) {
    if (candidate.match() != current.match()) {
      return candidate.match() == Match.EXACT;
    }
    return candidate.label().length() > current.label().length();
  }

  private static Rule rule(String file, int line, CSVRecord record) {
    String layout = record.get("layout").trim();
    if (!LAYOUTS.contains(layout)) {
      throw new DataException(file, line, "layout", "unknown layout '" + layout + "'; valid: " + LAYOUTS);
    }
    Integer firstYear = year(file, line, "first_year", record.get("first_year"));
    Integer lastYear = year(file, line, "last_year", record.get("last_year"));
    if (firstYear != null && lastYear != null && firstYear > lastYear) {
      throw new DataException(file, line, "last_year",
          "last_year " + lastYear + " is before first_year " + firstYear);
    }
    Match match = enumValue(Match.class, file, line, "match", record.get("match"));
    String label = normalize(record.get("label"));
    if (label.isEmpty()) {
      throw new DataException(file, line, "label", "blank label; give the label as printed or a stable prefix");
    }
    Action action = enumValue(Action.class, file, line, "action", record.get("action"));
    String code = record.get("indicator_code").trim();
    if (action == Action.INDICATOR && !INDICATOR_CODE.matcher(code).matches()) {
      throw new DataException(file, line, "indicator_code", "action indicator needs an indicator code such as"
          + " PAPI, PAPI_D1 or PAPI_SC11, found '" + code + "'");
    }
    if (action != Action.INDICATOR && !code.isEmpty()) {
      throw new DataException(file, line, "indicator_code", "indicator code '" + code + "' given for action "
          + action.name().toLowerCase(Locale.ROOT) + "; only action indicator takes one");
    }
    return new Rule(layout, firstYear, lastYear, match, label, action, code.isEmpty() ? null : code,
        record.get("note"), line);
  }

  private static Integer year(String file, int line, String field, String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(trimmed);
    } catch (NumberFormatException e) {
      throw new DataException(file, line, field, "'" + trimmed + "' is not a year; give a year such as 2018"
          + " or leave it blank for no bound");
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String file, int line, String field, String text) {
    String wanted = text.trim().toUpperCase(Locale.ROOT);
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(wanted)) {
        return value;
      }
    }
    throw new DataException(file, line, field, "'" + text.trim() + "' is not valid; valid: "
        + Arrays.stream(type.getEnumConstants()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
  }

  private static void checkNoDuplicates(String file, List<Rule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      for (int j = i + 1; j < rules.size(); j++) {
        Rule a = rules.get(i);
        Rule b = rules.get(j);
        if (a.layout().equals(b.layout()) && a.match() == b.match() && a.label().equals(b.label())
            && a.yearsOverlap(b)) {
          throw new DataException(file, b.line(), "label", "label '" + b.label() + "' (" + b.layout()
              + ") is already mapped on line " + a.line() + " for overlapping years; give the rules disjoint"
              + " first_year/last_year or remove one");
        }
      }
    }
  }
}
