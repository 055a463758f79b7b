package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.testing.SparkTestBase;

class MissingValueCodesTest {

  static final Path REFERENCE = SparkTestBase.repoRoot().resolve("data/reference");
  // scales from indicators.csv: PAPI total 6-80, a PAPI dimension 1-10, a sub-dimension 0.25-5, a share 0-100
  static final IndicatorScale PAPI_TOTAL = new IndicatorScale(6.0, 80.0);
  static final IndicatorScale PAPI_DIMENSION = new IndicatorScale(1.0, 10.0);
  static final IndicatorScale PAPI_SUB = new IndicatorScale(0.25, 5.0);
  static final IndicatorScale SHARE = new IndicatorScale(0.0, 100.0);

  static MissingValueCodes codes;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    codes = MissingValueCodes.load(REFERENCE);
  }

  @Test
  void theBundledCodes() {
    assertThat(codes.all()).extracting(MissingValueCodes.Code::code)
        .containsExactly("", "KCDL", "..", "N/A", "NA", "-", "0");
    assertThat(codes.all().get(6).appliesWhen()).isEqualTo(MissingValueCodes.AppliesWhen.OFF_SCALE);
    assertThat(codes.all().get(1).source()).contains("PAPI-2015-2023.xlsm__2018.csv");
  }

  @Test
  void textCodesAreMissingWhateverTheScale() {
    for (String raw : new String[] {"", "   ", null, "KCDL", "kcdl", " KCDL ", "..", "N/A", "n/a", "NA", "-"}) {
      assertThat(codes.isMissing(raw, SHARE)).as("'" + raw + "'").isTrue();
      assertThat(codes.isMissing(raw, null)).as("'" + raw + "' without a scale").isTrue();
    }
    assertThat(codes.match("KCDL", SHARE).orElseThrow().meaning()).startsWith("Không có dữ liệu");
  }

  @Test
  void zeroIsMissingOnlyWhereItIsOffTheScale() {
    // UNDP PAPI 2022: Bắc Giang's whole column is 0 -> missing for the total, dimensions and sub-dimensions
    assertThat(codes.isMissing("0", PAPI_TOTAL)).isTrue();
    assertThat(codes.isMissing("0.0", PAPI_DIMENSION)).isTrue();
    assertThat(codes.isMissing("0", PAPI_SUB)).isTrue();
    assertThat(codes.isMissing("0,00", PAPI_DIMENSION)).isTrue();
    // a share of 0% is a real value
    assertThat(codes.isMissing("0", SHARE)).isFalse();
    // without a scale the zero rule cannot decide, so the value is kept
    assertThat(codes.isMissing("0", null)).isFalse();
    // real values are never missing
    assertThat(codes.isMissing("40.3975", PAPI_TOTAL)).isFalse();
    assertThat(codes.isMissing("5.03", PAPI_DIMENSION)).isFalse();
    // other off-scale numbers are not missing codes: validation reports them as out of range
    assertThat(codes.isMissing("95", PAPI_TOTAL)).isFalse();
  }

  private Path file(String body) throws IOException {
    Path f = dir.resolve("missing_value_codes.csv");
    Files.writeString(f, String.join(",", MissingValueCodes.COLUMNS) + "\n" + body, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void anExactCodeThatAppliesOffTheScaleIsARealValueOnTheScale() throws IOException {
    // "99" as text, a sentinel some exports write for "no data": off a 1-10 dimension it is the code, on a 0-100
    // share it is 99%, a real value. Text equality alone must not decide.
    file("99,sentinel for no data,src,exact,off_scale\n");
    MissingValueCodes sentinel = MissingValueCodes.load(dir);
    assertThat(sentinel.isMissing("99", PAPI_DIMENSION)).isTrue();
    assertThat(sentinel.isMissing("99", SHARE)).isFalse();
    assertThat(sentinel.isMissing("99", null)).isFalse();
    assertThat(sentinel.isMissing("99.0", PAPI_DIMENSION)).as("exact means the text, not the number").isFalse();
  }

  @Test
  void unknownMatch() throws IOException {
    Path f = file("KCDL,no data,src,regex,always\n");
    assertThatThrownBy(() -> MissingValueCodes.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'match': 'regex' is not valid; valid: exact | numeric");
  }

  @Test
  void unknownAppliesWhen() throws IOException {
    Path f = file("0,zero,src,numeric,sometimes\n");
    assertThatThrownBy(() -> MissingValueCodes.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'applies_when': 'sometimes' is not valid; valid: always | off_scale");
  }

  @Test
  void aNumericCodeMustBeANumber() throws IOException {
    Path f = file("zero,zero,src,numeric,off_scale\n");
    assertThatThrownBy(() -> MissingValueCodes.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'code': 'zero' is not a number but match is numeric; expected a number such "
            + "as 0, or match exact");
  }

  @Test
  void aCodeTwiceIgnoringCase() throws IOException {
    Path f = file("KCDL,no data,src,exact,always\nkcdl,again,src,exact,always\n");
    assertThatThrownBy(() -> MissingValueCodes.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3, field 'code': 'kcdl' is already defined on line 2; expected each code once (codes "
            + "compare ignoring case)");
  }

  @Test
  void aCodeWithoutMeaning() throws IOException {
    Path f = file("KCDL,,src,exact,always\n");
    assertThatThrownBy(() -> MissingValueCodes.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'meaning': is blank; expected what the code means in the source");
  }
}
