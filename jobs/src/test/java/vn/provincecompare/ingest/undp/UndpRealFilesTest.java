package vn.provincecompare.ingest.undp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.ingest.RawObservation;
import vn.provincecompare.ingest.RawReader;
import vn.provincecompare.ingest.Readers;
import vn.provincecompare.ingest.SourceSpec;
import vn.provincecompare.ingest.SourcesManifest;
import vn.provincecompare.testing.SparkTestBase;

/**
 * The UNDP readers on the bundled files, through their entries of {@code data/raw/sources.json} and
 * {@code undp_rows.csv}. No Spark session: only {@link SparkTestBase#repoRoot()} is used.
 *
 * <p>Expected values were read off the files by hand (a text editor, or {@code cut}/{@code awk} on the CSV
 * exports and LibreOffice on the xlsx), never from this code's output; where they come from is written beside
 * each one.
 */
class UndpRealFilesTest {

  private static Map<String, SourceSpec> sources;
  private static Map<String, List<RawObservation>> read;

  @BeforeAll
  static void readAll() {
    Path root = SparkTestBase.repoRoot();
    Map<String, RawReader> readers = Readers.all();
    sources = SourcesManifest.read(root.resolve("data/raw/sources.json"), "data/raw/sources.json", readers.keySet())
        .sources().stream().filter(s -> UndpSources.FORMATS.contains(s.format()))
        .collect(Collectors.toMap(SourceSpec::sourceId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    read = new LinkedHashMap<>();
    sources.values().forEach(s -> read.put(s.sourceId(), readers.get(s.format()).read(s, root)));
  }

  @Test
  void sourcesListEveryBundledFileOncePerYear() {
    // 6 sheets of PAPI_2011-2016.xlsx, 3 row sheets (2015-2017), 4 wide sheets (2018, 2019, 2022, 2023) and
    // the 2 English duplicates (2022, 2023).
    assertThat(sources.keySet()).containsExactly(
        "papi_undp_wb_2011", "papi_undp_wb_2012", "papi_undp_wb_2013", "papi_undp_wb_2014", "papi_undp_wb_2015",
        "papi_undp_wb_2016", "papi_undp_2015", "papi_undp_2016", "papi_undp_2017", "papi_undp_2018",
        "papi_undp_2019", "papi_undp_2022", "papi_undp_2023", "papi_undp_eng_2022", "papi_undp_eng_2023");
    assertThat(sources.get("papi_undp_2018").priority()).isLessThan(sources.get("papi_undp_eng_2022").priority());
    assertThat(read.values().stream().flatMap(List::stream).filter(o -> o.rejectReason() != null)).isEmpty();
    assertThat(read.values().stream().flatMap(List::stream).map(RawObservation::unitFrame).distinct())
        .containsExactly("VN63");
  }

  @Test
  void thuaThienHue2023UnweightedTotalByGsoCode() {
    // PAPI-2015-2023.xlsm__2023.csv line 1 holds "46" in column AH (34th); line 3 ("Unweighted PAPI Score")
    // holds 46.04153823852539 there, TTXVN's published 46,0415.
    RawObservation hue = one("papi_undp_2023", "46", "PAPI");
    assertThat(Double.parseDouble(hue.rawValue())).isCloseTo(46.0415, within(1e-4));
    assertThat(hue.rawValue()).isEqualTo("46.04153823852539");
    assertThat(hue.line()).isEqualTo(3);
    assertThat(hue.field()).isEqualTo("AH3");
    assertThat(hue.rawYear()).isEqualTo("2023");
    assertThat(hue.sourceFile()).isEqualTo("data/raw/papi-undp/PAPI-2015-2023.xlsm__2023.csv");
    assertThat(hue.rawRecord()).contains("Unweighted PAPI Score", "Thừa Thiên-Huế", "46.04153823852539");
  }

  @Test
  void laoCai2019DimensionsAndTotal() {
    // PAPI-2015-2023.xlsm__2019.csv, column H (code 10, Lào Cai): lines 11, 36, 63, 81, 102, 124, 151, 166 are
    // "Chỉ số nội dung 1:" .. "8:"; rounded to 2 decimals they are the provincial portal's figures.
    double[] portal = {5.31, 5.46, 4.98, 6.76, 7.46, 7.28, 3.57, 4.22};
    int[] lines = {11, 36, 63, 81, 102, 124, 151, 166};
    for (int d = 1; d <= 8; d++) {
      RawObservation dimension = one("papi_undp_2019", "10", "PAPI_D" + d);
      assertThat(Math.round(Double.parseDouble(dimension.rawValue()) * 100) / 100.0)
          .as("PAPI_D%d", d).isEqualTo(portal[d - 1]);
      assertThat(dimension.line()).isEqualTo(lines[d - 1]);
    }
    // Line 7, "Chỉ số PAPI tổng hợp (không có trọng số)": 45.05506134033203 (line 3, the weighted total, is not
    // read).
    assertThat(Double.parseDouble(one("papi_undp_2019", "10", "PAPI").rawValue()))
        .isCloseTo(45.0551, within(1e-4));
    assertThat(one("papi_undp_2019", "10", "PAPI").line()).isEqualTo(7);
  }

  @Test
  void quangNinh2018TotalIsPassedThroughAsKcdl() {
    // 2018 has no code row: line 1 names "Quang Ninh" in column P; line 2 (the unweighted total) reads KCDL.
    RawObservation total = one("papi_undp_2018", "Quang Ninh", "PAPI");
    assertThat(total.rawValue()).isEqualTo("KCDL");
    assertThat(total.field()).isEqualTo("P2");
    // KCDL on line 2 of 2018: Quang Ninh (P) and Dong Thap (BF) only.
    assertThat(valuesOf("papi_undp_2018", "PAPI").entrySet().stream()
        .filter(e -> e.getValue().equals("KCDL")).map(Map.Entry::getKey))
        .containsExactlyInAnyOrder("Quang Ninh", "Dong Thap");
  }

  @Test
  void bacGiang2022ZerosArePassedThrough() {
    // 2022, code 24 (Bắc Giang) is column R. Reading down R, the mapped rows holding 0 are lines 7 (total),
    // 11-29 (dimension 1 and 1.1-1.4), 35-51 (dimension 2 and 2.1-2.4), 78-91 (dimension 4 and 4.1-4.4) and
    // 98-109 (dimension 5 and 5.1, 5.3, 5.4): 1 + 5 + 5 + 5 + 4 = 20 codes. Dimensions 3, 6, 7, 8 have values
    // (D3 4.396727085113525).
    Set<String> zeros = read.get("papi_undp_2022").stream()
        .filter(o -> o.rawUnit().equals("24") && o.rawValue().equals("0"))
        .map(RawObservation::rawIndicator).collect(Collectors.toCollection(TreeSet::new));
    assertThat(zeros).containsExactlyInAnyOrder("PAPI", "PAPI_D1", "PAPI_SC11", "PAPI_SC12", "PAPI_SC13",
        "PAPI_SC14", "PAPI_D2", "PAPI_SC21", "PAPI_SC22", "PAPI_SC23", "PAPI_SC24", "PAPI_D4", "PAPI_SC41",
        "PAPI_SC42", "PAPI_SC43", "PAPI_SC44", "PAPI_D5", "PAPI_SC51", "PAPI_SC53", "PAPI_SC54");
    assertThat(one("papi_undp_2022", "24", "PAPI_D3").rawValue()).isEqualTo("4.396727085113525");
    // Bắc Ninh (code 27) also reads 0 in the total.
    assertThat(one("papi_undp_2022", "27", "PAPI").rawValue()).isEqualTo("0");
  }

  @Test
  void blankCells2023ArePassedThroughAsBlank() {
    // 2023: Quảng Ninh (22) and Bình Dương (74) are empty in every mapped row.
    assertThat(one("papi_undp_2023", "22", "PAPI").rawValue()).isEmpty();
    assertThat(one("papi_undp_2023", "74", "PAPI_SC83").rawValue()).isEmpty();
  }

  @Test
  void haNoi2016FromTheWorkbook() {
    // PAPI_2011-2016.xlsx, sheet 2016_PAPI, row 3 (tinhid 1): D3, I3, M3, Q3, V3, AA3 are the 6 dimensions and
    // AF3 the unweighted total 33.80596113204956.
    double[] dimensions = {5.3377, 5.0762, 4.2614, 5.2389, 7.0872, 6.8045};
    String[] cells = {"D3", "I3", "M3", "Q3", "V3", "AA3"};
    for (int d = 1; d <= 6; d++) {
      RawObservation dimension = one("papi_undp_wb_2016", "1", "PAPI_D" + d);
      assertThat(Double.parseDouble(dimension.rawValue())).as("PAPI_D%d", d)
          .isCloseTo(dimensions[d - 1], within(1e-4));
      assertThat(dimension.field()).isEqualTo("2016_PAPI!" + cells[d - 1]);
      assertThat(dimension.line()).isEqualTo(3);
    }
    RawObservation total = one("papi_undp_wb_2016", "1", "PAPI");
    assertThat(Double.parseDouble(total.rawValue())).isCloseTo(33.806, within(5e-4));
    assertThat(total.rawValue()).isEqualTo("33.80596113204956");
    assertThat(total.rawRecord()).startsWith("1,Ha Noi,Hà Nội,5.337698459625244,");
  }

  @Test
  void workbookMapsDimensionThreeByPositionAcrossTheHeaderChange() {
    // 2011_PAPI row 3 (Hà Nội): O3 "People's Inspection Boards" = 2.085445, P3 "Community Investment Boards" =
    // 1.982788. In 2016_PAPI the headers of O and P are "Responsive to Citizen Actions" (1.045026421546936) and
    // "People's Inspection Boards" (1.1762458086013794). By position both years give SC32 = O and SC33 = P,
    // as the PAPI panel's 2011 and 2016 files do (P01 SC32 2.085445 / 1.045026422).
    assertThat(one("papi_undp_wb_2011", "1", "PAPI_SC32").rawValue()).isEqualTo("2.085445");
    assertThat(one("papi_undp_wb_2011", "1", "PAPI_SC33").rawValue()).isEqualTo("1.982788");
    assertThat(one("papi_undp_wb_2016", "1", "PAPI_SC32").rawValue()).isEqualTo("1.045026421546936");
    assertThat(one("papi_undp_wb_2016", "1", "PAPI_SC33").field()).isEqualTo("2016_PAPI!P3");
  }

  @Test
  void workbook2014MissingProvincesAndTheSummaryRow() {
    // 2014_PAPI rows 17 (tinhid 24, Bắc Giang) and 58 (87, Đồng Tháp) are empty in D..AE, but AF holds the
    // sheet formula =D17+I17+... whose cached value is 0. Row 66 (999, "Highest") is a summary and not read.
    assertThat(one("papi_undp_wb_2014", "24", "PAPI_D1").rawValue()).isEmpty();
    assertThat(one("papi_undp_wb_2014", "87", "PAPI_SC64").rawValue()).isEmpty();
    assertThat(one("papi_undp_wb_2014", "24", "PAPI").rawValue()).isEqualTo("0");
    assertThat(read.get("papi_undp_wb_2014")).noneMatch(o -> o.rawUnit().equals("999"));
  }

  @Test
  void rowSheetsKeyProvincesByTheNameAsWritten() {
    // PAPI-2015-2023.xlsm__2017.csv line 2: "Hà Nội " (trailing space), B2 = 5.25095272064209 (dimension 1);
    // line 12 "Hoà Bình " (old tone placement). No total column.
    RawObservation haNoi = one("papi_undp_2017", "Hà Nội ", "PAPI_D1");
    assertThat(haNoi.rawValue()).isEqualTo("5.25095272064209");
    assertThat(haNoi.line()).isEqualTo(2);
    assertThat(haNoi.field()).isEqualTo("1: Tham gia của người dân ở cấp cơ sở");
    assertThat(haNoi.rawRecord()).startsWith("Hà Nội ,5.25095272064209,");
    assertThat(read.get("papi_undp_2017")).anyMatch(o -> o.rawUnit().equals("Hoà Bình ") && o.line() == 12);
    assertThat(read.get("papi_undp_2017")).noneMatch(o -> o.rawIndicator().equals("PAPI"));
  }

  @Test
  void englishDuplicatesAreKeyedByAsciiName() {
    // PAPI-2015-2023(eng).xlsm__2023.csv line 2 column AH reads "Thua Thien-Hue"; line 3 the same
    // 46.04153823852539 as the Vietnamese file.
    RawObservation hue = one("papi_undp_eng_2023", "Thua Thien-Hue", "PAPI");
    assertThat(hue.rawValue()).isEqualTo("46.04153823852539");
    assertThat(hue.rawRecord()).contains("code 46");
  }

  @Test
  void observationCountsPerYearAndIndicator() {
    // Every mapped row or column has one cell per province (63), blank or not, so each (year, indicator) has 63
    // observations. Which indicators each file has, counted in the files:
    //  - workbook sheets: 6 dimensions + 4+3+3+4+4+4 = 22 sub-dimensions + the total = 29 columns (D..AF);
    //  - 2015-2017 rows: the same 28 without a total (columns B..AC);
    //  - 2018: total + 8 dimensions + 28 sub-dimensions (4+4+3+4+4+4+3, and only 8.1, 8.2) = 37 rows;
    //  - 2019: 8.3 appears: 38 rows;
    //  - 2022, 2023: 5.2 (construction permits) is gone, 8.3 stays: 37 rows.
    List<String> old = Stream.concat(Stream.of("PAPI_D1", "PAPI_D2", "PAPI_D3", "PAPI_D4", "PAPI_D5", "PAPI_D6"),
        Stream.of("11", "12", "13", "14", "21", "22", "23", "31", "32", "33", "41", "42", "43", "44", "51", "52",
            "53", "54", "61", "62", "63", "64").map(s -> "PAPI_SC" + s)).toList();
    List<String> wide2019 = Stream.concat(
        IntStream.rangeClosed(1, 8).mapToObj(d -> "PAPI_D" + d),
        Stream.of("11", "12", "13", "14", "21", "22", "23", "24", "31", "32", "33", "41", "42", "43", "44", "51",
            "52", "53", "54", "61", "62", "63", "64", "71", "72", "73", "81", "82", "83").map(s -> "PAPI_SC" + s))
        .toList();
    for (int year = 2011; year <= 2016; year++) {
      assertCounts("papi_undp_wb_" + year, with(old, "PAPI"), 1827); // 29 * 63
    }
    for (int year = 2015; year <= 2017; year++) {
      assertCounts("papi_undp_" + year, old, 1764); // 28 * 63
    }
    assertCounts("papi_undp_2018", without(with(wide2019, "PAPI"), "PAPI_SC83"), 2331); // 37 * 63
    assertCounts("papi_undp_2019", with(wide2019, "PAPI"), 2394); // 38 * 63
    for (String id : List.of("papi_undp_2022", "papi_undp_2023", "papi_undp_eng_2022", "papi_undp_eng_2023")) {
      assertCounts(id, without(with(wide2019, "PAPI"), "PAPI_SC52"), 2331); // 37 * 63
    }
  }

  @Test
  void missingValueCountsInTheTotals() {
    // Counted along each total row / column: 2018 line 2 has KCDL twice; 2022 line 7 has "0" twice
    // (Bắc Giang, Bắc Ninh); 2023 line 3 has 2 empty cells (Quảng Ninh, Bình Dương); 2019 line 7 none.
    assertThat(countValue("papi_undp_2018", "PAPI", "KCDL")).isEqualTo(2);
    assertThat(countValue("papi_undp_2022", "PAPI", "0")).isEqualTo(2);
    assertThat(countValue("papi_undp_2023", "PAPI", "")).isEqualTo(2);
    assertThat(countValue("papi_undp_2019", "PAPI", "")).isZero();
  }

  private static void assertCounts(String sourceId, List<String> indicators, int total) {
    List<RawObservation> observations = read.get(sourceId);
    Map<String, Long> counts = observations.stream()
        .collect(Collectors.groupingBy(o -> o.rawYear() + "/" + o.rawIndicator(), TreeMap::new,
            Collectors.counting()));
    String year = sources.get(sourceId).constants().get("year");
    Map<String, Long> expected = indicators.stream()
        .collect(Collectors.toMap(code -> year + "/" + code, code -> 63L, (a, b) -> a, TreeMap::new));
    assertThat(counts).as(sourceId).isEqualTo(expected);
    assertThat(observations).as(sourceId).hasSize(total);
  }

  private static List<String> with(List<String> codes, String code) {
    return Stream.concat(codes.stream(), Stream.of(code)).toList();
  }

  private static List<String> without(List<String> codes, String code) {
    return codes.stream().filter(c -> !c.equals(code)).toList();
  }

  private static long countValue(String sourceId, String indicator, String value) {
    return read.get(sourceId).stream()
        .filter(o -> o.rawIndicator().equals(indicator) && o.rawValue().equals(value)).count();
  }

  private static Map<String, String> valuesOf(String sourceId, String indicator) {
    return read.get(sourceId).stream().filter(o -> o.rawIndicator().equals(indicator))
        .collect(Collectors.toMap(RawObservation::rawUnit, RawObservation::rawValue));
  }

  private static RawObservation one(String sourceId, String unit, String indicator) {
    List<RawObservation> matches = read.get(sourceId).stream()
        .filter(o -> unit.equals(o.rawUnit()) && indicator.equals(o.rawIndicator())).toList();
    assertThat(matches).as("%s %s %s", sourceId, unit, indicator).hasSize(1);
    return matches.get(0);
  }
}
