package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * The hand-curated unit files against the published originals in {@code ../shared/data/reference}: names
 * and codes against thanglequoc v2.4.1, regions against NQ 81/2023 and GSO 2015, the 34 units against
 * {@code provinces_seed.sql}, lineage against the merger portal crawl, Hà Tây against vietnamcode.
 */
class UnitCatalogCrossCheckTest {

  private static final Path SHARED = SparkTestBase.sharedRoot().resolve("data/reference");
  private static UnitCatalog catalog;

  @BeforeAll
  static void load() {
    catalog = UnitCatalog.load(SparkTestBase.repoRoot().resolve("data/reference"));
  }

  @Test
  void vn63CodesAndNamesEqualThanglequocV241ModuloNormalisation() throws IOException {
    String sql = Files.readString(SHARED.resolve("ImportData_vn_units.v2.4.1.provinces_only.sql"));
    Matcher m = Pattern.compile("\\('(\\d{2})','([^']*)','([^']*)','([^']*)','([^']*)','([^']*)',(\\d),(\\d)\\)")
        .matcher(sql);
    Map<String, String> nameByCode = new TreeMap<>();
    Map<String, String> typeByCode = new TreeMap<>();
    while (m.find()) {
      nameByCode.put(m.group(1), m.group(2));
      typeByCode.put(m.group(1), m.group(7).equals("1") ? "city" : "province");
    }
    assertThat(nameByCode).hasSize(63);
    assertThat(codes("VN63")).containsExactlyElementsOf(nameByCode.keySet());
    for (Unit unit : catalog.units("VN63")) {
      String original = nameByCode.get(unit.code());
      if (unit.code().equals("46")) {
        // v2.4.1 already carries the 2025 rename to Huế; the frame keeps the name of 2008-2024.
        assertThat(original).isEqualTo("Huế");
        assertThat(unit.nameVi()).isEqualTo("Thừa Thiên Huế");
        continue;
      }
      assertThat(NameNormalizer.canonicalSpelling(unit.nameVi()))
          .as("VN63 %s", unit.code()).isEqualTo(NameNormalizer.canonicalSpelling(original));
      assertThat(NameNormalizer.normalize(unit.nameAscii())).isEqualTo(NameNormalizer.normalize(original));
      assertThat(unit.unitType()).as("type of VN63 %s", unit.code()).isEqualTo(typeByCode.get(unit.code()));
    }
    // "Hoà Bình" in v2.4.1, "Hòa Bình" as the publishers write it: equal only after tone folding.
    assertThat(nameByCode.get("17")).isEqualTo("Hoà Bình");
    assertThat(catalog.unit("VN63", "17").orElseThrow().nameVi()).isEqualTo("Hòa Bình");
  }

  @Test
  void vn64IsVn63PlusHaTay28AsInTheVietnamcodeCrosswalk() throws IOException {
    Set<String> vn64 = new TreeSet<>(codes("VN64"));
    Set<String> vn63PlusHaTay = new TreeSet<>(codes("VN63"));
    vn63PlusHaTay.add("28");
    assertThat(vn64).isEqualTo(vn63PlusHaTay);
    Map<String, String> crosswalk = new TreeMap<>();
    for (CSVRecord r : readCsv(SHARED.resolve("vietnamcode_data.csv"))) {
      if (!r.get("province_name").equals("NA")) {
        crosswalk.put(r.get("enterprise_census_c"), r.get("province_name_diacritics"));
      }
    }
    assertThat(crosswalk).hasSize(64);
    assertThat(crosswalk.keySet()).isEqualTo(vn64);
    assertThat(crosswalk.get("28")).isEqualTo("Hà Tây");
    assertThat(catalog.unit("VN64", "28").orElseThrow().nameVi()).isEqualTo("Hà Tây");
    for (Unit unit : catalog.units("VN64")) {
      if (!unit.code().equals("77") && !unit.code().equals("79")) {
        // vietnamcode writes "Bà Rịa Vũng Tàu" and "TP Hồ Chí Minh": the same keys after normalising.
        assertThat(NameNormalizer.canonicalSpelling(unit.nameVi())).as("VN64 %s", unit.code())
            .isEqualTo(NameNormalizer.canonicalSpelling(crosswalk.get(unit.code())));
      }
      assertThat(NameNormalizer.normalize(unit.nameVi()))
          .isEqualTo(NameNormalizer.normalize(crosswalk.get(unit.code())));
    }
  }

