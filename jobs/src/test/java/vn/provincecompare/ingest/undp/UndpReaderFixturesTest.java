package vn.provincecompare.ingest.undp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.RawObservation;

/** Tiny files built here, bad on purpose: each test names the one thing that is wrong with its file. */
class UndpReaderFixturesTest {

  private static final UndpLabelMapping MAPPING = UndpLabelMapping.parse("m.csv", new StringReader("""
      layout,first_year,last_year,match,label,action,indicator_code,note
      undp_wide,,,exact,Mã tỉnh,unit_code,,
      undp_wide,,,exact,Tỉnh,unit_name,,
      undp_wide,,,exact,Unweighted,indicator,PAPI,
      undp_wide,,,exact,Weighted,skip,,
      undp_wide,,,prefix,1.1:,indicator,PAPI_SC11,
      undp_rows,,,exact,Tên tỉnh,unit_name,,
      undp_rows,,,prefix,1:,indicator,PAPI_D1,
      undp_rows,,,prefix,1.1:,indicator,PAPI_SC11,
      undp_workbook,,,exact,tinhid,unit_code,,
      undp_workbook,,,exact,tentinh_vie,unit_name,,
      undp_workbook,,,exact,Participation at Local Levels,indicator,PAPI_D1,
      undp_workbook,,,exact,Un-weighted2015PAPI,indicator,PAPI,
      """));

  @TempDir
  Path root;

  private UndpSource wide(String file, String unitKey) {
    return new UndpSource("w", "undp_wide", file, 2024, 20, "VN63",
        Map.of("mapping", "m.csv", "label_column", "1", "first_unit_column", "3", "unit_key", unitKey));
  }

  private UndpSource rows(String file) {
    return new UndpSource("r", "undp_rows", file, 2017, 20, "VN63",
        Map.of("mapping", "m.csv", "header_line", "1", "unit_key", "name"));
  }

  private void write(String file, String content) throws IOException {
    Files.writeString(root.resolve(file), content, StandardCharsets.UTF_8);
  }

  @Test
  void wideFileReadsEveryProvinceCellAndPassesMissingCodesThrough() throws IOException {
    write("w.csv", """
        Mã tỉnh,Thang điểm,1,10,22
        Tỉnh,,Hà Nội,Lào Cai,Quảng Ninh
        Weighted,10-80,43.5,44.1,
        Unweighted,10-80,41.5,45.05,KCDL
        ,,,,
        1.1: Tri thức,0.25-2.5,0.74,,0
        """);
    List<RawObservation> out = UndpWideReader.read(root, wide("w.csv", "code"), MAPPING);
    // 2 mapped rows x 3 provinces; the weighted row and the blank line 5 are not read.
    assertThat(out).extracting(RawObservation::rawUnit, RawObservation::rawIndicator, RawObservation::rawValue,
            RawObservation::line, RawObservation::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", "PAPI", "41.5", 4, "C4"),
            org.assertj.core.groups.Tuple.tuple("10", "PAPI", "45.05", 4, "D4"),
            org.assertj.core.groups.Tuple.tuple("22", "PAPI", "KCDL", 4, "E4"),
            org.assertj.core.groups.Tuple.tuple("1", "PAPI_SC11", "0.74", 6, "C6"),
            org.assertj.core.groups.Tuple.tuple("10", "PAPI_SC11", "", 6, "D6"),
            org.assertj.core.groups.Tuple.tuple("22", "PAPI_SC11", "0", 6, "E6"));
    assertThat(out.get(1).rawRecord()).isEqualTo("Unweighted | 10-80 || code 10, name Lào Cai | D4=45.05");
    assertThat(out).allMatch(o -> o.rawYear().equals("2024") && o.unitFrame().equals("VN63")
        && o.sourceId().equals("w") && o.sourceFile().equals("w.csv") && o.rejectReason() == null);
    // The same file keyed by name.
    assertThat(UndpWideReader.read(root, wide("w.csv", "name"), MAPPING))
        .extracting(RawObservation::rawUnit).startsWith("Hà Nội", "Lào Cai", "Quảng Ninh");
  }

  @Test
  void wideUnknownRowLabelNamesFileLineAndLabel() throws IOException {
    write("w.csv", """
        Mã tỉnh,Thang điểm,1,10
        Unweighted,10-80,41.5,45.05
        9.1: Chỉ số mới,0.33-3.33,1.2,1.3
        """);
    assertThatThrownBy(() -> UndpWideReader.read(root, wide("w.csv", "code"), MAPPING))
        .isInstanceOf(DataException.class)
        .hasMessage("w.csv, line 3, field 'A3': unknown label '9.1: Chỉ số mới' (layout undp_wide, year 2024);"
            + " add it to m.csv with action indicator (and an indicator code), unit_code, unit_name or skip, so"
            + " that no row of a new file is lost silently");
  }

