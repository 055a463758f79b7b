package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;

class CatalogCsvTest {

  private static final List<String> HEADER = List.of("code", "name", "year");

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void readsRowsWithTheirLineNumbersSkippingBlankLines() throws IOException {
    // line 1 header, line 2 a row, line 3 blank (skipped), line 4 a quoted comma, padded values
    Path f = write("ok.csv", "code,name,year\nA,Alpha,2018\n\n  B , \"Bắc, Giang\" ,\n");

    List<CatalogCsv.Row> rows = CatalogCsv.read(f, HEADER);

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).line()).isEqualTo(2);
    assertThat(rows.get(0).values()).isEqualTo(Map.of("code", "A", "name", "Alpha", "year", "2018"));
    assertThat(rows.get(1).line()).isEqualTo(4);
    assertThat(rows.get(1).text("code")).isEqualTo("B");
    assertThat(rows.get(1).text("name")).isEqualTo("Bắc, Giang");
    assertThat(rows.get(1).optionalInt("year", "a year")).isNull();
    assertThat(rows.get(0).file()).isEqualTo(f.toString());
  }

  @Test
  void normalisesToNfcAndStripsAByteOrderMark() throws IOException {
    String decomposed = Normalizer.normalize("Lào Cai", Normalizer.Form.NFD);
    assertThat(decomposed).isNotEqualTo("Lào Cai");
    Path f = write("bom.csv", "\uFEFFcode,name,year\nLCI," + decomposed + ",2025\n");

    List<CatalogCsv.Row> rows = CatalogCsv.read(f, HEADER);

    assertThat(rows.get(0).text("name")).isEqualTo("Lào Cai");
  }

  @Test
  void aMissingFileNamesTheFileAndTheExpectedHeader() {
    Path f = dir.resolve("absent.csv");
    assertThatThrownBy(() -> CatalogCsv.read(f, HEADER))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ": file not found; expected a catalog CSV with the header code,name,year");
  }

  @Test
  void anEmptyFileIsRejected() throws IOException {
    Path f = write("empty.csv", "");
    assertThatThrownBy(() -> CatalogCsv.read(f, HEADER))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 1: the file is empty; expected the header code,name,year");
  }

  @Test
  void aHeaderWithAMissingAndAnUnexpectedColumnSaysBoth() throws IOException {
    Path f = write("header.csv", "code,label,year\nA,Alpha,2018\n");
    assertThatThrownBy(() -> CatalogCsv.read(f, HEADER))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 1, field 'name': header must be exactly code,name,year; missing: name; "
            + "unexpected: label");
  }

  @Test
  void aHeaderInAnotherOrderIsRejected() throws IOException {
    Path f = write("order.csv", "name,code,year\n");
    assertThatThrownBy(() -> CatalogCsv.read(f, HEADER))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 1: header must be exactly code,name,year; the columns are there but in another "
            + "order or repeated: name,code,year");
  }

  @Test
  void aRowWithTooManyFieldsNamesItsLine() throws IOException {
    // the unquoted comma in "Bắc, Giang" makes 4 fields on line 3
    Path f = write("fields.csv", "code,name,year\nA,Alpha,2018\nB,Bắc, Giang,2018\n");
    assertThatThrownBy(() -> CatalogCsv.read(f, HEADER))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 3: has 4 fields but the header has 3 (code,name,year); quote values that contain "
            + "commas");
  }

  @Test
  void aValueSpanningLinesIsRejectedAtItsFirstLine() throws IOException {
    Path f = write("multi.csv", "code,name,year\nA,\"Al\npha\",2018\n");
    assertThatThrownBy(() -> CatalogCsv.read(f, HEADER))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2, field 'name': a value spans several lines; write it on one line");
  }

  @Test
  void anUnterminatedQuoteIsRejected() throws IOException {
    Path f = write("quote.csv", "code,name,year\nA,\"Alpha,2018\n");
    assertThatThrownBy(() -> CatalogCsv.read(f, HEADER))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ", line 2: is not valid CSV (EOF reached before encapsulated token finished); check that "
            + "every quote \" is closed on the same line");
  }

  @Test
  void invalidUtf8IsRejected() throws IOException {
    Path f = dir.resolve("latin1.csv");
    // "Lào" in ISO-8859-1: the byte 0xE0 alone is not valid UTF-8
    Files.write(f, new byte[] {'c', 'o', 'd', 'e', ',', 'n', 'a', 'm', 'e', ',', 'y', 'e', 'a', 'r', '\n',
        'L', (byte) 0xE0, 'o', ',', 'x', ',', '1', '\n'});
    assertThatThrownBy(() -> CatalogCsv.read(f, HEADER))
        .isInstanceOf(DataException.class)
        .hasMessage(f + ": is not valid UTF-8; save catalog files as UTF-8");
  }

  @Test
  void typedAccessorsExplainWhatWasExpected() throws IOException {
    Path f = write("typed.csv", "code,name,year\n,1e3,20x5\n");
    CatalogCsv.Row row = CatalogCsv.read(f, HEADER).get(0);

    assertThatThrownBy(() -> row.required("code", "a code such as A"))
        .hasMessage(f + ", line 2, field 'code': is blank; expected a code such as A");
    assertThatThrownBy(() -> row.optionalInt("year", "a year"))
        .hasMessage(f + ", line 2, field 'year': '20x5' is not an integer; expected a year");
    assertThatThrownBy(() -> row.optionalDouble("name", "a bound"))
        .hasMessage(f + ", line 2, field 'name': '1e3' is not a number; expected a bound (digits with '.' as "
            + "decimal point)");
    assertThatThrownBy(() -> row.oneOf("name", BandBasis.class))
        .hasMessage(f + ", line 2, field 'name': '1e3' is not valid; valid: value | percentile");
  }
}
