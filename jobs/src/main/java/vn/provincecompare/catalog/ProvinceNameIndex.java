package vn.provincecompare.catalog;

import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.provincecompare.catalog.ProvinceResolution.Failure;
import vn.provincecompare.catalog.ProvinceResolution.MatchKind;

/**
 * Every name of every frame by its {@link NameNormalizer} key, and the match of one raw name or code against one
 * frame's names.
 *
 * <p>Every Vietnamese, ASCII and English name of {@code units.csv} and every alias of {@code aliases.csv} is
 * indexed by its key, per frame. A raw string resolves when its key equals exactly one unit's key. A string with
 * U+FFFD (characters lost to a wrong decoding) is matched with each U+FFFD standing for exactly one character; only
 * if no unit matches that way, for a run of one or two. Either way it resolves only when exactly one unit matches
 * under every reading of the string; otherwise it is {@code AMBIGUOUS} or {@code UNKNOWN}. A name cut short with
 * "…" resolves when it is the start of exactly one unit's name. The match never guesses: a name whose letters
 * vanished without a trace ("H NAM") stays unknown.
 */
final class ProvinceNameIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  static final Pattern CODE = Pattern.compile("\\d{1,5}(\\.0+)?");
  /** GSO code widths: province, district, commune. Spreadsheets drop leading zeros, so each width is tried. */
  private static final List<String> CODE_WIDTHS = List.of("%02d", "%03d", "%05d");
  private static final String ELLIPSIS = "\u2026";

  private final UnitCatalog catalog;
  /** frame -> normalised key -> the units with that key, and whether any of them came from a real name. */
  private final Map<String, Map<String, KeyEntry>> index;

  private ProvinceNameIndex(UnitCatalog catalog, Map<String, Map<String, KeyEntry>> index) {
    this.catalog = catalog;
    this.index = index;
  }

  /** Builds the name index of every frame of the catalog. */
  static ProvinceNameIndex from(UnitCatalog catalog) {
    Map<String, Map<String, KeyEntry>> index = new LinkedHashMap<>();
    for (Frame frame : catalog.frames()) {
      Map<String, KeyEntry> keys = new LinkedHashMap<>();
      for (Unit unit : catalog.units(frame.code())) {
        for (String name : List.of(unit.nameVi(), unit.nameAscii(), unit.nameEn())) {
          keys.computeIfAbsent(NameNormalizer.normalize(name), k -> new KeyEntry()).add(unit, false);
        }
      }
      for (UnitAlias alias : catalog.aliases(frame.code())) {
        Unit unit = catalog.unit(alias.frame(), alias.code()).orElseThrow();
        keys.computeIfAbsent(NameNormalizer.normalize(alias.alias()), k -> new KeyEntry()).add(unit, true);
      }
      index.put(frame.code(), keys);
    }
    return new ProvinceNameIndex(catalog, index);
  }

  UnitCatalog catalog() {
    return catalog;
  }

  /** Each key of one frame's names and the units that have it. */
  Map<String, KeyEntry> keys(String frame) {
    return index.get(frame);
  }

  /** Resolution without the cross-frame hints; an UNKNOWN carries only a short reason. */
  ProvinceResolution match(String raw, String frame) {
    String trimmed = raw == null ? "" : NameNormalizer.canonicalSpelling(raw);
    if (CODE.matcher(trimmed).matches()) {
      int number = Integer.parseInt(trimmed.replaceFirst("\\..*", ""));
      String code = CODE_WIDTHS.stream().map(w -> String.format(w, number))
          .filter(c -> catalog.unit(frame, c).isPresent()).findFirst().orElse(String.format("%02d", number));
      return catalog.unit(frame, code)
          .map(u -> ProvinceResolution.resolved(raw, frame, u, MatchKind.CODE, null))
          .orElseGet(() -> ProvinceResolution.failed(raw, frame, Failure.UNKNOWN, List.of(),
              "code " + code + " is not a " + frame + " unit code"));
    }
    if (trimmed.endsWith(ELLIPSIS)) {
      return matchTruncated(raw, frame, NameNormalizer.normalize(trimmed.substring(0, trimmed.length() - 1)));
    }
    List<String> readings = NameNormalizer.readings(raw);
    if (readings.isEmpty()) {
      return ProvinceResolution.failed(raw, frame, Failure.UNKNOWN, List.of(), "nothing is left of it after"
          + " normalising");
    }
    Map<String, KeyEntry> keys = index.get(frame);
    if (readings.stream().noneMatch(NameNormalizer::hasLostCharacters)) {
      KeyEntry entry = keys.get(readings.get(0));
      if (entry == null) {
        return ProvinceResolution.failed(raw, frame, Failure.UNKNOWN, List.of(), null);
      }
      if (entry.units.size() > 1) {
        return ambiguous(raw, frame, readings.get(0), List.copyOf(entry.units));
      }
      return ProvinceResolution.resolved(raw, frame, entry.units.iterator().next(),
          entry.hasName ? MatchKind.NAME : MatchKind.ALIAS, null);
    }
    // Exactly one character per U+FFFD first: it is what a wrong decoding of one letter leaves. The looser
    // run of one or two is tried only when nothing matched, so it can never override a tighter match.
    for (String run : List.of(".", ".{1,2}")) {
      Set<Unit> units = new LinkedHashSet<>();
      for (String key : readings) {
        if (NameNormalizer.hasLostCharacters(key)) {
          Pattern pattern = lostPattern(key, run);
          keys.forEach((k, entry) -> {
            if (pattern.matcher(k).matches()) {
              units.addAll(entry.units);
            }
          });
        } else if (keys.containsKey(key)) {
          units.addAll(keys.get(key).units);
        }
      }
      if (units.size() == 1) {
        Unit unit = units.iterator().next();
        return ProvinceResolution.resolved(raw, frame, unit, MatchKind.LOST_CHARACTERS,
            "'" + raw + "' has lost characters (U+FFFD); only " + unit.label() + " fits it");
      }
      if (units.size() > 1) {
        // The last reading keeps every U+FFFD: it shows the reader where characters were lost.
        return ambiguous(raw, frame, readings.get(readings.size() - 1), List.copyOf(units));
      }
    }
    return ProvinceResolution.failed(raw, frame, Failure.UNKNOWN, List.of(),
        "no " + frame + " name fits it with each U+FFFD standing for one or two lost characters");
  }

  /** A name cut short with "…" (as spreadsheet cells sometimes are) must be the start of one unit's name. */
  private ProvinceResolution matchTruncated(String raw, String frame, String prefixKey) {
    if (prefixKey.isEmpty()) {
      return ProvinceResolution.failed(raw, frame, Failure.UNKNOWN, List.of(), "nothing is left of it before"
          + " the ellipsis");
    }
    Pattern pattern = Pattern.compile(lostPattern(prefixKey, ".").pattern() + ".*");
    Set<Unit> units = new LinkedHashSet<>();
    index.get(frame).forEach((k, entry) -> {
      if (pattern.matcher(k).matches()) {
        units.addAll(entry.units);
      }
    });
    if (units.size() == 1) {
      Unit unit = units.iterator().next();
      return ProvinceResolution.resolved(raw, frame, unit, MatchKind.TRUNCATED,
          "'" + raw + "' is cut short; only " + unit.label() + " starts that way");
    }
    if (units.size() > 1) {
      return ambiguous(raw, frame, prefixKey + ELLIPSIS, List.copyOf(units));
    }
    return ProvinceResolution.failed(raw, frame, Failure.UNKNOWN, List.of(),
        "no " + frame + " name starts with '" + prefixKey + "'");
  }

  private static Pattern lostPattern(String key, String run) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : key.toCharArray()) {
      if (c == NameNormalizer.LOST) {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(run);
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString());
  }

  private static ProvinceResolution ambiguous(String raw, String frame, String key, List<Unit> units) {
    List<Unit> sorted = units.stream().sorted(Comparator.comparing(Unit::code)).collect(Collectors.toList());
    return ProvinceResolution.failed(raw, frame, Failure.AMBIGUOUS, sorted,
        "ambiguous province name '" + raw + "' in frame " + frame + " (key '" + key + "'): it matches "
            + sorted.stream().map(u -> u.nameVi() + " (" + u.code() + ")").collect(Collectors.joining(", "))
            + "; not resolved, add an alias or fix the source");
  }

  /** The units sharing one key in one frame; more than one makes the key ambiguous. */
  static final class KeyEntry implements Serializable {
    private static final long serialVersionUID = 1L;
    final Set<Unit> units = new LinkedHashSet<>();
    boolean hasName;

    void add(Unit unit, boolean alias) {
      units.add(unit);
      hasName |= !alias;
    }
  }
}
