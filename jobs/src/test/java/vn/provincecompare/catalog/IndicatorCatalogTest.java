package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/** The bundled catalog, checked against facts worked out from the sources (see the comments). */
class IndicatorCatalogTest {

  static final Path REFERENCE = SparkTestBase.repoRoot().resolve("data/reference");
  static final Path PROGRAMME = SparkTestBase.repoRoot().resolve("data/raw/published/lao_cai_de_an_14_operational.csv");

  static IndicatorCatalog catalog;

  @BeforeAll
  static void load() {
    catalog = IndicatorCatalog.load(REFERENCE);
  }

  @Test
  void holdsEveryIndicatorOfTheBrief() {
    // PAR INDEX 1 + 8 fields = 9; SIPAS 1 + 5 elements = 6;
    // PAPI 1 + 8 dimensions + 29 sub-dimensions (SC11-14, 21-24, 31-33, 41-44, 51-54, 61-64, 71-73, 81-83:
    //   4+4+3+4+4+4+3+3 = 29) = 38;
    // PCI 1 + 11 sub-indices of ARCHITECTURE.md + PCI_SOE_BIAS (2005-2008) + PCI_UNWEIGHTED = 14;
    // ICT 1 + 3 = 4; DTI 1 + 3 pillars + 8 sub-indices of 2022 = 12;
    // operational: 13 programme rows + 7 DOMAIN.md targets (internal dossiers, payment, 3 levels of online
    //   processing, simplified procedures, public service units) + 3 lower-is-better ones = 23.
    // 9 + 6 + 38 + 14 + 4 + 12 + 23 = 106
    assertThat(catalog.all()).hasSize(106);
    Map<String, Long> byFamily = catalog.all().stream()
        .collect(Collectors.groupingBy(Indicator::family, Collectors.counting()));
    assertThat(byFamily).isEqualTo(Map.of("PAR_INDEX", 9L, "SIPAS", 6L, "PAPI", 38L, "PCI", 14L,
        "ICT_INDEX", 4L, "DTI", 12L, "OPERATIONAL", 23L));
  }

  @Test
  void papiIsATreeOfSumsFromSubDimensionsToTheTotal() {
    assertThat(codes(catalog.childrenOf("PAPI")))
        .containsExactly("PAPI_D1", "PAPI_D2", "PAPI_D3", "PAPI_D4", "PAPI_D5", "PAPI_D6", "PAPI_D7", "PAPI_D8");
    assertThat(codes(catalog.childrenOf("PAPI_D5")))
        .containsExactly("PAPI_SC51", "PAPI_SC52", "PAPI_SC53", "PAPI_SC54");
    assertThat(codes(catalog.childrenOf("PAPI_D2")))
        .containsExactly("PAPI_SC21", "PAPI_SC22", "PAPI_SC23", "PAPI_SC24");
    assertThat(codes(catalog.childrenOf("PAPI_D8"))).containsExactly("PAPI_SC81", "PAPI_SC82", "PAPI_SC83");
    assertThat(catalog.childrenOf("PAPI_SC11")).isEmpty();
    assertThat(catalog.require("PAPI").derivation()).isEqualTo(IndicatorDerivation.SUM_OF_CHILDREN);
    assertThat(catalog.require("PAPI_D5").derivation()).isEqualTo(IndicatorDerivation.SUM_OF_CHILDREN);
    assertThat(catalog.require("PCI").derivation()).isNull();
  }

  @Test
  void yearsFollowTheSources() {
    // PAPI panel PROVENANCE: SC24 and dimensions 7-8 from 2018, SC83 from 2019, SC52 blank from 2021
    assertYears("PAPI", 2011, null);
    assertYears("PAPI_SC24", 2018, null);
    assertYears("PAPI_D7", 2018, null);
    assertYears("PAPI_D8", 2018, null);
    assertYears("PAPI_SC83", 2019, null);
    assertYears("PAPI_SC52", 2011, 2020);
    // PCI: 10th sub-index 2013; PCI_Import.csv has 'Implementation and Consistency' for 2005 only
    assertYears("PCI", 2005, null);
    assertYears("PCI_POLICY_BIAS", 2013, null);
    assertYears("PCI_CONSISTENCY", 2005, 2005);
    assertYears("PCI_SOE_BIAS", 2005, 2008);
    assertYears("PAR_INDEX", 2012, null);
    assertYears("SIPAS", 2017, null);
    assertYears("ICT_INDEX", null, 2020);
    assertYears("DTI", 2020, null);
    assertThat(catalog.require("PAPI_SC52").existsIn(2020)).isTrue();
    assertThat(catalog.require("PAPI_SC52").existsIn(2021)).isFalse();
  }

