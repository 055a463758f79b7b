package vn.provincecompare.ingest.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.ingest.RawObservation;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Reads the twelve bundled PCI workbooks through {@code data/raw/pci/pci_layout.csv} once and checks the result
 * against values read by hand from the sheets (cell references given beside each expectation).
 */
class ExcelSheetReaderTest {
  private static final String LAYOUT = "data/raw/pci/pci_layout.csv";
  private static List<RawObservation> all;

  @BeforeAll
  static void readAll() {
    all = ExcelSheetReader.read(SparkTestBase.repoRoot(), LAYOUT, "pci_vcci");
  }

  private static List<RawObservation> where(Predicate<RawObservation> p) {
    return all.stream().filter(p).toList();
  }

  private static RawObservation one(int year, String indicator, String unit) {
    List<RawObservation> found = where(o -> o.rawYear().equals(Integer.toString(year))
        && o.rawIndicator().equals(indicator) && nfc(o.rawUnit()).equals(unit));
    assertThat(found).as("%s %s %s", year, indicator, unit).hasSize(1);
    return found.get(0);
  }

  private static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  @Test
  void everyCellOfTheBundledFilesIsReadable() {
    assertThat(where(o -> o.rejectReason() != null)).isEmpty();
    assertThat(all).allSatisfy(o -> {
      assertThat(o.sourceId()).isEqualTo("pci_vcci");
      assertThat(o.sourceFile()).startsWith("data/raw/pci/PCI_" + o.rawYear() + ".xls");
    });
  }

  @Test
  void countsPerYearAndIndicatorMatchTheSheets() {
    // Data rows per sheet (first..last data row of each summary sheet, counted in the files):
    //   2005 'Bảng tóm tắt chỉ số' rows 3-44 = 42 and 'Xếp hạng theo chỉ số PCI' rows 2-43 = 42;
    //   2006 rows 3-66 = 64; 2007 rows 2-65 = 64; 2008 rows 3-66 = 64 (all with Hà Tây);
    //   2009 rows 4-66 = 63; 2010-2016 rows 2-64 = 63.
    // Indicators per year (the columns the sheets hold):
    //   2005: 9 sub-indices (entry, land, transparency, time, informal, central-policy implementation, SOE
    //         bias, proactivity, private-sector policy) + PCI = 10
    //   2006: 10 sub-indices + PCI = 11; 2007, 2008: 10 + unweighted + PCI = 12
    //   2009: 9 + PCI = 10; 2010: 9 + unweighted + PCI = 11; 2011, 2012: 9 + PCI = 10
    //   2013-2016: 10 (equal competition added) + PCI = 11
    List<String> nine = List.of("PCI_ENTRY", "PCI_LAND", "PCI_TRANSPARENCY", "PCI_TIME", "PCI_INFORMAL",
        "PCI_PROACTIVITY", "PCI_BUSINESS_SUPPORT", "PCI_LABOR", "PCI_LEGAL");
    Map<Integer, Set<String>> codes = new TreeMap<>();
    codes.put(2005, Set.of("PCI_ENTRY", "PCI_LAND", "PCI_TRANSPARENCY", "PCI_TIME", "PCI_INFORMAL",
        "PCI_CONSISTENCY", "PCI_SOE_BIAS", "PCI_PROACTIVITY", "PCI_BUSINESS_SUPPORT", "PCI"));
    // 2005-2008 publish SOE bias ("Ưu đãi đối với DNNN"), a different measure from 2013's equal competition.
    codes.put(2006, with(nine, "PCI_SOE_BIAS", "PCI"));
    codes.put(2007, with(nine, "PCI_SOE_BIAS", "PCI_UNWEIGHTED", "PCI"));
    codes.put(2008, with(nine, "PCI_SOE_BIAS", "PCI_UNWEIGHTED", "PCI"));
    codes.put(2009, with(nine, "PCI"));
    codes.put(2010, with(nine, "PCI_UNWEIGHTED", "PCI"));
    codes.put(2011, with(nine, "PCI"));
    codes.put(2012, with(nine, "PCI"));
    for (int y = 2013; y <= 2016; y++) {
      codes.put(y, with(nine, "PCI_POLICY_BIAS", "PCI"));
    }
    Map<Integer, Integer> provinces = Map.ofEntries(Map.entry(2005, 42), Map.entry(2006, 64),
        Map.entry(2007, 64), Map.entry(2008, 64), Map.entry(2009, 63), Map.entry(2010, 63), Map.entry(2011, 63),
        Map.entry(2012, 63), Map.entry(2013, 63), Map.entry(2014, 63), Map.entry(2015, 63), Map.entry(2016, 63));

    Map<String, Long> actual = all.stream().collect(Collectors.groupingBy(
        o -> o.rawYear() + " " + o.rawIndicator(), TreeMap::new, Collectors.counting()));
    Map<String, Long> expected = new TreeMap<>();
    codes.forEach((year, set) -> set.forEach(c -> expected.put(year + " " + c, (long) provinces.get(year))));
    assertThat(actual).isEqualTo(expected);
    // 42*10 + 64*11 + 64*12 + 64*12 + 63*10 + 63*11 + 63*10 + 63*10 + 4*63*11
    // = 420 + 704 + 768 + 768 + 630 + 693 + 630 + 630 + 2772 = 8015
    assertThat(all).hasSize(8015);
  }

