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

class MethodBreakCatalogTest {

  static final Path REFERENCE = SparkTestBase.repoRoot().resolve("data/reference");

  @TempDir
  Path dir;

  private Path breaks(String body) throws IOException {
    Path f = dir.resolve("method_breaks.csv");
    Files.writeString(f, String.join(",", MethodBreakCatalog.COLUMNS) + "\n" + body, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void theBundledBreaks() {
    MethodBreakCatalog breaks = IndicatorCatalog.load(REFERENCE).methodBreaks();
    // PAPI: total 2018; D2 2018; SC21-SC23 2018 (3); D3 2016; SC32 2016; SC33 2016 and 2018 (2); D8 2019;
    //   SC81-SC82 2019 (2); D5 2021; SC51, SC53, SC54 2021 (3) -> 1+1+3+1+1+2+1+2+1+3 = 16
    // PCI: total 2006, 2009, 2013 (3); unweighted 2009, 2013 (2); business support 2009 (1) -> 6
    // PAR INDEX: total and its 8 fields in 2022 -> 9
    assertThat(breaks.all()).hasSize(16 + 6 + 9);
    assertThat(breaks.breaksFor("PAPI")).singleElement().satisfies(b -> {
      assertThat(b.breakYear()).isEqualTo(2018);
      assertThat(b.description()).contains("6 -> 8 dimensions").contains("not comparable");
      assertThat(b.source()).contains("papi.org.vn");
    });
    assertThat(breaks.breaksFor("PCI")).extracting(MethodBreak::breakYear).containsExactly(2006, 2009, 2013);
    assertThat(breaks.breaksFor("SIPAS")).isEmpty();
  }

  @Test
  void aBreakIsCrossedOnlyByAComparisonThatSpansItsYear() {
    MethodBreak b = new MethodBreak("PAPI", 2018, "d", "s");
    assertThat(b.isCrossedBy(2017, 2018)).isTrue();
    assertThat(b.isCrossedBy(2018, 2017)).isTrue();
    assertThat(b.isCrossedBy(2011, 2024)).isTrue();
    assertThat(b.isCrossedBy(2018, 2019)).isFalse();
    assertThat(b.isCrossedBy(2016, 2017)).isFalse();
    assertThat(b.isCrossedBy(2018, 2018)).isFalse();
  }

  @Test
  void breaksBetween2017And2018() {
    MethodBreakCatalog breaks = IndicatorCatalog.load(REFERENCE).methodBreaks();
    assertThat(breaks.breaksBetween("PAPI", 2017, 2018)).extracting(MethodBreak::breakYear).containsExactly(2018);
    assertThat(breaks.breaksBetween("PAPI_D2", 2017, 2018)).hasSize(1);
    assertThat(breaks.breaksBetween("PAPI_SC22", 2017, 2018)).hasSize(1);
    assertThat(breaks.breaksBetween("PAPI_SC24", 2017, 2018)).isEmpty();
    assertThat(breaks.breaksBetween("PAPI_D6", 2017, 2018)).isEmpty();
    assertThat(breaks.breaksBetween("PCI", 2017, 2018)).isEmpty();
  }

  @Test
  void unknownIndicator() throws IOException {
    Path f = breaks("PAPI,2018,d,s\nPAPI_D9,2018,d,s\n");
    assertThatThrownBy(() -> MethodBreakCatalog.load(dir, Set.of("PAPI")))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3, field 'indicator_code': unknown indicator 'PAPI_D9'; expected an indicator_code "
            + "of indicators.csv");
  }

  @Test
  void aYearThatIsNotAnInteger() throws IOException {
    Path f = breaks("PAPI,2018a,d,s\n");
    assertThatThrownBy(() -> MethodBreakCatalog.load(dir, Set.of("PAPI")))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'break_year': '2018a' is not an integer; expected the first year of the new "
            + "method, e.g. 2018");
  }

  @Test
  void twoBreaksOfOneIndicatorInOneYear() throws IOException {
    Path f = breaks("PAPI,2018,d,s\nPAPI,2018,other,s\n");
    assertThatThrownBy(() -> MethodBreakCatalog.load(dir, Set.of("PAPI")))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3, field 'break_year': a break of PAPI in 2018 is already on line 2; expected one row "
            + "per indicator and year (put both changes in one description)");
  }

  @Test
  void aBreakWithoutSource() throws IOException {
    Path f = breaks("PAPI,2018,d,\n");
    assertThatThrownBy(() -> MethodBreakCatalog.load(dir, Set.of("PAPI")))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'source': is blank; expected the publication, page or file that documents "
            + "the change");
  }
}
