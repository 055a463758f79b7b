package vn.provincecompare.ingest.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.testing.SparkTestBase;

class ExcelLayoutTest {
  private static final String HEADER = String.join(",", ExcelLayout.COLUMNS) + "\n";
  private static final String GOOD = "2016,PCI_2016.xlsx,Summary_VN,1,PCI 2016,2,64,paired_columns,VN63,PCI,V,W,X,,Y,";

  @TempDir
  Path tmp;

  private ExcelLayout load(String text) throws IOException {
    Files.writeString(tmp.resolve("layout.csv"), text, StandardCharsets.UTF_8);
    return ExcelLayout.load(tmp, "layout.csv");
  }

  @Test
  void theBundledPciLayoutHasOneGroupPerYearAndIndicator() {
    ExcelLayout layout = ExcelLayout.load(SparkTestBase.repoRoot(), "data/raw/pci/pci_layout.csv");
    // 2005: 10, 2006: 11, 2007: 12, 2008: 12, 2009: 10, 2010: 11, 2011: 10, 2012: 10, 2013-2016: 4 x 11
    // = 10 + 11 + 12 + 12 + 10 + 11 + 10 + 10 + 44 = 130
    assertThat(layout.groups()).hasSize(130);
    assertThat(layout.path()).isEqualTo("data/raw/pci/pci_layout.csv");
    LayoutGroup pci2007 = layout.groups().stream()
        .filter(g -> g.year() == 2007 && g.indicatorCode().equals("PCI")).findFirst().orElseThrow();
    // the 2007 sheet name ends with a space, and the layout keeps it
    assertThat(pci2007.sheet()).isEqualTo("Tóm tắt các chỉ số PCI ");
    assertThat(pci2007.valueCol()).isEqualTo(15); // P
    assertThat(pci2007.rankCol()).isEqualTo(1); // B
    assertThat(pci2007.tierCol()).isEqualTo(3); // D
    assertThat(pci2007.layout()).isEqualTo(SheetLayout.ROW_PER_UNIT);
    assertThat(layout.sourceFile(pci2007.file())).isEqualTo("data/raw/pci/PCI_2007.xls");
  }

  @Test
  void aGoodRowParses() throws IOException {
    LayoutGroup g = load(HEADER + GOOD + "\n").groups().get(0);
    assertThat(g).isEqualTo(new LayoutGroup(2, 2016, "PCI_2016.xlsx", "Summary_VN", 1, "PCI 2016", 2, 64,
        SheetLayout.PAIRED_COLUMNS, "VN63", "PCI", 21, 22, 23, null, 24, null));
    assertThat(g.ref(2, 22)).isEqualTo("Summary_VN!W2");
  }

  @Test
  void aMissingLayoutFileIsNamed() {
    assertThatThrownBy(() -> ExcelLayout.load(tmp, "nope.csv"))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("nope.csv: layout file not found");
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    assertThatThrownBy(() -> load("year,file,sheet\n2016,a.xlsx,S\n"))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("layout.csv, line 1, field 'header_row': missing required column");
  }

  @Test
  void anUnknownLayoutNamesLineFieldAndTheValidValues() throws IOException {
    assertThatThrownBy(() -> load(HEADER + GOOD.replace("paired_columns", "pairs") + "\n"))
        .isInstanceOf(DataException.class)
        .hasMessage("layout.csv, line 2, field 'layout': unknown layout 'pairs'; valid: row_per_unit, paired_columns");
  }

  @Test
  void aBadColumnLetterIsNamed() throws IOException {
    assertThatThrownBy(() -> load(HEADER + GOOD.replace(",V,W,", ",V,23,") + "\n"))
        .isInstanceOf(DataException.class)
        .hasMessage("layout.csv, line 2, field 'value_col': '23' is not a column letter; write columns as Excel"
            + " shows them (A, W, AA)");
  }

  @Test
  void rowsOutOfOrderAreNamed() throws IOException {
    assertThatThrownBy(() -> load(HEADER + GOOD.replace(",2,64,", ",64,2,") + "\n"))
        .isInstanceOf(DataException.class)
        .hasMessage("layout.csv, line 2, field 'last_row': last_row 2 is before first_row 64; give the last data"
            + " row of the sheet");
  }

  @Test
  void aYearIndicatorMappedTwiceIsNamed() throws IOException {
    assertThatThrownBy(() -> load(HEADER + GOOD + "\n" + GOOD + "\n"))
        .isInstanceOf(DataException.class)
        .hasMessage("layout.csv, line 3, field 'indicator_code': year 2016 maps PCI twice (also line 2); each"
            + " (year, indicator_code) must appear once");
  }

  @Test
  void aBlankRequiredFieldIsNamed() throws IOException {
    assertThatThrownBy(() -> load(HEADER + GOOD.replace(",VN63,", ",,") + "\n"))
        .isInstanceOf(DataException.class)
        .hasMessage("layout.csv, line 2, field 'unit_frame': blank; this column is required");
  }
}
