package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.testing.SparkTestBase;

class TargetCatalogTest {

  static final Path TARGETS = SparkTestBase.repoRoot().resolve("data/targets");

  static IndicatorCatalog indicators;
  static TargetCatalog targets;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    indicators = IndicatorCatalog.load(IndicatorCatalogTest.REFERENCE);
    targets = TargetCatalog.load(TARGETS, indicators);
  }

  @Test
  void holdsTheResolutionTargetsAndOnePerProgrammeRow() {
    // DOMAIN.md: PAR INDEX value + rank, PAPI band + rank, PCI rank, SIPAS value + rank, ICT rank = 8;
    // operational: internal dossiers 80, online payment 80, online processing 90/80/60, simplified 20,
    //   public service units -10% vs 2021 = 7; programme file: 13 rows. 8 + 7 + 13 = 28
    assertThat(targets.all()).hasSize(28);
    assertThat(targets.forUnit("VN63", "10")).hasSize(28);
    assertThat(targets.all()).allMatch(t -> t.targetYear() == 2025);
  }

  @Test
  void theIndexTargetsOfDomainMd() {
    assertThat(targets.find("LCI-2025-PAR_INDEX-VALUE").orElseThrow())
        .isEqualTo(target("LCI-2025-PAR_INDEX-VALUE", "PAR_INDEX", TargetKind.VALUE_AT_LEAST, 80.0, null, null,
            "the 'good' group (>= 80%)"));
    assertThat(targets.find("LCI-2025-PAR_INDEX-RANK").orElseThrow().threshold()).isEqualTo(20.0);
    assertThat(targets.find("LCI-2025-PAPI-BAND").orElseThrow())
        .isEqualTo(target("LCI-2025-PAPI-BAND", "PAPI", TargetKind.BAND_AT_LEAST, null, "PAPI_HIGH_AVERAGE", null,
            "the 'khá' (high-average) quartile group or better"));
    assertThat(targets.find("LCI-2025-PAPI-RANK").orElseThrow().threshold()).isEqualTo(20.0);
    assertThat(targets.find("LCI-2025-PCI-RANK").orElseThrow().threshold()).isEqualTo(15.0);
    assertThat(targets.find("LCI-2025-SIPAS-VALUE").orElseThrow().threshold()).isEqualTo(90.0);
    assertThat(targets.find("LCI-2025-SIPAS-RANK").orElseThrow().threshold()).isEqualTo(25.0);
    assertThat(targets.find("LCI-2025-ICT_INDEX-RANK").orElseThrow().threshold()).isEqualTo(10.0);
    Target units = targets.find("LCI-2025-OP_PUBLIC_SERVICE_UNITS-CHANGE").orElseThrow();
    assertThat(units.kind()).isEqualTo(TargetKind.CHANGE_AT_LEAST);
    assertThat(units.threshold()).isEqualTo(10.0);
    assertThat(units.baseYear()).isEqualTo(2021);
    assertThat(indicators.isLowerBetter("OP_PUBLIC_SERVICE_UNITS")).isTrue();
    assertThat(targets.forIndicator("OP_ONLINE_PROCESSING_COMMUNE")).singleElement()
        .extracting(Target::threshold).isEqualTo(60.0);
  }

  @Test
  void everyProgrammeRowHasItsTargetAndReproducesThePublishedPercent() throws IOException {
    List<CSVRecord> programme = IndicatorCatalogTest.programmeRows();
    for (CSVRecord r : programme) {
      String code = indicators.findByNameVi(r.get("indicator_vi")).orElseThrow().code();
      Target t = targets.find("LCI-2025-" + code + "-VALUE").orElseThrow(
          () -> new AssertionError("no target for " + code));
      assertThat(t.indicatorCode()).isEqualTo(code);
      assertThat(t.kind()).isEqualTo(TargetKind.VALUE_AT_LEAST);
      assertThat(t.threshold()).as(code).isEqualTo(Double.parseDouble(r.get("target")));
      assertThat(t.note()).as(code).isEqualTo(r.get("target_implied").equals("yes") ? "target implied" : null);
      assertThat(t.source()).contains("Đề án 14-ĐA/TU").contains("2025-03-31");
      // e.g. 64.5 / 50 x 100 = 129; 94 / 82 x 100 = 114.6 published as 114 (the report rounds loosely)
      double pct = Double.parseDouble(r.get("actual")) / t.threshold() * 100;
      assertThat(pct).as(code).isCloseTo(Double.parseDouble(r.get("published_pct_of_target")), within(1.0));
    }
    assertThat(targets.find("LCI-2025-OP_ONLINE_FILING_AND_SETTLEMENT-VALUE").orElseThrow().threshold())
        .isEqualTo(50.0);
    assertThat(targets.find("LCI-2025-OP_COMMUNES_INSPECTED_PAR-VALUE").orElseThrow().threshold()).isEqualTo(151.0);
  }

  private static Target target(String id, String indicator, TargetKind kind, Double threshold, String band,
      Integer base, String note) {
    return new Target(id, "VN63", "10", indicator, 2025, kind, threshold, band, base,
        "Provincial resolution to 2025 (DOMAIN.md, section Targets)", note);
  }

  // ---- validation: one bad row after a good one, so the line is 3 ----

  private static final String GOOD = "T-1,VN63,10,PCI,2025,rank_at_most,15,,,src,\n";

  private Path file(String badRow) throws IOException {
    Path f = dir.resolve("targets.csv");
    Files.writeString(f, String.join(",", TargetCatalog.COLUMNS) + "\n" + GOOD + badRow, StandardCharsets.UTF_8);
    return f;
  }

  private void assertRejected(String badRow, String expectedAfterLocation) throws IOException {
    Path f = file(badRow);
    assertThatThrownBy(() -> TargetCatalog.load(dir, indicators))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3, " + expectedAfterLocation);
  }

  @Test
  void unknownIndicator() throws IOException {
    assertRejected("T-2,VN63,10,PCI_TOTAL,2025,rank_at_most,15,,,src,\n",
        "field 'indicator_code': unknown indicator 'PCI_TOTAL'; expected an indicator_code of indicators.csv");
  }

  @Test
  void unknownKind() throws IOException {
    assertRejected("T-2,VN63,10,PCI,2025,top_n,15,,,src,\n",
        "field 'kind': 'top_n' is not valid; valid: value_at_least | value_at_most | rank_at_most | band_at_least | "
            + "change_at_least");
  }

  @Test
  void duplicateId() throws IOException {
    assertRejected("T-1,VN63,10,PCI,2025,rank_at_most,10,,,src,\n",
        "field 'target_id': duplicate target_id 'T-1', first on line 2; expected a unique id such as "
            + "LCI-2025-PAR_INDEX-RANK");
  }

  @Test
  void aBandTargetWithoutBand() throws IOException {
    assertRejected("T-2,VN63,10,PAPI,2025,band_at_least,,,,src,\n",
        "field 'band_code': is blank; band_at_least needs a band of PAPI, valid: PAPI_HIGHEST | PAPI_HIGH_AVERAGE | "
            + "PAPI_LOW_AVERAGE | PAPI_LOWEST");
  }

  @Test
  void aBandOfAnotherIndicator() throws IOException {
    assertRejected("T-2,VN63,10,PAPI,2025,band_at_least,,PAR_GROUP_B,,src,\n",
        "field 'band_code': 'PAR_GROUP_B' is not a band of PAPI in 2025; valid: PAPI_HIGHEST | PAPI_HIGH_AVERAGE | "
            + "PAPI_LOW_AVERAGE | PAPI_LOWEST");
  }

  @Test
  void aBandTargetOnAnIndicatorWithoutBands() throws IOException {
    assertRejected("T-2,VN63,10,SIPAS,2025,band_at_least,,PAPI_HIGHEST,,src,\n",
        "field 'band_code': 'PAPI_HIGHEST' is not a band of SIPAS in 2025; valid: (none: SIPAS has no bands in 2025)");
  }

  @Test
  void aBandTargetWithAThreshold() throws IOException {
    assertRejected("T-2,VN63,10,PAPI,2025,band_at_least,2,PAPI_HIGH_AVERAGE,,src,\n",
        "field 'threshold': must be blank for band_at_least; the band_code is the target");
  }

  @Test
  void aValueTargetWithoutThreshold() throws IOException {
    assertRejected("T-2,VN63,10,SIPAS,2025,value_at_least,,,,src,\n",
        "field 'threshold': is blank; kind value_at_least needs a number");
  }

  @Test
  void aRankThatIsNotAWholeNumber() throws IOException {
    assertRejected("T-2,VN63,10,PCI,2025,rank_at_most,15.5,,,src,\n",
        "field 'threshold': 15.5 is not a rank; rank_at_most needs a whole number >= 1 (top N)");
  }

  @Test
  void aValueOffTheIndicatorScale() throws IOException {
    assertRejected("T-2,VN63,10,SIPAS,2025,value_at_least,900,,,src,\n",
        "field 'threshold': 900.0 is outside the scale of SIPAS (0.0..100.0)");
  }

  @Test
  void aChangeWithoutBaseYear() throws IOException {
    assertRejected("T-2,VN63,10,OP_PUBLIC_SERVICE_UNITS,2025,change_at_least,10,,,src,\n",
        "field 'base_year': is blank; change_at_least needs the year the change is measured from");
  }

  @Test
  void aBaseYearAfterTheTargetYear() throws IOException {
    assertRejected("T-2,VN63,10,OP_PUBLIC_SERVICE_UNITS,2025,change_at_least,10,,2026,src,\n",
        "field 'base_year': base_year 2026 is not before target_year 2025");
  }

  @Test
  void aBaseYearOnAnotherKind() throws IOException {
    assertRejected("T-2,VN63,10,PCI,2025,rank_at_most,15,,2021,src,\n",
        "field 'base_year': must be blank unless kind is change_at_least");
  }

  @Test
  void aTargetWithoutSource() throws IOException {
    assertRejected("T-2,VN63,10,PCI,2025,rank_at_most,15,,,,\n",
        "field 'source': is blank; expected the resolution, programme or report that sets the target");
  }
}
