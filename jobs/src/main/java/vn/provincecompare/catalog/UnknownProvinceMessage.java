package vn.provincecompare.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The message of a name that resolves to no unit of a frame: what it names in a neighbouring frame and how that
 * unit got here, or else the valid codes or the closest names of the frame.
 */
final class UnknownProvinceMessage {
  private static final int CLOSEST_NAMES = 3;

  private UnknownProvinceMessage() {}

  /** For {@code raw}, which the index matched to no unit of {@code frame}; {@code reason} the match's, or null. */
  static String of(ProvinceNameIndex index, String raw, String frame, String reason) {
    UnitCatalog catalog = index.catalog();
    StringBuilder message = new StringBuilder("unknown province '").append(raw).append("' in frame ")
        .append(frame);
    String key = NameNormalizer.normalize(raw);
    if (!key.isEmpty() && !key.equals(raw)) {
      message.append(" (key '").append(key).append("')");
    }
    if (reason != null) {
      message.append(": ").append(reason);
    }
    Optional<Unit> elsewhere = nearestFrameMatch(index, raw, frame);
    if (elsewhere.isPresent()) {
      message.append("; it names ").append(describeElsewhere(catalog, elsewhere.get(), frame));
    } else if (ProvinceNameIndex.CODE.matcher(NameNormalizer.canonicalSpelling(raw)).matches()) {
      message.append("; valid ").append(frame).append(" codes: ").append(catalog.units(frame).stream()
          .map(Unit::code).collect(Collectors.joining(" ")));
    } else if (!key.isEmpty()) {
      message.append("; closest ").append(frame).append(" names: ").append(closestNames(index, key, frame));
    }
    return message.toString();
  }

  /**
   * The unit the string names in the frame nearest to the requested one: the latest earlier frame first
   * (whose lineage leads into the requested frame), else the earliest later one.
   */
  private static Optional<Unit> nearestFrameMatch(ProvinceNameIndex index, String raw, String frame) {
    List<String> codes = index.catalog().frameCodes();
    int target = codes.indexOf(frame);
    List<String> order = new ArrayList<>();
    for (int i = target - 1; i >= 0; i--) {
      order.add(codes.get(i));
    }
    for (int i = target + 1; i < codes.size(); i++) {
      order.add(codes.get(i));
    }
    for (String other : order) {
      ProvinceResolution there = index.match(raw, other);
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
  private static String describeElsewhere(UnitCatalog catalog, Unit unit, String targetFrame) {
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

  private static String closestNames(ProvinceNameIndex index, String key, String frame) {
    Map<Unit, Integer> best = new LinkedHashMap<>();
    index.keys(frame).forEach((k, entry) -> {
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
}
