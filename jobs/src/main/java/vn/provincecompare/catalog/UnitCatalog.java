package vn.provincecompare.catalog;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.provincecompare.catalog.UnitReferenceCsv.Row;
import vn.provincecompare.errors.DataException;

/**
 * The provincial units of every frame, the 6 regions, the lineage between frames and the name aliases, read
 * from {@code data/reference/{frames,regions,units,lineage,aliases}.csv}.
 *
 * <p>Loading is strict: a missing or unexpected column, a blank required field, an unknown frame, region or
 * unit, a duplicate key, a non-NFC name, a malformed date or code, or a frame whose {@code n_units} disagrees
 * with {@code units.csv} throws {@link DataException} naming the file, line and field. A bad reference file
 * would silently mis-key every observation, so nothing here is skipped.
 */
public final class UnitCatalog implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String FRAMES_FILE = "frames.csv";
  static final String REGIONS_FILE = "regions.csv";
  static final String UNITS_FILE = "units.csv";
  static final String LINEAGE_FILE = "lineage.csv";
  static final String ALIASES_FILE = "aliases.csv";

  static final List<String> FRAMES_COLUMNS = List.of("frame_code", "name", "valid_from", "valid_to",
      "first_data_year", "last_data_year", "n_units");
  static final List<String> REGIONS_COLUMNS = List.of("region_code", "name_vi", "name_en");
  static final List<String> UNITS_COLUMNS = List.of("unit_frame", "unit_code", "name_vi", "name_ascii",
      "name_en", "unit_type", "region_code");
  static final List<String> LINEAGE_COLUMNS = List.of("from_frame", "from_code", "to_frame", "to_code",
      "relation", "effective_date", "source");
  static final List<String> ALIASES_COLUMNS = List.of("alias", "unit_frame", "unit_code", "source");

  /** The vocabularies of the coded columns: the schema of the files, not domain facts. */
  // Provincial units, and the district and commune levels below them (GSO codes of 2, 3 and 5 digits): the same
  // comparisons are wanted for communes (about 10,600 before 2025, 3,321 after).
  static final Set<String> UNIT_TYPES = Set.of("province", "city", "district", "town", "commune", "ward",
      "township");
  static final Set<String> RELATIONS = Set.of("unchanged", "merged");

  static final Pattern UNIT_CODE = Pattern.compile("\\d{2}|\\d{3}|\\d{5}");
  private static final Pattern FRAME_CODE = Pattern.compile("[A-Z]{2}\\d{2}");
  private static final Pattern REGION_CODE = Pattern.compile("R\\d+");
  private static final Pattern ASCII = Pattern.compile("\\p{ASCII}+");

  private final List<Frame> frames;
  private final List<UnitRegion> regions;
  private final Map<String, List<Unit>> unitsByFrame;
  private final List<LineageLink> lineage;
  private final List<UnitAlias> aliases;

  private UnitCatalog(List<Frame> frames, List<UnitRegion> regions, Map<String, List<Unit>> unitsByFrame,
      List<LineageLink> lineage, List<UnitAlias> aliases) {
    this.frames = List.copyOf(frames);
    this.regions = List.copyOf(regions);
    this.unitsByFrame = Map.copyOf(unitsByFrame);
    this.lineage = List.copyOf(lineage);
    this.aliases = List.copyOf(aliases);
  }

  /** Reads and checks the five unit files of a reference directory (normally {@code data/reference}). */
  public static UnitCatalog load(Path referenceDir) {
    Map<String, Frame> frames = new LinkedHashMap<>();
    Map<String, Integer> frameLines = new HashMap<>();
    for (Row row : UnitReferenceCsv.read(referenceDir, FRAMES_FILE, FRAMES_COLUMNS)) {
      String code = row.matching("frame_code", FRAME_CODE, "a frame code such as VN63");
      Frame frame = new Frame(code, row.nfc("name"), row.date("valid_from"), row.optionalDate("valid_to"),
          row.integer("first_data_year"), row.optionalInteger("last_data_year"), row.integer("n_units"));
      if (frame.validTo() != null && frame.validTo().isBefore(frame.validFrom())) {
        throw row.error("valid_to", "valid_to " + frame.validTo() + " is before valid_from " + frame.validFrom());
      }
      if (frames.putIfAbsent(code, frame) != null) {
        throw row.error("frame_code", "duplicate frame '" + code + "' (first on line " + frameLines.get(code) + ")");
      }
      frameLines.put(code, row.line);
    }

    Map<String, UnitRegion> regions = new LinkedHashMap<>();
    for (Row row : UnitReferenceCsv.read(referenceDir, REGIONS_FILE, REGIONS_COLUMNS)) {
      String code = row.matching("region_code", REGION_CODE, "R followed by a number, such as R1");
      if (regions.putIfAbsent(code, new UnitRegion(code, row.nfc("name_vi"), row.nfc("name_en"))) != null) {
        throw row.error("region_code", "duplicate region '" + code + "'");
      }
    }

    Map<String, Map<String, Unit>> units = new LinkedHashMap<>();
    Map<String, Integer> unitLines = new HashMap<>();
    for (Row row : UnitReferenceCsv.read(referenceDir, UNITS_FILE, UNITS_COLUMNS)) {
      String frame = row.oneOf("unit_frame", frames.keySet());
      String code = row.matching("unit_code", UNIT_CODE, "a GSO code of 2 (province), 3 (district) or 5 (commune) digits, such as 01 or 10");
      String regionCode = row.optional("region_code");
      if (regionCode != null) {
        row.oneOf("region_code", regions.keySet());
      }
      Unit unit = new Unit(frame, code, row.nfc("name_vi"), row.matching("name_ascii", ASCII, "ASCII text"),
          row.nfc("name_en"), row.oneOf("unit_type", UNIT_TYPES), regionCode);
      if (units.computeIfAbsent(frame, f -> new TreeMap<>()).putIfAbsent(code, unit) != null) {
        throw row.error("unit_code", "duplicate unit (" + frame + ", " + code + ") (first on line "
            + unitLines.get(frame + "/" + code) + ")");
      }
      unitLines.put(frame + "/" + code, row.line);
    }
    for (Frame frame : frames.values()) {
      int actual = units.getOrDefault(frame.code(), Map.of()).size();
      if (actual != frame.nUnits()) {
        throw new DataException(path(referenceDir, FRAMES_FILE), frameLines.get(frame.code()), "n_units",
            "frame " + frame.code() + " declares " + frame.nUnits() + " units but " + UNITS_FILE + " has "
                + actual);
      }
    }

    List<LineageLink> lineage = new ArrayList<>();
    Map<String, Integer> outgoing = new HashMap<>();
    for (Row row : UnitReferenceCsv.read(referenceDir, LINEAGE_FILE, LINEAGE_COLUMNS, true)) {
      String fromFrame = row.oneOf("from_frame", frames.keySet());
      String fromCode = row.unitOf("from_code", units.get(fromFrame), fromFrame);
      String toFrame = row.oneOf("to_frame", frames.keySet());
      String toCode = row.unitOf("to_code", units.get(toFrame), toFrame);
      if (fromFrame.equals(toFrame)) {
        throw row.error("to_frame", "a lineage link must go to another frame than " + fromFrame);
      }
      LineageLink link = new LineageLink(fromFrame, fromCode, toFrame, toCode, row.oneOf("relation", RELATIONS),
          row.date("effective_date"), row.required("source"));
      Integer first = outgoing.putIfAbsent(fromFrame + "/" + fromCode, row.line);
      if (first != null) {
        throw row.error("from_code", "(" + fromFrame + ", " + fromCode
            + ") already has a successor on line " + first + "; a unit has at most one");
      }
      lineage.add(link);
    }

    List<UnitAlias> aliases = new ArrayList<>();
    for (Row row : UnitReferenceCsv.read(referenceDir, ALIASES_FILE, ALIASES_COLUMNS, true)) {
      String alias = row.nfc("alias");
      String frame = row.oneOf("unit_frame", frames.keySet());
      String code = row.unitOf("unit_code", units.get(frame), frame);
      aliases.add(new UnitAlias(alias, frame, code, row.required("source")));
    }

    List<Frame> frameList = frames.values().stream()
        .sorted(Comparator.comparing(Frame::validFrom)).collect(Collectors.toList());
    Map<String, List<Unit>> unitLists = new HashMap<>();
    units.forEach((frame, byCode) -> unitLists.put(frame, List.copyOf(byCode.values())));
    return new UnitCatalog(frameList, new ArrayList<>(regions.values()), unitLists, lineage, aliases);
  }

  /** The frames, oldest first. */
  public List<Frame> frames() {
    return frames;
  }

  public Optional<Frame> frame(String frameCode) {
    return frames.stream().filter(f -> f.code().equals(frameCode)).findFirst();
  }

  public boolean hasFrame(String frameCode) {
    return unitsByFrame.containsKey(frameCode);
  }

  /** The frame codes, oldest first, for messages ("VN64, VN63, VN34"). */
  public List<String> frameCodes() {
    return frames.stream().map(Frame::code).collect(Collectors.toList());
  }

  /** The units of a frame in code order; empty for an unknown frame. */
  public List<Unit> units(String frameCode) {
    return unitsByFrame.getOrDefault(frameCode, List.of());
  }

  public Optional<Unit> unit(String frameCode, String unitCode) {
    return units(frameCode).stream().filter(u -> u.code().equals(unitCode)).findFirst();
  }

  public List<UnitRegion> regions() {
    return regions;
  }

  public Optional<UnitRegion> region(String regionCode) {
    return regions.stream().filter(r -> r.code().equals(regionCode)).findFirst();
  }

  /** Every lineage link, in file order. */
  public List<LineageLink> lineage() {
    return lineage;
  }

  /** The links into a unit from the previous frame: a merged VN34 unit has several, an unchanged one one. */
  public List<LineageLink> predecessors(String frameCode, String unitCode) {
    return lineage.stream()
        .filter(l -> l.toFrame().equals(frameCode) && l.toCode().equals(unitCode))
        .sorted(Comparator.comparing(LineageLink::fromCode))
        .collect(Collectors.toList());
  }

  /** The link from a unit to its successor in the next frame, if the frame has a successor. */
  public Optional<LineageLink> successor(String frameCode, String unitCode) {
    return lineage.stream()
        .filter(l -> l.fromFrame().equals(frameCode) && l.fromCode().equals(unitCode))
        .findFirst();
  }

  public List<UnitAlias> aliases() {
    return aliases;
  }

  public List<UnitAlias> aliases(String frameCode) {
    return aliases.stream().filter(a -> a.frame().equals(frameCode)).collect(Collectors.toList());
  }

  // ---------------------------------------------------------------------------------------------------------

  private static String path(Path dir, String file) {
    return dir.resolve(file).toString();
  }
}