  private static Set<String> with(List<String> base, String... more) {
    Set<String> out = new java.util.HashSet<>(base);
    out.addAll(List.of(more));
    return out;
  }

  @Test
  void laoCai2011IsFirstOf63At73point53() {
    // PCI_2011.xls 'Tong hop' row 2: T2 = Lào Cai, U2 = 73.53 (stored rounded), W2 = 1.
    RawObservation o = one(2011, "PCI", "Lào Cai");
    assertThat(Double.parseDouble(o.rawValue())).isCloseTo(73.53, within(0.005));
    assertThat(o.rawPublishedRank()).isEqualTo("1");
    assertThat(o.rawPublishedN()).isEqualTo("63");
    assertThat(o.field()).isEqualTo("Tong hop!U2");
    assertThat(o.line()).isEqualTo(2);
    assertThat(o.unitFrame()).isEqualTo("VN63");
    assertThat(o.rawRecord()).isEqualTo("T2=Lào Cai | U2=73.53 | V2=Lào Cai | W2=1.0 | X2=Lào Cai | Y2=Rất tốt");
  }

  @Test
  void laoCai2013IsPresentWithItsDecomposedName() {
    List<RawObservation> laoCai = where(o -> o.rawYear().equals("2013") && nfc(o.rawUnit()).equals("Lào Cai"));
    // one per indicator of 2013: 10 sub-indices + PCI
    assertThat(laoCai).hasSize(11);
    RawObservation pci = one(2013, "PCI", "Lào Cai");
    assertThat(pci.rawUnit()).isNotEqualTo(nfc(pci.rawUnit()));
    assertThat(pci.rawUnit()).contains("\u0300"); // the combining grave accent of "Lào"
    // the rank matches the one VCCI's news reported (17), per PROVENANCE.md
    assertThat(pci.rawPublishedRank()).isEqualTo("17");
  }

  @Test
  void years2014To2016ComeFromSummaryVnNotTheStaleEnglishSheet() {
    assertThat(where(o -> o.rawYear().compareTo("2014") >= 0))
        .allSatisfy(o -> assertThat(o.field()).startsWith("Summary_VN!"));
    // PCI_2016.xlsx Summary_VN row 2: V2 = Đà Nẵng, W2 = 70.00139617919922, X2 = 1 (the stale Summary sheet
    // has Đà Nẵng at 66.45, PCI 2013's score).
    RawObservation daNang = one(2016, "PCI", "Đà Nẵng");
    assertThat(Double.parseDouble(daNang.rawValue())).isCloseTo(70.0014, within(1e-4));
    assertThat(daNang.rawValue()).isEqualTo("70.00139617919922");
    assertThat(daNang.rawPublishedRank()).isEqualTo("1");
    assertThat(daNang.field()).isEqualTo("Summary_VN!W2");
  }