  @Test
  void regionCountsAndMembershipEqualNq81() throws IOException {
    Map<String, Set<String>> nq81 = new TreeMap<>();
    for (CSVRecord r : readCsv(SHARED.resolve("regions_6_nq81_2023_senvanggroup.csv"))) {
      nq81.computeIfAbsent("R" + r.get("region_order"), k -> new TreeSet<>())
          .add(NameNormalizer.normalize(r.get("province")));
    }
    Map<String, Set<String>> ours = new TreeMap<>();
    for (Unit unit : catalog.units("VN63")) {
      ours.computeIfAbsent(unit.regionCode(), k -> new TreeSet<>()).add(NameNormalizer.normalize(unit.nameVi()));
    }
    assertThat(ours).isEqualTo(nq81);
    // NQ 81's order: midlands and mountains 14, Red River Delta 11, North Central and coast 14, Central
    // Highlands 5, South East 6, Mekong 13; 14 + 11 + 14 + 5 + 6 + 13 = 63.
    assertThat(ours.values().stream().map(Set::size).collect(Collectors.toList()))
        .containsExactly(14, 11, 14, 5, 6, 13);
    assertThat(catalog.unit("VN63", "22").orElseThrow().regionCode()).isEqualTo("R2"); // Quảng Ninh
    assertThat(catalog.unit("VN63", "10").orElseThrow().regionCode()).isEqualTo("R1"); // Lào Cai
  }

  @Test
  void regionMembershipAlsoEqualsTheGso2015Table() throws IOException {
    // GSO interleaves region header rows with province rows; membership comes from row order.
    List<String> lines = Files.readAllLines(SHARED.resolve("gso_regions_2015.csv"), StandardCharsets.UTF_8);
    Map<String, String> regionByEnglishName = catalog.regions().stream()
        .collect(Collectors.toMap(r -> r.nameEn().toLowerCase(), UnitRegion::code));
    Map<String, Set<String>> gso = new TreeMap<>();
    String current = null;
    for (String line : lines.subList(4, lines.size())) {
      String name = line.substring(1, line.indexOf('"', 1));
      if (regionByEnglishName.containsKey(name.toLowerCase())) {
        current = regionByEnglishName.get(name.toLowerCase());
      } else {
        gso.computeIfAbsent(current, k -> new TreeSet<>()).add(NameNormalizer.normalize(name));
      }
    }
    Map<String, Set<String>> ours = new TreeMap<>();
    for (Unit unit : catalog.units("VN63")) {
      ours.computeIfAbsent(unit.regionCode(), k -> new TreeSet<>()).add(NameNormalizer.normalize(unit.nameVi()));
    }
    assertThat(gso).isEqualTo(ours);
  }

  @Test
  void vn34CodesAndNamesEqualProvincesSeed() throws IOException {
    String seed = Files.readString(SHARED.resolve("provinces_seed.sql"));
    Matcher m = Pattern.compile("\\('(\\d{2})', '([^']*)'\\)").matcher(seed);
    Map<String, String> nameByCode = new TreeMap<>();
    Map<String, String> typeByCode = new TreeMap<>();
    while (m.find()) {
      nameByCode.put(m.group(1), m.group(2));
      typeByCode.put(m.group(1), m.group(2).startsWith("Thành phố") ? "city" : "province");
    }
    assertThat(nameByCode).hasSize(34);
    assertThat(codes("VN34")).containsExactlyElementsOf(nameByCode.keySet());
    for (Unit unit : catalog.units("VN34")) {
      assertThat(NameNormalizer.normalize(unit.nameVi())).as("VN34 %s", unit.code())
          .isEqualTo(NameNormalizer.normalize(nameByCode.get(unit.code())));
      assertThat(unit.unitType()).as("type of VN34 %s", unit.code()).isEqualTo(typeByCode.get(unit.code()));
    }
    assertThat(catalog.unit("VN34", "15").orElseThrow().nameVi()).isEqualTo("Lào Cai");
  }