  @Test
  void scalesFollowThePublishedRanges() {
    // PAPI total 6-60 to 2017 and 8-80 from 2018 -> 6..80; dimensions 1-10;
    // sub-dimensions 1/n..10/n for n = 4, 3, 2 sub-dimensions -> 0.25..5
    assertThat(catalog.scale("PAPI")).isEqualTo(new IndicatorScale(6.0, 80.0));
    assertThat(catalog.scale("PAPI_D3")).isEqualTo(new IndicatorScale(1.0, 10.0));
    assertThat(catalog.scale("PAPI_SC82")).isEqualTo(new IndicatorScale(0.25, 5.0));
    assertThat(catalog.scale("PCI")).isEqualTo(new IndicatorScale(0.0, 100.0));
    assertThat(catalog.scale("PCI_ENTRY")).isEqualTo(new IndicatorScale(0.0, 10.0));
    assertThat(catalog.scale("DTI_GOV")).isEqualTo(new IndicatorScale(0.0, 1.0));
    assertThat(catalog.scale("ICT_INDEX_APP")).isEqualTo(new IndicatorScale(0.0, 1.0));
    assertThat(catalog.scale("OP_CIVIL_SERVANTS_RECRUITED_BY_EXAM")).isEqualTo(new IndicatorScale(0.0, null));
    // Lào Cai 2018 SC82 = 3.4726 in the panel (D8 had 2 sub-dimensions): inside 0.25..5, outside 0.33..3.33
    assertThat(catalog.scale("PAPI_SC82").contains(3.472572803)).isTrue();
  }

  @Test
  void onlyTheOperationalIndicatorsDomainMdNamesAreLowerIsBetter() {
    List<String> lower = catalog.all().stream().filter(Indicator::isLowerBetter).map(Indicator::code)
        .collect(Collectors.toList());
    assertThat(lower).containsExactly("OP_PUBLIC_SERVICE_UNITS", "OP_OVERDUE_DOSSIERS", "OP_PROCESSING_TIME",
        "OP_INFORMAL_CHARGES_PAID");
    assertThat(catalog.isLowerBetter("PCI_INFORMAL")).isFalse();
    assertThat(catalog.all().stream().filter(i -> i.kind() != IndicatorKind.OPERATIONAL))
        .allMatch(i -> i.direction() == IndicatorDirection.HIGHER_IS_BETTER);
  }

  @Test
  void everyProgrammeRowIsAnOperationalIndicatorWithItsNamesAndUnit() throws IOException {
    List<CSVRecord> programme = programmeRows();
    assertThat(programme).hasSize(13);
    for (CSVRecord r : programme) {
      Indicator ind = catalog.findByNameVi(r.get("indicator_vi")).orElseThrow(
          () -> new AssertionError("no indicator named " + r.get("indicator_vi")));
      assertThat(ind.code()).startsWith("OP_");
      assertThat(ind.kind()).isEqualTo(IndicatorKind.OPERATIONAL);
      assertThat(ind.nameVi()).isEqualTo(r.get("indicator_vi"));
      assertThat(ind.nameEn()).isEqualTo(r.get("indicator_en"));
      assertThat(catalog.findByNameEn(r.get("indicator_en"))).contains(ind);
      assertThat(ind.unit()).isEqualTo(r.get("unit"));
      if (r.get("unit").equals("%")) {
        assertThat(ind.valueType()).isEqualTo(IndicatorValueType.SHARE);
        assertThat(ind.scale()).isEqualTo(new IndicatorScale(0.0, 100.0));
      } else {
        assertThat(r.get("unit")).isIn("persons", "units");
        assertThat(ind.valueType()).isEqualTo(IndicatorValueType.LEVEL);
        assertThat(ind.scale()).isEqualTo(new IndicatorScale(0.0, null));
        assertThat(ind.mergerCombine()).isEqualTo(IndicatorMergerCombine.SUM);
      }
    }
  }