  @Test
  void wideShortRowIsRejectedNotLost() throws IOException {
    write("w.csv", """
        Mã tỉnh,Thang điểm,1,10,22
        Unweighted,10-80,41.5,45.05
        1.1: Tri thức,0.25-2.5,0.74,0.8,0.9
        """);
    List<RawObservation> out = UndpWideReader.read(root, wide("w.csv", "code"), MAPPING);
    assertThat(out).hasSize(1 + 3);
    RawObservation rejected = out.get(0);
    assertThat(rejected.rejectReason()).isEqualTo("short_row");
    assertThat(rejected.line()).isEqualTo(2);
    assertThat(rejected.rawRecord()).isEqualTo("Unweighted,10-80,41.5,45.05");
    assertThat(rejected.rejectMessage()).isEqualTo("w.csv, line 2: row 'Unweighted' (PAPI) has 4 cells but the"
        + " province header has 5 (2 label columns + 3 provinces); the row is not read");
  }

  @Test
  void wideValueBesideNoProvinceIsRejected() throws IOException {
    write("w.csv", """
        Mã tỉnh,Thang điểm,1,10,
        Unweighted,10-80,41.5,45.05,99
        """);
    RawObservation rejected = UndpWideReader.read(root, wide("w.csv", "code"), MAPPING).get(0);
    assertThat(rejected.rejectReason()).isEqualTo("long_row");
    assertThat(rejected.rejectMessage()).isEqualTo("w.csv, line 2: cell E2 holds '99' right of the last province"
        + " column D; the row is not read");
  }

  @Test
  void wideStructureProblemsAreFatal() throws IOException {
    write("nocode.csv", """
        Tỉnh,,Hà Nội,Lào Cai
        Unweighted,10-80,41.5,45.05
        """);
    assertThatThrownBy(() -> UndpWideReader.read(root, wide("nocode.csv", "code"), MAPPING))
        .isInstanceOf(DataException.class)
        .hasMessage("nocode.csv, line 2: unit_key is 'code' but no row mapped to unit_code comes before this"
            + " first value row; map the province header row, or set unit_key to name");
    write("twice.csv", """
        Mã tỉnh,,1,10
        1.1: Tri thức,,0.7,0.8
        1.1: Tri thức (again),,0.7,0.8
        """);
    assertThatThrownBy(() -> UndpWideReader.read(root, wide("twice.csv", "code"), MAPPING))
        .hasMessage("twice.csv, line 3, field 'A3': indicator PAPI_SC11 is already read from line 2; two rows"
            + " map to it (mapping m.csv line 6)");
    write("gap.csv", """
        Mã tỉnh,,1,,10
        Unweighted,,41.5,,45.05
        """);
    assertThatThrownBy(() -> UndpWideReader.read(root, wide("gap.csv", "code"), MAPPING))
        .hasMessage("gap.csv, line 1, field 'D1': blank province code in the header; every province column needs"
            + " one");
    write("semicolon.csv", "Mã tỉnh;Thang điểm;1;10\nUnweighted;10-80;41.5;45.05\n");
    assertThatThrownBy(() -> UndpWideReader.read(root, wide("semicolon.csv", "code"), MAPPING))
        .hasMessage("semicolon.csv, line 1: the first line has 1 cell(s), fewer than first_unit_column 3; is the"
            + " file comma-separated and the layout right?");
    assertThatThrownBy(() -> UndpWideReader.read(root, wide("missing.csv", "code"), MAPPING))
        .hasMessageStartingWith("missing.csv: file not found at ");
  }

  @Test
  void rowFileShortRowIsRejectedAndTheRestRead() throws IOException {
    write("r.csv", """
        Tên tỉnh ,  1: Tham gia ,1.1: Tri thức \r
        Hà Nội ,5.25,1.04\r
        Hà Giang,5.02\r
        "Lào Cai ",4.9,0.9\r
        """);
    List<RawObservation> out = UndpRowReader.read(root, rows("r.csv"), MAPPING);
    assertThat(out).extracting(RawObservation::rawUnit, RawObservation::rawIndicator, RawObservation::rawValue,
            RawObservation::field, RawObservation::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Hà Nội ", "PAPI_D1", "5.25", "1: Tham gia", 2),
            org.assertj.core.groups.Tuple.tuple("Hà Nội ", "PAPI_SC11", "1.04", "1.1: Tri thức", 2),
            org.assertj.core.groups.Tuple.tuple(null, null, null, null, 3),
            org.assertj.core.groups.Tuple.tuple("Lào Cai ", "PAPI_D1", "4.9", "1: Tham gia", 4),
            org.assertj.core.groups.Tuple.tuple("Lào Cai ", "PAPI_SC11", "0.9", "1.1: Tri thức", 4));
    assertThat(out.get(2).rejectReason()).isEqualTo("short_row");
    assertThat(out.get(2).rawRecord()).isEqualTo("Hà Giang,5.02");
    assertThat(out.get(2).rejectMessage()).isEqualTo("r.csv, line 3: 2 cells but the header has 3; the row is not"
        + " read (a value would land under the wrong column)");
    assertThat(out.get(3).rawRecord()).isEqualTo("\"Lào Cai \",4.9,0.9");
  }