  @Test
  void eachVn34UnitsPredecessorsEqualTheMergerPortalsTruocsapnhap() throws IOException {
    JsonNode records = new ObjectMapper().readTree(SHARED.resolve("donvi_tinhthanh.json").toFile());
    Map<String, String> vn63CodeByKey = new LinkedHashMap<>();
    catalog.units("VN63").forEach(u -> vn63CodeByKey.put(NameNormalizer.normalize(u.nameVi()), u.code()));
    // The portal writes "TPHCM" and the 2025 name "Huế"; both are aliases of the catalog.
    vn63CodeByKey.put("tphcm", "79");
    vn63CodeByKey.put("hue", "46");
    int provinces = 0;
    for (JsonNode r : records) {
      if (!r.get("magoc").asText().equals("0")) {
        continue;
      }
      provinces++;
      String code = r.get("ma").asText();
      // Đồng Nai's entry carries a later note after the first sentence; only the list before it counts.
      String before = r.get("truocsapnhap").asText().split("\\.")[0];
      Set<String> expected = new TreeSet<>();
      String relation;
      if (before.equals("giữ nguyên")) {
        expected.add(code);
        relation = "unchanged";
      } else {
        for (String part : before.split(", | và ")) {
          String key = NameNormalizer.normalize(part);
          assertThat(vn63CodeByKey).as("predecessor '%s' of %s", part, code).containsKey(key);
          expected.add(vn63CodeByKey.get(key));
        }
        relation = "merged";
      }
      List<LineageLink> links = catalog.predecessors("VN34", code);
      Set<String> actual = links.stream().map(LineageLink::fromCode)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(actual).as("predecessors of VN34 %s", code).isEqualTo(expected);
      assertThat(links).allSatisfy(l -> {
        assertThat(l.fromFrame()).isEqualTo("VN63");
        assertThat(l.relation()).isEqualTo(relation);
        assertThat(l.effectiveDate()).hasToString("2025-07-01");
      });
    }
    assertThat(provinces).isEqualTo(34);
  }

  @Test
  void everyVn63UnitHasExactlyOneVn34SuccessorAndEveryVn64UnitOneVn63Successor() {
    Set<String> seen = new HashSet<>();
    for (Unit unit : catalog.units("VN63")) {
      LineageLink link = catalog.successor("VN63", unit.code()).orElseThrow();
      assertThat(link.toFrame()).isEqualTo("VN34");
      seen.add(link.toCode());
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(codes("VN34"));
    assertThat(catalog.units("VN64")).allSatisfy(u ->
        assertThat(catalog.successor("VN64", u.code()).orElseThrow().toFrame()).isEqualTo("VN63"));
    // 11 units kept their territory: Hà Nội, Huế, Cao Bằng, Điện Biên, Hà Tĩnh, Lai Châu, Lạng Sơn, Nghệ An,
    // Quảng Ninh, Thanh Hóa, Sơn La (PROVENANCE-thanglequoc); the other 52 merged into 23.
    List<LineageLink> vn63Links = catalog.lineage().stream().filter(l -> l.fromFrame().equals("VN63"))
        .collect(Collectors.toList());
    assertThat(vn63Links.stream().filter(l -> !l.isMerged()).map(LineageLink::fromCode))
        .containsExactlyInAnyOrder("01", "46", "04", "11", "42", "12", "20", "40", "22", "38", "14");
    assertThat(vn63Links.stream().filter(LineageLink::isMerged).count()).isEqualTo(52);
    assertThat(vn63Links.stream().filter(LineageLink::isMerged).map(LineageLink::toCode).distinct().count())
        .isEqualTo(23);
  }

  @Test
  void vn34RegionIsTheOneSharedByAllPredecessorsElseBlank() {
    for (Unit unit : catalog.units("VN34")) {
      Set<String> regions = catalog.predecessors("VN34", unit.code()).stream()
          .map(l -> catalog.unit("VN63", l.fromCode()).orElseThrow().regionCode())
          .collect(Collectors.toSet());
      assertThat(unit.regionCode()).as("region of VN34 %s", unit.code())
          .isEqualTo(regions.size() == 1 ? regions.iterator().next() : null);
    }
    // By hand: Bắc Giang (R1) + Bắc Ninh (R2) -> Bắc Ninh 24 spans two regions; Yên Bái + Lào Cai are both R1.
    assertThat(catalog.unit("VN34", "24").orElseThrow().regionCode()).isNull();
    assertThat(catalog.unit("VN34", "15").orElseThrow().regionCode()).isEqualTo("R1");
    List<String> blank = new ArrayList<>();
    catalog.units("VN34").stream().filter(u -> u.regionCode() == null).forEach(u -> blank.add(u.code()));
    // Bắc Ninh 24, Phú Thọ 25 (Vĩnh Phúc R2), Quảng Ngãi 51 (Kon Tum R4), Gia Lai 52 (Bình Định R3),
    // Đắk Lắk 66 (Phú Yên R3), Lâm Đồng 68 (Bình Thuận R3), Tây Ninh 80 (Long An R6).
    assertThat(blank).containsExactly("24", "25", "51", "52", "66", "68", "80");
  }

  private static List<String> codes(String frame) {
    return catalog.units(frame).stream().map(Unit::code).collect(Collectors.toList());
  }

  private static List<CSVRecord> readCsv(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader)
            .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
      return parser.getRecords();
    }
  }
}