  @Test
  void namesAreFoundWhateverTheUnicodeFormOrPadding() {
    String nfd = Normalizer.normalize("Chỉ số cải cách hành chính", Normalizer.Form.NFD);
    assertThat(catalog.findByNameVi("  " + nfd + " ")).map(Indicator::code).contains("PAR_INDEX");
    assertThat(catalog.findByNameEn("Provincial Competitiveness Index")).map(Indicator::code).contains("PCI");
    assertThat(catalog.findByNameEn("Entry Costs")).map(Indicator::code).contains("PCI_ENTRY");
    assertThat(catalog.findByNameEn("Civic Knowledge")).map(Indicator::code).contains("PAPI_SC11");
    assertThat(catalog.findByNameVi("Chỉ số không có")).isEmpty();
  }

  @Test
  void aComparisonAcrossTheMethodBreaksIsFlagged() {
    assertThat(catalog.breaksBetween("PAPI", 2017, 2018)).extracting(MethodBreak::breakYear).containsExactly(2018);
    assertThat(catalog.breaksBetween("PAPI", 2018, 2017)).extracting(MethodBreak::breakYear).containsExactly(2018);
    assertThat(catalog.breaksBetween("PAPI", 2018, 2019)).isEmpty();
    assertThat(catalog.breaksBetween("PAPI", 2016, 2017)).isEmpty();
    // dimensions kept their 1-10 scale: D1 is comparable across 2017/2018, the SC21 column is not
    assertThat(catalog.breaksBetween("PAPI_D1", 2017, 2018)).isEmpty();
    assertThat(catalog.breaksBetween("PAPI_SC21", 2017, 2018)).extracting(MethodBreak::breakYear)
        .containsExactly(2018);
    assertThat(catalog.breaksBetween("PAPI_SC33", 2015, 2018)).extracting(MethodBreak::breakYear)
        .containsExactly(2016, 2018);
    assertThat(catalog.breaksBetween("PCI", 2012, 2013)).extracting(MethodBreak::breakYear).containsExactly(2013);
    assertThat(catalog.breaksBetween("PCI", 2005, 2016)).extracting(MethodBreak::breakYear)
        .containsExactly(2006, 2009, 2013);
    assertThat(catalog.breaksBetween("PAR_INDEX", 2021, 2022)).hasSize(1);
    assertThat(catalog.breaksBetween("SIPAS", 2017, 2024)).isEmpty();
  }

  @Test
  void bandsDependOnTheYear() {
    assertThat(catalog.bandsFor("PAPI", 2020)).extracting(Band::bandCode)
        .containsExactly("PAPI_HIGHEST", "PAPI_HIGH_AVERAGE", "PAPI_LOW_AVERAGE", "PAPI_LOWEST");
    assertThat(catalog.bandsFor("PAPI", 2010)).isEmpty();
    assertThat(catalog.bandsFor("PAR_INDEX", 2024)).extracting(Band::bandCode)
        .containsExactly("PAR_GROUP_A", "PAR_GROUP_B", "PAR_BELOW_80");
    // the A/B groups are documented from the 2023 and 2024 announcements only
    assertThat(catalog.bandsFor("PAR_INDEX", 2022)).isEmpty();
    assertThat(catalog.bandsFor("PCI_ENTRY", 2020)).isEmpty();
  }

  @Test
  void unknownCodesAreReportedWithTheFamilies() {
    assertThatThrownBy(() -> catalog.require("PAPI_D9"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("unknown indicator code 'PAPI_D9'; the catalog has 106 codes in the families PAR_INDEX, SIPAS, "
            + "PAPI, PCI, ICT_INDEX, DTI, OPERATIONAL (data/reference/indicators.csv)");
    assertThat(catalog.find("PAPI_D9")).isEmpty();
  }

  private static void assertYears(String code, Integer first, Integer last) {
    Indicator i = catalog.require(code);
    assertThat(i.firstYear()).as(code + " first_year").isEqualTo(first);
    assertThat(i.lastYear()).as(code + " last_year").isEqualTo(last);
  }

  private static List<String> codes(List<Indicator> indicators) {
    return indicators.stream().map(Indicator::code).collect(Collectors.toList());
  }

  static List<CSVRecord> programmeRows() throws IOException {
    try (Reader in = Files.newBufferedReader(PROGRAMME, StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }
}
