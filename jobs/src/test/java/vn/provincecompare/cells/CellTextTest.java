package vn.provincecompare.cells;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cell rules every reader shares, on the spellings other tools write (issue 14, class 4). */
class CellTextTest {

  @Test
  void yearsAndWholeNumbersAsOtherToolsWriteThem() {
    assertThat(CellText.year("2024")).isEqualTo(2024);
    assertThat(CellText.year(" 2024.0\t")).isEqualTo(2024);            // pandas float column, padded
    assertThat(CellText.year("\u00a02024\u200b")).isEqualTo(2024);     // no-break and zero-width space
    assertThat(CellText.year("2024.5")).isNull();
    assertThat(CellText.year("")).isNull();
    assertThat(CellText.year(null)).isNull();
    assertThat(CellText.wholeNumber("26.0")).isEqualTo(26);
    assertThat(CellText.wholeNumber("26")).isEqualTo(26);
    assertThat(CellText.wholeNumber("x26")).isNull();
    assertThat(CellText.wholeNumber(null)).isNull();
  }

  @Test
  void invisibleCharactersAreWrittenOutInMessages() {
    assertThat(CellText.visible("88.5\u00a0")).isEqualTo("88.5<U+00A0>");
    assertThat(CellText.visible("a\tb")).isEqualTo("a<TAB>b");
    assertThat(CellText.visible("88.5")).isEqualTo("88.5");
    assertThat(CellText.visible(null)).isNull();
  }
}