  @Test
  void theThreeWayTieOf2016HasDistinctPublishedRanks() {
    // Summary_VN rows 33-35: Bình Thuận 58.20315, Bắc Giang 58.20056, Đồng Nai 58.19531 -> all 58.20 at two
    // decimals; X33..X35 = 32, 33, 34.
    RawObservation binhThuan = one(2016, "PCI", "Bình Thuận");
    RawObservation bacGiang = one(2016, "PCI", "Bắc Giang");
    RawObservation dongNai = one(2016, "PCI", "Đồng Nai");
    for (RawObservation o : List.of(binhThuan, bacGiang, dongNai)) {
      assertThat(Math.round(Double.parseDouble(o.rawValue()) * 100) / 100.0).isEqualTo(58.20);
    }
    assertThat(List.of(binhThuan.rawPublishedRank(), bacGiang.rawPublishedRank(), dongNai.rawPublishedRank()))
        .containsExactly("32", "33", "34");
    assertThat(List.of(binhThuan.line(), bacGiang.line(), dongNai.line())).containsExactly(33, 34, 35);
  }

  @Test
  void haTayIsListedIn2005To2008AndTheseYearsAreInFrameVn64() {
    for (int yearNumber = 2005; yearNumber <= 2016; yearNumber++) {
      int year = yearNumber;
      String y = Integer.toString(year);
      List<RawObservation> pci = where(o -> o.rawYear().equals(y) && o.rawIndicator().equals("PCI"));
      boolean listsHaTay = pci.stream().anyMatch(o -> nfc(o.rawUnit()).equals("Hà Tây"));
      assertThat(listsHaTay).as("Hà Tây in %s", year).isEqualTo(year <= 2008);
      assertThat(where(o -> o.rawYear().equals(y)))
          .allSatisfy(o -> assertThat(o.unitFrame()).isEqualTo(year <= 2008 ? "VN64" : "VN63"));
    }
    // 2005: 42 provinces, Hà Tây last (ranking sheet row 43, rank 42, 38.8065)
    RawObservation haTay2005 = one(2005, "PCI", "Hà Tây");
    assertThat(haTay2005.rawPublishedRank()).isEqualTo("42");
    assertThat(haTay2005.rawPublishedN()).isEqualTo("42");
    assertThat(Double.parseDouble(haTay2005.rawValue())).isCloseTo(38.8065, within(1e-4));
    assertThat(where(o -> o.rawYear().equals("2005") && o.rawIndicator().equals("PCI_ENTRY"))
        .stream().map(RawObservation::rawUnit).distinct()).hasSize(42);
    assertThat(where(o -> o.rawYear().equals("2006") && o.rawIndicator().equals("PCI"))
        .stream().map(RawObservation::rawUnit).distinct()).hasSize(64);
  }

  @Test
  void scoresAreOnTheirScales() {
    // PCI and the unweighted PCI run 0-100, sub-indices 0-10; no bundled value lies outside (none to report).
    List<RawObservation> outside = where(o -> {
      double v = Double.parseDouble(o.rawValue());
      double max = o.rawIndicator().equals("PCI") || o.rawIndicator().equals("PCI_UNWEIGHTED") ? 100 : 10;
      return v < 0 || v > max;
    });
    assertThat(outside).isEmpty();
  }

