package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.testing.SparkTestBase;

class BandCatalogTest {

  static final Path REFERENCE = SparkTestBase.repoRoot().resolve("data/reference");
  static final Set<String> CODES = Set.of("PAPI", "PAR_INDEX", "PCI");
  static final String HEADER = String.join(",", BandCatalog.COLUMNS) + "\n";

  @TempDir
  Path dir;

  private Path bands(String body) throws IOException {
    Path f = dir.resolve("bands.csv");
    Files.writeString(f, HEADER + body, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void theBundledBandsAreThePapiQuartilesAndTheParGroups() {
    BandCatalog bands = BandCatalog.load(REFERENCE, CODES);
    // bands.csv: 4 PAPI quartile groups + 3 PAR INDEX groups (A >= 90, B 80-90, below 80) = 7;
    // bands_pci.csv: VCCI's published tiers, one band per (year, tier) = 49.
    assertThat(bands.all()).hasSize(7 + 49);
    assertThat(bands.all().stream().filter(b -> !b.indicatorCode().equals("PCI"))).hasSize(7);
    Band high = bands.find("PAPI_HIGH_AVERAGE").orElseThrow();
    assertThat(high).isEqualTo(new Band("PAPI", "PAPI_HIGH_AVERAGE", 2, "Nhóm trung bình cao", "High-average group",
        BandBasis.PERCENTILE, 50.0, 75.0, 2011, null, high.source()));
    assertThat(high.source()).contains("nhóm trung bình cao");
    assertThat(bands.find("PAPI_LOWEST").orElseThrow().lower()).isNull();
  }

  @Test
  void papiPercentilesFallInTheirQuartileGroupLowerBoundIncluded() {
    BandCatalog bands = BandCatalog.load(REFERENCE, CODES);
    // lower <= percentile < upper; 100 = best
    assertThat(code(bands.bandFor("PAPI", 2020, BandBasis.PERCENTILE, 100.0))).isEqualTo("PAPI_HIGHEST");
    assertThat(code(bands.bandFor("PAPI", 2020, BandBasis.PERCENTILE, 75.0))).isEqualTo("PAPI_HIGHEST");
    assertThat(code(bands.bandFor("PAPI", 2020, BandBasis.PERCENTILE, 74.99))).isEqualTo("PAPI_HIGH_AVERAGE");
    assertThat(code(bands.bandFor("PAPI", 2020, BandBasis.PERCENTILE, 50.0))).isEqualTo("PAPI_HIGH_AVERAGE");
    assertThat(code(bands.bandFor("PAPI", 2020, BandBasis.PERCENTILE, 25.0))).isEqualTo("PAPI_LOW_AVERAGE");
    assertThat(code(bands.bandFor("PAPI", 2020, BandBasis.PERCENTILE, 24.99))).isEqualTo("PAPI_LOWEST");
    assertThat(code(bands.bandFor("PAPI", 2020, BandBasis.PERCENTILE, 0.0))).isEqualTo("PAPI_LOWEST");
    // a value is not a percentile: PAPI has no value bands
    assertThat(bands.bandFor("PAPI", 2020, BandBasis.VALUE, 45.0)).isEmpty();
  }

  @Test
  void parIndexGroupsApplyFrom2023() {
    BandCatalog bands = BandCatalog.load(REFERENCE, CODES);
    // Lào Cai PAR INDEX 2024 = 89.03 (published facts): 80 <= 89.03 < 90 -> group B
    assertThat(code(bands.bandFor("PAR_INDEX", 2024, BandBasis.VALUE, 89.03))).isEqualTo("PAR_GROUP_B");
    assertThat(code(bands.bandFor("PAR_INDEX", 2024, BandBasis.VALUE, 90.0))).isEqualTo("PAR_GROUP_A");
    assertThat(code(bands.bandFor("PAR_INDEX", 2024, BandBasis.VALUE, 79.99))).isEqualTo("PAR_BELOW_80");
    // Lào Cai 2021 = 88.44, but no grouping is documented for 2021
    assertThat(bands.bandFor("PAR_INDEX", 2021, BandBasis.VALUE, 88.44)).isEmpty();
    assertThat(bands.bandsFor("PAR_INDEX", 2023)).hasSize(3);
  }

  @Test
  void bandsFilesBesideBandsCsvAreLoadedToo() throws IOException {
    bands("PAPI,T_TOP,1,Cao,Top,percentile,50,,,,test\nPAPI,T_LOW,2,Thấp,Low,percentile,,50,,,test\n");
    Files.writeString(dir.resolve("bands_pci.csv"), HEADER
        + "PCI,T_PCI_GOOD,1,Tốt,Good,value,60,,2006,,test\nPCI,T_PCI_REST,2,Còn lại,Rest,value,,60,2006,,test\n");
    Files.writeString(dir.resolve("bands_notes.txt"), "not a bands file");

    BandCatalog bands = BandCatalog.load(dir, CODES);

    assertThat(bands.all()).extracting(Band::bandCode).containsExactly("T_TOP", "T_LOW", "T_PCI_GOOD", "T_PCI_REST");
    assertThat(code(bands.bandFor("PCI", 2016, BandBasis.VALUE, 63.49))).isEqualTo("T_PCI_GOOD");
    assertThat(bands.bandsFor("PCI", 2005)).isEmpty();
  }

  @Test
  void aBandCodeDefinedInTwoFilesNamesBoth() throws IOException {
    Path first = bands("PAPI,T_TOP,1,Cao,Top,percentile,50,,,,test\n");
    Path second = dir.resolve("bands_pci.csv");
    Files.writeString(second, HEADER + "PCI,T_TOP,1,Tốt,Good,value,60,,,,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(second + ", line 2, field 'band_code': band_code 'T_TOP' is already the band of PAPI with rank 1 ("
            + first + " line 2); a code repeats only for the same indicator and rank in other years");
  }

  @Test
  void aBandCodeRepeatsForItsIndicatorInOtherYearsWithNewThresholds() throws IOException {
    // VCCI re-sets its tiers every year: "Tốt" is >= 60 in 2015 and >= 62 in 2016.
    bands("PCI,T_GOOD,1,Tốt,Good,value,60,,2015,2015,test\nPCI,T_GOOD,1,Tốt,Good,value,62,,2016,2016,test\n");
    BandCatalog bands = BandCatalog.load(dir, CODES);
    assertThat(code(bands.bandFor("PCI", 2015, BandBasis.VALUE, 61.0))).isEqualTo("T_GOOD");
    assertThat(bands.bandFor("PCI", 2016, BandBasis.VALUE, 61.0)).isEmpty();
    assertThat(bands.find("T_GOOD").map(Band::bandRank)).contains(1);
  }

  @Test
  void aBandCodeTwiceInTheSameYearsIsRejected() throws IOException {
    Path f = bands("PCI,T_GOOD,1,Tốt,Good,value,60,,2015,2016,test\nPCI,T_GOOD,1,Tốt,Good,value,62,,2016,2016,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3, field 'band_code': duplicate band_code 'T_GOOD' in overlapping years (first "
            + "defined in " + f + " line 2); expected one definition per band and year");
  }

  @Test
  void unknownIndicator() throws IOException {
    Path f = bands("DTI,T_TOP,1,Cao,Top,value,0.5,,,,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'indicator_code': unknown indicator 'DTI'; expected an indicator_code of "
            + "indicators.csv");
  }

  @Test
  void unknownBasis() throws IOException {
    Path f = bands("PAPI,T_TOP,1,Cao,Top,rank,50,,,,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'basis': 'rank' is not valid; valid: value | percentile");
  }

  @Test
  void upperNotAboveLower() throws IOException {
    Path f = bands("PAPI,T_TOP,1,Cao,Top,percentile,75,75,,,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'upper': upper 75.0 is not above lower 75.0; a band is lower <= x < upper, "
            + "so expected upper > lower");
  }

  @Test
  void percentileOutsideZeroToHundred() throws IOException {
    Path f = bands("PAPI,T_TOP,1,Cao,Top,percentile,75,120,,,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'upper': percentile bound 120.0 is outside 0..100 (100 = best); expected "
            + "0..100 or blank");
  }

  @Test
  void rankBelowOne() throws IOException {
    Path f = bands("PAPI,T_TOP,0,Cao,Top,percentile,75,,,,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'band_rank': band_rank 0 is below 1; expected 1 for the best band, 2, 3, ...");
  }

  @Test
  void overlappingBandsInTheSameYears() throws IOException {
    Path f = bands("PAPI,T_TOP,1,Cao,Top,percentile,70,,2011,,test\n"
        + "PAPI,T_MID,2,Giữa,Mid,percentile,50,75,,2018,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3, field 'lower': [50.0, 75.0) overlaps [70.0, ) of T_TOP (" + f + " line 2); "
            + "expected bands that do not overlap in the same years");
  }

  @Test
  void overlappingBandsInDifferentYearsAreFine() throws IOException {
    bands("PAPI,T_OLD,1,Cũ,Old,percentile,50,,2011,2017,test\nPAPI,T_NEW,1,Mới,New,percentile,40,,2018,,test\n");
    assertThat(code(BandCatalog.load(dir, CODES).bandFor("PAPI", 2018, BandBasis.PERCENTILE, 45.0)))
        .isEqualTo("T_NEW");
  }

  @Test
  void aRepeatedRankInTheSameYears() throws IOException {
    Path f = bands("PAPI,T_TOP,1,Cao,Top,percentile,50,,,,test\nPAPI,T_LOW,1,Thấp,Low,percentile,,50,,,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3, field 'band_rank': band_rank 1 is also the rank of T_TOP (" + f + " line 2) in the "
            + "same years; expected a distinct rank per band");
  }

  @Test
  void mixedBasesForOneIndicator() throws IOException {
    Path f = bands("PAPI,T_TOP,1,Cao,Top,percentile,50,,,,test\nPAPI,T_LOW,2,Thấp,Low,value,,40,,,test\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3, field 'basis': 'value' differs from the basis 'percentile' of T_TOP (" + f
            + " line 2) in the same years; one indicator's bands must share one basis");
  }

  @Test
  void aBandWithoutSource() throws IOException {
    Path f = bands("PAPI,T_TOP,1,Cao,Top,percentile,50,,,,\n");
    assertThatThrownBy(() -> BandCatalog.load(dir, CODES))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'source': is blank; expected where the band is defined (publication, page "
            + "or file)");
  }

  private static String code(java.util.Optional<Band> band) {
    return band.map(Band::bandCode).orElse(null);
  }
}
