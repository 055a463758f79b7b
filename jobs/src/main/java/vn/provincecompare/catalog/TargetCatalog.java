package vn.provincecompare.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Targets from {@code data/targets/targets.csv}, checked against the indicator catalog.
 *
 * <p>Threshold meaning by kind: {@code value_at_least}/{@code value_at_most} compare the value in the indicator's
 * unit; {@code rank_at_most} is "top N" (N a whole number); {@code band_at_least} names a band of the indicator
 * and has no threshold; {@code change_at_least} is the required improvement since {@code base_year} in the
 * indicator's better direction, in percent for {@code level} indicators and in points otherwise (so a
 * lower-is-better count with threshold 10 must fall by at least 10%).
 */
public final class TargetCatalog {

  public static final String FILE = "targets.csv";
  public static final List<String> COLUMNS = List.of("target_id", "unit_frame", "unit_code", "indicator_code",
      "target_year", "kind", "threshold", "band_code", "base_year", "source", "note");

  private static final String ID_PATTERN = "[A-Z0-9][A-Za-z0-9_.-]*";

  private final List<Target> targets;
  private final Map<String, Target> byId;

  private TargetCatalog(List<Target> targets) {
    this.targets = List.copyOf(targets);
    this.byId = targets.stream().collect(Collectors.toMap(Target::targetId, t -> t));
  }

  /** Loads {@code targets.csv} from {@code targetsDir}; indicators and bands must exist in {@code indicators}. */
  public static TargetCatalog load(Path targetsDir, IndicatorCatalog indicators) {
    List<Target> out = new ArrayList<>();
    Map<String, Integer> lineById = new HashMap<>();
    for (CatalogCsv.Row row : CatalogCsv.read(targetsDir.resolve(FILE), COLUMNS)) {
      Target t = parse(row, indicators);
      Integer first = lineById.putIfAbsent(t.targetId(), row.line());
      if (first != null) {
        throw row.error("target_id", "duplicate target_id '" + t.targetId() + "', first on line " + first
            + "; expected a unique id such as LCI-2025-PAR_INDEX-RANK");
      }
      out.add(t);
    }
    return new TargetCatalog(out);
  }

  public List<Target> all() {
    return targets;
  }

  public Optional<Target> find(String targetId) {
    return Optional.ofNullable(byId.get(targetId));
  }

  /** The targets of one unit, in file order. */
  public List<Target> forUnit(String unitFrame, String unitCode) {
    return targets.stream()
        .filter(t -> t.unitFrame().equals(unitFrame) && t.unitCode().equals(unitCode))
        .collect(Collectors.toUnmodifiableList());
  }

  /** The targets on one indicator, in file order. */
  public List<Target> forIndicator(String indicatorCode) {
    return targets.stream()
        .filter(t -> t.indicatorCode().equals(indicatorCode))
        .collect(Collectors.toUnmodifiableList());
  }

  private static Target parse(CatalogCsv.Row row, IndicatorCatalog indicators) {
    String id = row.required("target_id", "a readable unique id such as LCI-2025-PAR_INDEX-RANK");
    if (!id.matches(ID_PATTERN)) {
      throw row.error("target_id", "'" + id + "' is not a valid id; expected letters, digits, '_', '-' and '.', "
          + "e.g. LCI-2025-PAR_INDEX-RANK");
    }
    String frame = row.required("unit_frame", "a unit frame such as VN63");
    String unit = row.required("unit_code", "the unit's code within its frame, e.g. 10");
    String code = row.required("indicator_code", "an indicator_code of indicators.csv");
    Indicator indicator = indicators.find(code).orElseThrow(() -> row.error("indicator_code",
        "unknown indicator '" + code + "'; expected an indicator_code of indicators.csv"));
    int year = row.requiredInt("target_year", "the year the target is to be reached, e.g. 2025");
    TargetKind kind = row.oneOf("kind", TargetKind.class);
    Double threshold = row.optionalDouble("threshold", "the value, rank or change the target names");
    String band = row.isBlank("band_code") ? null : row.text("band_code");
    Integer base = row.optionalInt("base_year", "the year a change is measured from");

    if (kind == TargetKind.BAND_AT_LEAST) {
      if (threshold != null) {
        throw row.error("threshold", "must be blank for band_at_least; the band_code is the target");
      }
      if (band == null) {
        throw row.error("band_code", "is blank; band_at_least needs a band of " + code + ", valid: "
            + bandCodes(indicators, code, year));
      }
      boolean known = indicators.bandsFor(code, year).stream().anyMatch(b -> b.bandCode().equals(band));
      if (!known) {
        throw row.error("band_code", "'" + band + "' is not a band of " + code + " in " + year + "; valid: "
            + bandCodes(indicators, code, year));
      }
    } else {
      if (band != null) {
        throw row.error("band_code", "must be blank unless kind is band_at_least");
      }
      if (threshold == null) {
        throw row.error("threshold", "is blank; kind " + kind.code() + " needs a number");
      }
    }
    if (kind == TargetKind.RANK_AT_MOST && (threshold < 1 || threshold != Math.rint(threshold))) {
      throw row.error("threshold", threshold + " is not a rank; rank_at_most needs a whole number >= 1 (top N)");
    }
    if ((kind == TargetKind.VALUE_AT_LEAST || kind == TargetKind.VALUE_AT_MOST)
        && !indicator.scale().contains(threshold)) {
      throw row.error("threshold", threshold + " is outside the scale of " + code + " ("
          + bound(indicator.scaleMin()) + ".." + bound(indicator.scaleMax()) + ")");
    }
    if (kind == TargetKind.CHANGE_AT_LEAST) {
      if (base == null) {
        throw row.error("base_year", "is blank; change_at_least needs the year the change is measured from");
      }
      if (base >= year) {
        throw row.error("base_year", "base_year " + base + " is not before target_year " + year);
      }
    } else if (base != null) {
      throw row.error("base_year", "must be blank unless kind is change_at_least");
    }
    return new Target(id, frame, unit, code, year, kind, threshold, band, base,
        row.required("source", "the resolution, programme or report that sets the target"),
        row.isBlank("note") ? null : row.text("note"));
  }

  private static String bandCodes(IndicatorCatalog indicators, String code, int year) {
    List<Band> bands = indicators.bandsFor(code, year);
    return bands.isEmpty() ? "(none: " + code + " has no bands in " + year + ")"
        : bands.stream().map(Band::bandCode).collect(Collectors.joining(" | "));
  }

  private static String bound(Double v) {
    return v == null ? "open" : String.valueOf(v);
  }
}
