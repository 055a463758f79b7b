package vn.provincecompare.publish.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesTheFiveCharactersThatChangeMeaningInTextAndAttributes() {
    assertThat(Html.text("a < b & c > d \"e\" 'f'")).isEqualTo("a &lt; b &amp; c &gt; d &quot;e&quot; &#39;f&#39;");
  }

  @Test
  void leavesVietnameseAndOtherTextAlone() {
    assertThat(Html.text("Thừa Thiên Huế – 46,0415")).isEqualTo("Thừa Thiên Huế – 46,0415");
  }

  @Test
  void nullIsBlankAndNumbersPrintAsText() {
    assertThat(Html.text(null)).isEmpty();
    assertThat(Html.text(26)).isEqualTo("26");
  }

  @Test
  void alreadyEscapedTextIsEscapedAgainSoItPrintsAsWritten() {
    assertThat(Html.text("&amp;")).isEqualTo("&amp;amp;");
  }
}
