package vn.provincecompare.catalog;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.provincecompare.catalog.ProvinceResolution.Failure;
import vn.provincecompare.catalog.ProvinceResolution.MatchKind;
import vn.provincecompare.errors.UsageException;

/**
 * Resolves any spelling of a province name, or a GSO code, to a unit of a given frame.
 *
 * <p>Every Vietnamese, ASCII and English name of {@code units.csv} and every alias of {@code aliases.csv} is
 * indexed by its {@link NameNormalizer} key, per frame. A raw string resolves when its key equals exactly one
 * unit's key. A string with U+FFFD (characters lost to a wrong decoding) is matched with each U+FFFD standing
 * for exactly one character; only if no unit matches that way, for a run of one or two. Either way it resolves
 * only when exactly one unit matches under every reading of the string; otherwise it is {@code AMBIGUOUS} or
 * {@code UNKNOWN}. A name cut short with "…" resolves when it is the start of exactly one unit's name. The resolver never guesses: a name whose letters vanished without a trace ("H NAM") stays
 * unknown.
 *
 * <p>Frame-aware: "Lào Cai" is VN63 {@code 10} but VN34 {@code 15}; "Yên Bái" is no VN34 unit, and the
 * message says, from the lineage, that it merged into Lào Cai (VN34 15) on 2025-07-01.
 *
 * <p>Immutable and serialisable, so it can be broadcast to Spark executors.
 */
