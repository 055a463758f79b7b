package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/**
 * The resolver against all 665 rows of {@code province_name_variants_dirty.csv} (mdtrinh/vietnamdata's
 * {@code Provinces.csv}): upper case, leading spaces and no-break spaces, U+FFFD for lost characters, R-style
 * {@code <U+1ECB>} escapes. Each row must either resolve to the GSO code of its {@code fixed} ASCII name or be
 * reported unresolvable; a wrong resolution fails the test.
 *
 * <p>The expected counts come from reading the file row by row (lines 2-666):
 * <ul>
 *   <li>lines 221-222, "Hà Bắc (cũ)" and "Hà Bắc": fixed "Ha Bac", a province split in 1997 into Bắc Giang and
 *       Bắc Ninh; no unit of any frame. 2 rows.</li>
 *   <li>lines 256-260, Hà Tây in five spellings: a VN64 unit only (code 28), so unknown in VN63. 5 rows.</li>
 *   <li>line 237, "H NAM": the À of HÀ NAM vanished without a U+FFFD, so nothing says a letter is missing;
 *       resolving it would be a guess. 1 row.</li>
 * </ul>
 * Every other row is a spelling of a VN63 unit in which each lost character is marked by one U+FFFD (or a
 * leading U+FFFD is a mangled BOM or no-break space), and each fits exactly one name; so 665 - 2 - 5 - 1 = 657
 * resolve in VN63 and 8 do not. In VN64 the five Hà Tây rows resolve too: 662 and 3.
 */
class ProvinceNameResolverDirtyVariantsTest {

  /** The fixed ASCII names of the file and their GSO codes, copied by hand from the v2.4.1 SQL. */
  private static final Map<String, String> CODE_OF_FIXED = Map.ofEntries(
      Map.entry("An Giang", "89"), Map.entry("Ba Ria - Vung Tau", "77"), Map.entry("Bac Giang", "24"),
      Map.entry("Bac Kan", "06"), Map.entry("Bac Lieu", "95"), Map.entry("Bac Ninh", "27"),
      Map.entry("Ben Tre", "83"), Map.entry("Binh Dinh", "52"), Map.entry("Binh Duong", "74"),
      Map.entry("Binh Phuoc", "70"), Map.entry("Binh Thuan", "60"), Map.entry("Ca Mau", "96"),
      Map.entry("Can Tho", "92"), Map.entry("Cao Bang", "04"), Map.entry("Da Nang", "48"),
      Map.entry("Dak Lak", "66"), Map.entry("Dak Nong", "67"), Map.entry("Dien Bien", "11"),
      Map.entry("Dong Nai", "75"), Map.entry("Dong Thap", "87"), Map.entry("Gia Lai", "64"),
      Map.entry("Ha Giang", "02"), Map.entry("Ha Nam", "35"), Map.entry("Ha Noi", "01"),
      Map.entry("Ha Tay", "28"), Map.entry("Ha Tinh", "42"), Map.entry("Hai Duong", "30"),
      Map.entry("Hai Phong", "31"), Map.entry("Hau Giang", "93"), Map.entry("Ho Chi Minh City", "79"),
      Map.entry("Hoa Binh", "17"), Map.entry("Hung Yen", "33"), Map.entry("Khanh Hoa", "56"),
      Map.entry("Kien Giang", "91"), Map.entry("Kon Tum", "62"), Map.entry("Lai Chau", "12"),
      Map.entry("Lam Dong", "68"), Map.entry("Lang Son", "20"), Map.entry("Lao Cai", "10"),
      Map.entry("Long An", "80"), Map.entry("Nam Dinh", "36"), Map.entry("Nghe An", "40"),
      Map.entry("Ninh Binh", "37"), Map.entry("Ninh Thuan", "58"), Map.entry("Phu Tho", "25"),
      Map.entry("Phu Yen", "54"), Map.entry("Quang Binh", "44"), Map.entry("Quang Nam", "49"),
      Map.entry("Quang Ngai", "51"), Map.entry("Quang Ninh", "22"), Map.entry("Quang Tri", "45"),
      Map.entry("Soc Trang", "94"), Map.entry("Son La", "14"), Map.entry("Tay Ninh", "72"),
      Map.entry("Thai Binh", "34"), Map.entry("Thai Nguyen", "19"), Map.entry("Thanh Hoa", "38"),
      Map.entry("Thua Thien - Hue", "46"), Map.entry("Thua Thien \u2013 Hue", "46"),
      Map.entry("Tien Giang", "82"), Map.entry("Tra Vinh", "84"), Map.entry("Tuyen Quang", "08"),
      Map.entry("Vinh Long", "86"), Map.entry("Vinh Phuc", "26"), Map.entry("Yen Bai", "15"));

