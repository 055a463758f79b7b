package vn.provincecompare.ingest.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.RawObservation;
import vn.provincecompare.testing.SparkTestBase;

/** Layouts that do not match their workbooks, and small workbooks built here with bad cells on purpose. */
class ExcelSheetReaderErrorsTest {
  private static final String HEADER = String.join(",", ExcelLayout.COLUMNS) + ",note\n";

  @TempDir
  Path tmp;

  private ExcelLayout layout(String... rows) throws IOException {
    Path file = tmp.resolve("layout.csv");
    Files.writeString(file, HEADER + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    return ExcelLayout.load(tmp, "layout.csv");
  }

  /** A layout in the temp folder pointing at a bundled workbook (absolute path). */
  private static String bundled(String name) {
    return SparkTestBase.repoRoot().resolve("data/raw/pci").resolve(name).toAbsolutePath().toString();
  }

  @Test
  void aMissingSheetNamesTheFileAndTheSheet() throws IOException {
    ExcelLayout l = layout("2016," + bundled("PCI_2016.xlsx")
        + ",Tong hop,1,PCI 2016,2,64,paired_columns,VN63,PCI,V,W,X,,Y,,");
    assertThatThrownBy(() -> ExcelSheetReader.read(l, "pci_vcci"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("PCI_2016.xlsx")
        .hasMessageContaining("no sheet named 'Tong hop'")
        .hasMessageContaining("layout.csv line 2, field 'sheet'")
        .hasMessageContaining("the workbook's sheets are 'Summary_VN', 'Summary'");
  }

  @Test
  void theStaleEnglishSummarySheetIsRefusedByItsHeader() throws IOException {
    // PCI_2016.xlsx 'Summary' W1 reads "PCI 2013": it is a stale copy of the 2013 table.
    ExcelLayout l = layout("2016," + bundled("PCI_2016.xlsx")
        + ",Summary,1,PCI 2016,2,64,paired_columns,VN63,PCI,V,W,X,,Y,,");
    assertThatThrownBy(() -> ExcelSheetReader.read(l, "pci_vcci"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("PCI_2016.xlsx, line 1, field 'Summary!W1'")
        .hasMessageContaining("sheet 'Summary' does not look like the layout says")
        .hasMessageContaining("expected the header cell Summary!W1 to contain 'PCI 2016' but it reads 'PCI 2013'");
  }

  @Test
  void aMissingWorkbookIsNamedWithTheLayoutLine() throws IOException {
    ExcelLayout l = layout("2017,PCI_2017.xlsx,Summary_VN,1,PCI 2017,2,64,paired_columns,VN63,PCI,V,W,,,,,");
    assertThatThrownBy(() -> ExcelSheetReader.read(l, "pci_vcci"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("PCI_2017.xlsx: workbook not found (layout.csv line 2, field 'file')");
  }

  @Test
  void badCellsBecomeRejectedObservationsWithReasons() throws IOException {
    writeFixture(tmp.resolve("fixture.xlsx"));
    ExcelLayout l = layout(
        "2020,fixture.xlsx,Tong hop,1,PCI 2020,2,5,paired_columns,VN63,PCI,A,B,D,C,,,",
        "2020,fixture.xlsx,Tong hop,1,Gia nhập,2,5,paired_columns,VN63,PCI_ENTRY,E,F,,,,,");
    List<RawObservation> obs = ExcelSheetReader.read(l, "fx");

    // PCI rows 2-5: row 2 good, row 3 #N/A score, row 4 blank province, row 5 rank beside another province.
    assertThat(obs).hasSize(8);
    RawObservation good = obs.get(0);
    assertThat(good.rejectReason()).isNull();
    assertThat(good.rawUnit()).isEqualTo("Lào Cai ");
    assertThat(good.rawValue()).isEqualTo("61.25");
    assertThat(good.rawPublishedRank()).isEqualTo("1");
    // two rows carry a rank cell (rows 2 and 5; rows 3-4 leave it blank)
    assertThat(good.rawPublishedN()).isEqualTo("2");
    assertThat(good.field()).isEqualTo("Tong hop!B2");
    assertThat(good.sourceFile()).isEqualTo("fixture.xlsx");
    assertThat(good.rawRecord()).isEqualTo("A2=Lào Cai  | B2=61.25 | C2=Lào Cai  | D2=1.0");

    RawObservation na = obs.get(1);
    assertThat(na.rejectReason()).isEqualTo(ExcelSheetReader.UNREADABLE_CELL);
    assertThat(na.rejectMessage()).isEqualTo(
        "cell Tong hop!B3 holds the error value #N/A (PCI 2020, layout line 2); expected a number");
    assertThat(na.line()).isEqualTo(3);

    RawObservation blank = obs.get(2);
    assertThat(blank.rejectReason()).isEqualTo(ExcelSheetReader.MISSING_UNIT);
    assertThat(blank.rejectMessage()).isEqualTo("no province name in Tong hop!A4 although row 4 is inside the"
        + " data rows 2-5 of layout line 2; expected a province name");

    RawObservation mismatch = obs.get(3);
    assertThat(mismatch.rejectReason()).isEqualTo(ExcelSheetReader.UNIT_MISMATCH);
    assertThat(mismatch.rejectMessage()).startsWith("the rank in Tong hop!D5 is beside 'Yên Bái' (Tong hop!C5)"
        + " but the score in Tong hop!B5 belongs to 'Hà Giang' (Tong hop!A5)");

    // The entry pair: text kept as text (a missing-value code is for validate to judge), blank value kept blank.
    assertThat(obs.subList(4, 8)).extracting(RawObservation::rawValue)
        .containsExactly("7.5", "..", "", "6.0");
    assertThat(obs.subList(4, 8)).extracting(RawObservation::rawPublishedRank).containsOnlyNulls();
  }

  @Test
  void aMergedTierCellGivesItsTextToEveryRowItCovers() throws IOException {
    writeFixture(tmp.resolve("fixture.xlsx"));
    ExcelLayout l = layout("2020,fixture.xlsx,Tong hop,1,PCI 2020,2,3,paired_columns,VN63,PCI,A,B,,,G,,");
    // G2:G3 is merged with "Tốt" written once, as PCI 2005 writes its tiers; row 3's score is #N/A.
    assertThatThrownBy(() -> PublishedTiers.read(l))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("fixture.xlsx, line 3, field 'Tong hop!B3': the score beside tier 'Tốt' reads '#N/A';"
            + " expected a number (layout.csv line 2, field 'value_col')");
    ExcelLayout first = layout("2020,fixture.xlsx,Tong hop,1,PCI 2020,2,2,paired_columns,VN63,PCI,A,B,,,G,,");
    assertThat(PublishedTiers.read(first)).containsExactly(
        new PublishedTiers.PublishedTier(2020, "Lào Cai ", "Tốt", 61.25, "fixture.xlsx", "Tong hop!G2"));
  }

  /**
   * Sheet 'Tong hop': header row 1, rows 2-5.
   * A/B = PCI pair, C/D = province and rank, E/F = entry pair, G = tier merged over G2:G3.
   */
  private static void writeFixture(Path file) throws IOException {
    try (Workbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      Sheet s = wb.createSheet("Tong hop");
      Row h = s.createRow(0);
      h.createCell(1).setCellValue("PCI\n 2020");
      h.createCell(5).setCellValue("Gia nhập\n thị trường");
      Row r2 = s.createRow(1);
      r2.createCell(0).setCellValue("Lào Cai ");
      r2.createCell(1).setCellValue(61.25);
      r2.createCell(2).setCellValue("Lào Cai ");
      r2.createCell(3).setCellValue(1);
      r2.createCell(4).setCellValue("Yên Bái");
      r2.createCell(5).setCellValue(7.5);
      r2.createCell(6).setCellValue("Tốt");
      Row r3 = s.createRow(2);
      r3.createCell(0).setCellValue("Yên Bái");
      r3.createCell(1).setCellErrorValue(FormulaError.NA.getCode());
      r3.createCell(4).setCellValue("Lào Cai ");
      r3.createCell(5).setCellValue("..");
      s.addMergedRegion(new CellRangeAddress(1, 2, 6, 6));
      Row r4 = s.createRow(3);
      r4.createCell(1).setCellValue(55.0);
      r4.createCell(4).setCellValue("Sơn La");
      Row r5 = s.createRow(4);
      r5.createCell(0).setCellValue("Hà Giang");
      r5.createCell(1).setCellValue(50.0);
      r5.createCell(2).setCellValue("Yên Bái");
      r5.createCell(3).setCellValue(4);
      r5.createCell(4).setCellValue("Hà Giang");
      r5.createCell(5).setCellValue(6.0);
      wb.write(out);
    }
  }
}