public final class ProvinceNameResolver implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern CODE = Pattern.compile("\\d{1,5}(\\.0+)?");
  /** GSO code widths: province, district, commune. Spreadsheets drop leading zeros, so each width is tried. */
  private static final List<String> CODE_WIDTHS = List.of("%02d", "%03d", "%05d");
  private static final int CLOSEST_NAMES = 3;
  private static final String ELLIPSIS = "\u2026";

  private final UnitCatalog catalog;
  /** frame -> normalised key -> the units with that key, and whether any of them came from a real name. */
  private final Map<String, Map<String, KeyEntry>> index;

  private ProvinceNameResolver(UnitCatalog catalog, Map<String, Map<String, KeyEntry>> index) {
    this.catalog = catalog;
    this.index = index;
  }

  /** Builds the name index of every frame of the catalog. */
  public static ProvinceNameResolver from(UnitCatalog catalog) {
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
    return new ProvinceNameResolver(catalog, index);
  }

  public UnitCatalog catalog() {
    return catalog;
  }

  /**
   * Resolves a raw name or code in a frame.
   *
   * @throws UsageException if the frame is not one of the catalog's
   */
  public ProvinceResolution resolve(String raw, String frame) {
    requireFrame(frame);
    ProvinceResolution direct = match(raw, frame);
    if (direct.isResolved() || direct.failure() == Failure.AMBIGUOUS) {
      return direct;
    }
    return ProvinceResolution.failed(raw, frame, Failure.UNKNOWN, List.of(), unknownMessage(raw, frame,
        direct.message()));
  }

  /** Resolves a raw name or code in every frame, for a source that does not declare its frame. */
  public ProvinceAnyFrameResolution resolveAnyFrame(String raw) {
    Map<String, ProvinceResolution> byFrame = new LinkedHashMap<>();
    for (String frame : catalog.frameCodes()) {
      byFrame.put(frame, resolve(raw, frame));
    }
    return new ProvinceAnyFrameResolution(raw, byFrame);
  }

  private void requireFrame(String frame) {
    if (frame == null || !catalog.hasFrame(frame)) {
      throw new UsageException("unknown unit frame '" + frame + "'; valid frames: "
          + String.join(", ", catalog.frameCodes()));
    }
  }

  /** Resolution without the cross-frame hints; an UNKNOWN carries only a short reason. */
  private ProvinceResolution match(String raw, String frame) {
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

  private String unknownMessage(String raw, String frame, String reason) {
    StringBuilder message = new StringBuilder("unknown province '").append(raw).append("' in frame ")
        .append(frame);
    String key = NameNormalizer.normalize(raw);
    if (!key.isEmpty() && !key.equals(raw)) {
      message.append(" (key '").append(key).append("')");
    }
    if (reason != null) {
      message.append(": ").append(reason);
    }
    Optional<Unit> elsewhere = nearestFrameMatch(raw, frame);
    if (elsewhere.isPresent()) {
      message.append("; it names ").append(describeElsewhere(elsewhere.get(), frame));
    } else if (CODE.matcher(NameNormalizer.canonicalSpelling(raw)).matches()) {
      message.append("; valid ").append(frame).append(" codes: ").append(catalog.units(frame).stream()
          .map(Unit::code).collect(Collectors.joining(" ")));
    } else if (!key.isEmpty()) {
      message.append("; closest ").append(frame).append(" names: ").append(closestNames(key, frame));
    }
    return message.toString();
  }

  /**
   * The unit the string names in the frame nearest to the requested one: the latest earlier frame first
   * (whose lineage leads into the requested frame), else the earliest later one.
   */
  private Optional<Unit> nearestFrameMatch(String raw, String frame) {
    List<String> codes = catalog.frameCodes();
    int target = codes.indexOf(frame);
    List<String> order = new ArrayList<>();
    for (int i = target - 1; i >= 0; i--) {
      order.add(codes.get(i));
    }
    for (int i = target + 1; i < codes.size(); i++) {
      order.add(codes.get(i));
    }
    for (String other : order) {
      ProvinceResolution there = match(raw, other);
      if (there.isResolved()) {
        return Optional.of(there.unit());
      }
    }
    return Optional.empty();
  }

  /**
   * Where a unit of another frame went: "Yên Bái (VN63 15), which merged into Lào Cai (VN34 15) on
   * 2025-07-01", or where a unit of a later frame came from.
   */
  private String describeElsewhere(Unit unit, String targetFrame) {
    StringBuilder text = new StringBuilder(unit.label());
    List<String> steps = new ArrayList<>();
    Optional<LineageLink> link = catalog.successor(unit.frame(), unit.code());
    while (link.isPresent()) {
      LineageLink l = link.get();
      Unit next = catalog.unit(l.toFrame(), l.toCode()).orElseThrow();
      steps.add((l.isMerged() ? "merged into " : "continued as ") + next.label() + " on " + l.effectiveDate());
      if (l.toFrame().equals(targetFrame)) {
        return text.append(", which ").append(String.join(", then ", steps)).toString();
      }
      link = catalog.successor(next.frame(), next.code());
    }
    List<LineageLink> from = catalog.predecessors(unit.frame(), unit.code());
    if (!from.isEmpty() && from.get(0).fromFrame().equals(targetFrame)) {
      String predecessors = from.stream()
          .map(p -> catalog.unit(p.fromFrame(), p.fromCode()).orElseThrow().label())
          .collect(Collectors.joining(", "));
      LocalDate date = from.get(0).effectiveDate();
      text.append(from.size() == 1 && !from.get(0).isMerged()
          ? ", which before " + date + " was " + predecessors
          : ", formed on " + date + " from " + predecessors);
    }
    return text.toString();
  }

  private String closestNames(String key, String frame) {
    Map<Unit, Integer> best = new LinkedHashMap<>();
    index.get(frame).forEach((k, entry) -> {
      int distance = distance(key, k);
      for (Unit unit : entry.units) {
        best.merge(unit, distance, Math::min);
      }
    });
    return best.entrySet().stream()
        .sorted(Map.Entry.<Unit, Integer>comparingByValue().thenComparing(e -> e.getKey().code()))
        .limit(CLOSEST_NAMES)
        .map(e -> e.getKey().nameVi() + " (" + e.getKey().code() + ")")
        .collect(Collectors.joining(", "));
  }

  /** Levenshtein distance; a lost-character marker costs nothing against any character. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        char x = a.charAt(i - 1);
        char y = b.charAt(j - 1);
        int substitution = x == y || x == NameNormalizer.LOST || y == NameNormalizer.LOST ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The units sharing one key in one frame; more than one makes the key ambiguous. */
  private static final class KeyEntry implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Set<Unit> units = new LinkedHashSet<>();
    private boolean hasName;

    void add(Unit unit, boolean alias) {
      units.add(unit);
      hasName |= !alias;
    }
  }
}
