package vn.provincecompare.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.provincecompare.errors.DataException;

class CsvTableTest {

  private static CsvTable parse(String text) {
    return CsvTable.parse(text.getBytes(StandardCharsets.UTF_8), "raw/x.csv");
  }

  @Test
  void readsHeaderRowsAndPhysicalLineNumbers() {
    CsvTable t = parse("unit,year,value\nLào Cai,2024,89.03\n\n\"Hà Nội, TP\",2024,90\n");
    assertThat(t.header()).containsExactly("unit", "year", "value");
    assertThat(t.rows()).extracting(CsvTable.Row::line).containsExactly(2, 4);
    assertThat(t.rows().get(1).cells()).containsExactly("Hà Nội, TP", "2024", "90");
    assertThat(t.rows().get(0).text()).isEqualTo("Lào Cai,2024,89.03");
  }

  @Test
  void dropsAByteOrderMark() {
    CsvTable t = parse("\uFEFFunit,year\nLào Cai,2024\n");
    assertThat(t.header()).containsExactly("unit", "year");
    assertThat(t.indexOf("unit")).isZero();
  }

  @Test
  void emptyFileIsFatal() {
    assertThatThrownBy(() -> parse("")).isInstanceOf(DataException.class)
        .hasMessage("raw/x.csv: the file is empty; expected a header row and data rows");
  }

  @Test
  void headerWithoutRowsIsFatal() {
    assertThatThrownBy(() -> parse("unit,year,value\n")).isInstanceOf(DataException.class)
        .hasMessage("raw/x.csv, line 1: the file has a header but no data rows");
  }

  @Test
  void semicolonDelimitedFileIsNamed() {
    assertThatThrownBy(() -> parse("unit;year;value\nLào Cai;2024;89\n")).isInstanceOf(DataException.class)
        .hasMessageContaining("raw/x.csv, line 1:")
        .hasMessageContaining("looks delimited by that character; expected comma-separated values")
        .hasMessageContaining("';'");
  }

  @Test
  void truncatedQuotedFieldIsFatal() {
    assertThatThrownBy(() -> parse("unit,year,value\nLào Cai,2024,\"89.0")).isInstanceOf(DataException.class)
        .hasMessageStartingWith("raw/x.csv: cannot be parsed as CSV (truncated file or unbalanced quotes?)");
  }

  @Test
  void htmlPageIsFatal() {
    assertThatThrownBy(() -> parse("<!DOCTYPE html>\n<html><body>404</body></html>\n"))
        .isInstanceOf(DataException.class)
        .hasMessage("raw/x.csv: this is an HTML/XML page, not CSV (a download that saved the web page?)");
  }

  @Test
  void binaryOrLegacyEncodingIsFatal() {
    byte[] latin1 = "unit,year\nL\u00e0o Cai,2024\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> CsvTable.parse(latin1, "raw/x.csv")).isInstanceOf(DataException.class)
        // "unit,year\n" is 10 bytes and "L" the 11th: the Latin-1 à (0xE0) is byte 12, on line 2.
        .hasMessageStartingWith("raw/x.csv, line 2: is not UTF-8 text (first bad byte 0xE0, byte 12 of the file;");
  }

  @Test
  void missingRequiredColumnNamesWhatIsThere() {
    CsvTable t = parse("province,year\nLào Cai,2024\n");
    assertThatThrownBy(() -> t.requireColumn("score", "value")).isInstanceOf(DataException.class)
        .hasMessage("raw/x.csv, line 1, field 'score': required column 'score' (value) is missing; the header has "
            + "[province, year]");
  }

  @Test
  void twoColumnsOfOneNameAreFatalNamingTheColumn() {
    // 'year' and 'year<U+00A0>' are one name once the reader strips the padding.
    assertThatThrownBy(() -> parse("unit,year,indicator,year\u00A0,value\nLào Cai,2024,PAR_INDEX,2023,89\n"))
        .isInstanceOf(DataException.class)
        .hasMessage("raw/x.csv, line 1, field 'year': the header names column 'year' twice (columns 2 and 4 of 5); "
            + "rename or remove one of them");
  }

  @Test
  void notUtf8NamesTheLineOfTheFirstBadByte() {
    byte[] head = "unit,year\nLào Cai,2024\nY".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
    bytes[head.length] = (byte) 0xEA; // 'ê' in Windows-1258, not UTF-8
    bytes[head.length + 1] = 'n';
    bytes[head.length + 2] = '\n';
    // "unit,year\n" is 10 bytes, "Lào Cai,2024\n" 14 (à is 2 bytes), "Y" 1: the bad byte is byte 26, on line 3.
    assertThatThrownBy(() -> CsvTable.parse(bytes, "raw/x.csv")).isInstanceOf(DataException.class)
        .hasMessageStartingWith("raw/x.csv, line 3: is not UTF-8 text (first bad byte 0xEA, byte 26 of the file;");
  }
}