  @Test
  void ranksAreOnPciRowsOnlyAndEachYearRanks1ToN() {
    assertThat(where(o -> o.rawPublishedRank() != null))
        .allSatisfy(o -> assertThat(o.rawIndicator()).isEqualTo("PCI"));
    Map<String, List<Integer>> ranks = where(o -> o.rawIndicator().equals("PCI")).stream()
        .collect(Collectors.groupingBy(RawObservation::rawYear, TreeMap::new,
            Collectors.mapping(o -> Integer.parseInt(o.rawPublishedRank()), Collectors.toList())));
    ranks.forEach((year, list) -> {
      int n = year.equals("2005") ? 42 : year.compareTo("2008") <= 0 ? 64 : 63;
      assertThat(list).as(year).containsExactlyInAnyOrderElementsOf(
          java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
    });
  }

  @Test
  void ranksAgreeWithTheRanksEachSheetStatesInItsFooter() {
    // Each summary sheet of 2008-2016 ends with one province's scores and a "Xếp hạng" (rank) line, an
    // independent statement of that province's rank:
    //   2008 'Tổng hợp' rows 69-70: Hà Nội Y69 = 53.7364, Y70 = 31 (the reader's rank comes from column A)
    //   2010 'Tong hop' rows 67-68: Ha Noi W67 = 55.7302, rank 43
    //   2012 'Tong hop' rows 67-68: Hà Nội U67 = 53.3979, rank 51
    //   2014 Summary_VN rows 67-68: Hà Nội W67 = 58.8856, rank 26
    //   2016 Summary_VN rows 67-68: Yên Bái W67 = 57.2763, rank 47
    record Footer(int year, String unit, double score, String rank) {}
    for (Footer f : List.of(new Footer(2008, "Hà Nội", 53.7364, "31"), new Footer(2010, "Ha Noi", 55.7302, "43"),
        new Footer(2012, "Hà Nội", 53.3979, "51"), new Footer(2014, "Hà Nội", 58.8856, "26"),
        new Footer(2016, "Yên Bái", 57.2763, "47"))) {
      RawObservation o = one(f.year(), "PCI", f.unit());
      assertThat(Double.parseDouble(o.rawValue())).as("%s", f).isCloseTo(f.score(), within(1e-4));
      assertThat(o.rawPublishedRank()).as("%s", f).isEqualTo(f.rank());
    }
  }

  @Test
  void subIndicesOfBothLayoutsAreTakenFromTheirOwnColumns() {
    // row per unit, 2005 'Bảng tóm tắt chỉ số' row 4: A4 = Đà Nẵng, F4 (entry) = 8.7715, L4 (SOE bias) = 5.256
    assertThat(Double.parseDouble(one(2005, "PCI_ENTRY", "Đà Nẵng").rawValue())).isCloseTo(8.7715, within(1e-4));
    assertThat(Double.parseDouble(one(2005, "PCI_SOE_BIAS", "Đà Nẵng").rawValue()))
        .isCloseTo(5.256, within(1e-4));
    // 2009 'Tong Hop' row 4: C4 = Hà Nội, D4 (entry) = 8.3518, B4 = rank 33, M4 = 58.177
    RawObservation haNoi2009 = one(2009, "PCI", "Hà Nội");
    assertThat(Double.parseDouble(haNoi2009.rawValue())).isCloseTo(58.177, within(1e-3));
    assertThat(haNoi2009.rawPublishedRank()).isEqualTo("33");
    assertThat(Double.parseDouble(one(2009, "PCI_ENTRY", "Hà Nội").rawValue())).isCloseTo(8.3518, within(1e-4));
    // paired, 2008 'Tổng hợp' row 3: pair B/C = Đà Nẵng 9.3607 (entry), pair L/M = Hà Giang 8.7714 (SOE bias)
    RawObservation entry = one(2008, "PCI_ENTRY", "Đà Nẵng");
    assertThat(Double.parseDouble(entry.rawValue())).isCloseTo(9.3607, within(1e-4));
    assertThat(entry.field()).isEqualTo("Tổng hợp!C3");
    assertThat(entry.rawRecord()).startsWith("B3=Đà Nẵng | C3=9.36");
    assertThat(one(2008, "PCI_SOE_BIAS", "Hà Giang").field()).isEqualTo("Tổng hợp!M3");
    // 2016 Summary_VN row 2, pair L/M (equal competition) = Sóc Trăng 6.9113
    assertThat(Double.parseDouble(one(2016, "PCI_POLICY_BIAS", "Sóc Trăng").rawValue()))
        .isCloseTo(6.9113, within(1e-4));
  }

  @Test
  void unitsAreKeptAsStoredIncludingSpellingsThatDifferWithinASheet() {
    // PCI_2014 Summary_VN spells "Đắk Lắk"/"Đắk Nông" in the PCI pair and "Đăk Lăk"/"Đăk Nông" in the
    // sub-index pairs; 2005's ranking sheet has the typo "Quàng Ngãi" (row 37). The resolver's aliases must
    // cover them; the reader must not hide them.
    assertThat(where(o -> o.rawYear().equals("2014") && o.rawIndicator().equals("PCI"))
        .stream().map(RawObservation::rawUnit)).contains("Đắk Lắk", "Đắk Nông").doesNotContain("Đăk Lăk");
    assertThat(where(o -> o.rawYear().equals("2014") && o.rawIndicator().equals("PCI_ENTRY"))
        .stream().map(RawObservation::rawUnit)).contains("Đăk Lăk", "Đăk Nông").doesNotContain("Đắk Lắk");
    assertThat(one(2005, "PCI", "Quàng Ngãi").line()).isEqualTo(37);
    assertThat(one(2005, "PCI_ENTRY", "Quảng Ngãi").line()).isEqualTo(25);
  }
}