  private static ProvinceNameResolver resolver;
  private static List<Variant> variants;

  record Variant(int line, String original, String fixed) {
  }

  @BeforeAll
  static void load() throws IOException {
    resolver = ProvinceNameResolver.from(UnitCatalog.load(SparkTestBase.repoRoot().resolve("data/reference")));
    Path file = SparkTestBase.sharedRoot().resolve("data/reference/province_name_variants_dirty.csv");
    variants = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader)
            .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
      for (CSVRecord r : parser) {
        variants.add(new Variant((int) r.getRecordNumber() + 1, r.get("original"), r.get("fixed")));
      }
    }
  }

  @Test
  void theFileHasTheRowsCountedByHand() {
    assertThat(variants).hasSize(665);
    assertThat(variants.get(0).line()).isEqualTo(2);
    assertThat(variants.get(219)).isEqualTo(new Variant(221, "Hà Bắc (cũ)", "Ha Bac"));
    assertThat(variants.get(235)).isEqualTo(new Variant(237, "H NAM", "Ha Nam"));
    assertThat(variants.stream().map(Variant::fixed).filter(f -> !f.equals("Ha Bac")))
        .allMatch(CODE_OF_FIXED::containsKey);
  }

  @Test
  void inVn63NoRowResolvesWronglyAndTheUnresolvedAreTheExpectedEight() {
    List<String> wrong = new ArrayList<>();
    TreeSet<Integer> unresolved = new TreeSet<>();
    int resolved = 0;
    for (Variant v : variants) {
      ProvinceResolution r = resolver.resolve(v.original(), "VN63");
      if (r.isResolved()) {
        resolved++;
        if (!r.unitCode().equals(CODE_OF_FIXED.get(v.fixed()))) {
          wrong.add("line " + v.line() + " '" + v.original() + "' -> " + r.unit().label());
        }
      } else {
        unresolved.add(v.line());
        assertThat(r.message()).contains("'" + v.original() + "'").contains("VN63");
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(resolved).isEqualTo(657);
    assertThat(unresolved).containsExactly(221, 222, 237, 256, 257, 258, 259, 260);
  }

  @Test
  void inVn64TheHaTayRowsResolveTo28() {
    List<String> wrong = new ArrayList<>();
    TreeSet<Integer> unresolved = new TreeSet<>();
    for (Variant v : variants) {
      ProvinceResolution r = resolver.resolve(v.original(), "VN64");
      if (!r.isResolved()) {
        unresolved.add(v.line());
      } else if (!r.unitCode().equals(CODE_OF_FIXED.get(v.fixed()))) {
        wrong.add("line " + v.line() + " '" + v.original() + "' -> " + r.unit().label());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(unresolved).containsExactly(221, 222, 237);
  }

  @Test
  void haTayIsUnknownInVn63WithItsLineage() {
    ProvinceResolution r = resolver.resolve("\u00A0Hà Tây", "VN63");
    assertThat(r.failure()).isEqualTo(ProvinceResolution.Failure.UNKNOWN);
    assertThat(r.message())
        .contains("Hà Tây (VN64 28), which merged into Hà Nội (VN63 01) on 2008-08-01");
  }
}