  @Test
  void rowFileUnknownHeaderIsFatal() throws IOException {
    write("r.csv", "Tên tỉnh,1: Tham gia,7: Quản trị môi trường\nHà Nội,5.25,3.1\n");
    assertThatThrownBy(() -> UndpRowReader.read(root, rows("r.csv"), MAPPING))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("r.csv, line 1, field 'C1': unknown label '7: Quản trị môi trường' (layout"
            + " undp_rows, year 2017)");
  }

  @Test
  void workbookSheetSkipsSummaryAndBlankRowsAndKeepsBlankCells() throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream os = Files.newOutputStream(root.resolve("w.xlsx"))) {
      Sheet sheet = workbook.createSheet("2016_PAPI");
      row(sheet, 0, "tinhid", "tentinh_vie", "Participation at Local Levels", "Un-weighted2015PAPI");
      row(sheet, 1, "tinhid", "tentinh_vie", "Tham gia", "Chỉ số PAPI");
      Row haNoi = sheet.createRow(2);
      haNoi.createCell(0).setCellValue(1);
      haNoi.createCell(1).setCellValue("Hà Nội");
      haNoi.createCell(2).setCellValue(5.337698459625244);
      haNoi.createCell(3).setCellValue(33.80596113204956);
      Row bacGiang = sheet.createRow(3);
      bacGiang.createCell(0).setCellValue(24);
      bacGiang.createCell(1).setCellValue("Bắc Giang");
      bacGiang.createCell(3).setCellValue(0.0);
      sheet.createRow(4); // an empty row between provinces and the summary
      Row highest = sheet.createRow(5);
      highest.createCell(0).setCellValue(999);
      highest.createCell(1).setCellValue("Điểm cao nhất");
      highest.createCell(2).setCellValue(6.6);
      workbook.write(os);
    }
    UndpSource source = new UndpSource("b", "undp_workbook", "w.xlsx", 2016, 21, "VN63", Map.of("mapping",
        "m.csv", "sheet", "2016_PAPI", "header_row", "1", "first_data_row", "3", "unit_key", "code",
        "skip_units", "999"));
    List<RawObservation> out = UndpWorkbookReader.read(root, source, MAPPING);
    assertThat(out).extracting(RawObservation::rawUnit, RawObservation::rawIndicator, RawObservation::rawValue,
            RawObservation::field, RawObservation::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", "PAPI_D1", "5.337698459625244", "2016_PAPI!C3", 3),
            org.assertj.core.groups.Tuple.tuple("1", "PAPI", "33.80596113204956", "2016_PAPI!D3", 3),
            org.assertj.core.groups.Tuple.tuple("24", "PAPI_D1", "", "2016_PAPI!C4", 4),
            org.assertj.core.groups.Tuple.tuple("24", "PAPI", "0", "2016_PAPI!D4", 4));
    assertThat(out.get(0).rawRecord()).isEqualTo("1,Hà Nội,5.337698459625244,33.80596113204956");

    UndpSource wrongSheet = new UndpSource("b", "undp_workbook", "w.xlsx", 2017, 21, "VN63", Map.of("mapping",
        "m.csv", "sheet", "2017_PAPI", "header_row", "1", "first_data_row", "3", "unit_key", "code"));
    assertThatThrownBy(() -> UndpWorkbookReader.read(root, wrongSheet, MAPPING))
        .isInstanceOf(DataException.class)
        .hasMessage("w.xlsx, field 'options.sheet': no sheet '2017_PAPI'; the workbook has [2016_PAPI]");
  }

  @Test
  void missingOptionSaysWhatTheReaderNeeds() {
    UndpSource source = new UndpSource("w", "undp_wide", "w.csv", 2024, 20, "VN63", Map.of("mapping", "m.csv"));
    assertThatThrownBy(() -> UndpWideReader.read(root, source, MAPPING))
        .isInstanceOf(DataException.class)
        .hasMessage("w.csv, field 'options.label_column': source w (format undp_wide) needs option"
            + " 'label_column' (1-based column of the label matched against the mapping)");
  }

  @Test
  void numbersAreWrittenAsTheShortestDecimal() {
    assertThat(UndpWorkbookReader.number(1.0)).isEqualTo("1");
    assertThat(UndpWorkbookReader.number(36.40502)).isEqualTo("36.40502");
    assertThat(UndpWorkbookReader.number(0.0000123)).isEqualTo("0.0000123");
    assertThat(UndpWorkbookReader.number(-0.0)).isEqualTo("0");
  }

  private static void row(Sheet sheet, int index, String... labels) {
    Row row = sheet.createRow(index);
    for (int i = 0; i < labels.length; i++) {
      row.createCell(i).setCellValue(labels[i]);
    }
  }
}
