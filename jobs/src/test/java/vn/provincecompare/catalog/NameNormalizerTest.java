package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

/** One test per normalisation rule; expected keys written by hand. */
class NameNormalizerTest {

  private static final String LOST = "\uFFFD";

  @Test
  void composedAndDecomposedUnicodeGiveTheSameKey() {
    // "La\u0300o" is L, a, combining grave, o: the NFD form PCI_2013.xlsx uses for Lào Cai.
    assertThat(NameNormalizer.normalize("La\u0300o Cai")).isEqualTo("lao cai");
    assertThat(NameNormalizer.normalize(Normalizer.normalize("Đắk Lắk", Normalizer.Form.NFD)))
        .isEqualTo("dak lak");
  }

  @Test
  void toneMarkPlacementIsFolded() {
    assertThat(NameNormalizer.normalize("Hoà Bình")).isEqualTo(NameNormalizer.normalize("Hòa Bình"))
        .isEqualTo("hoa binh");
    // canonicalSpelling keeps the diacritics and moves the tone to the publishers' vowel.
    assertThat(NameNormalizer.canonicalSpelling("Hoà Bình")).isEqualTo("Hòa Bình");
    assertThat(NameNormalizer.canonicalSpelling("Thanh Hoá")).isEqualTo("Thanh Hóa");
    assertThat(NameNormalizer.canonicalSpelling("Khánh Hoà")).isEqualTo("Khánh Hòa");
    assertThat(NameNormalizer.canonicalSpelling("Thuỷ")).isEqualTo("Thủy");
  }

  @Test
  void toneMarkIsNotMovedInClosedSyllablesOrAfterQu() {
    // "oàng" has a final consonant, "quý" starts with the consonant "qu", "Huế" has its tone on ê.
    assertThat(NameNormalizer.canonicalSpelling("Hoàng")).isEqualTo("Hoàng");
    assertThat(NameNormalizer.canonicalSpelling("Quý")).isEqualTo("Quý");
    assertThat(NameNormalizer.canonicalSpelling("Huế")).isEqualTo("Huế");
    assertThat(NameNormalizer.canonicalSpelling("Thừa Thiên Huế")).isEqualTo("Thừa Thiên Huế");
  }

  @Test
  void diacriticsAreRemovedAndDStrokeBecomesD() {
    assertThat(NameNormalizer.normalize("Điện Biên")).isEqualTo("dien bien");
    assertThat(NameNormalizer.normalize("Bà Rịa - Vũng Tàu")).isEqualTo("ba ria vung tau");
    assertThat(NameNormalizer.normalize("Sơn La")).isEqualTo("son la");
    assertThat(NameNormalizer.normalize("Bình Phước")).isEqualTo("binh phuoc");
  }

  @Test
  void caseIsFolded() {
    assertThat(NameNormalizer.normalize("LÀO CAI")).isEqualTo("lao cai");
    assertThat(NameNormalizer.normalize("LàO CAI")).isEqualTo("lao cai");
    assertThat(NameNormalizer.normalize("ĐẮK NÔNG")).isEqualTo("dak nong");
  }

  @Test
  void administrativePrefixesAndEnglishSuffixesAreDropped() {
    assertThat(NameNormalizer.normalize("TP. Hồ Chí Minh")).isEqualTo("ho chi minh");
    assertThat(NameNormalizer.normalize("TP.Hồ Chí Minh")).isEqualTo("ho chi minh");
    assertThat(NameNormalizer.normalize("Tp. Hồ Chí Minh")).isEqualTo("ho chi minh");
    assertThat(NameNormalizer.normalize("TP Can Tho")).isEqualTo("can tho");
    assertThat(NameNormalizer.normalize("Thành phố Hà Nội")).isEqualTo("ha noi");
    assertThat(NameNormalizer.normalize("Thành Phố Cần Thơ")).isEqualTo("can tho");
    assertThat(NameNormalizer.normalize("Thủ Đô Hà Nội")).isEqualTo("ha noi");
    assertThat(NameNormalizer.normalize("Tỉnh Lào Cai")).isEqualTo("lao cai");
    assertThat(NameNormalizer.normalize("Ho Chi Minh City")).isEqualTo("ho chi minh");
    assertThat(NameNormalizer.normalize("Lao Cai Province")).isEqualTo("lao cai");
    assertThat(NameNormalizer.normalize("TP.HCM")).isEqualTo("hcm");
  }

  @Test
  void prefixWordsInsideANameAreKept() {
    // "Thanh" of Thanh Hóa is not "Thành phố"; "Tĩnh" of Hà Tĩnh is not a leading "Tỉnh".
    assertThat(NameNormalizer.normalize("Thanh Hóa")).isEqualTo("thanh hoa");
    assertThat(NameNormalizer.normalize("Hà Tĩnh")).isEqualTo("ha tinh");
    assertThat(NameNormalizer.normalize("TPHCM")).isEqualTo("tphcm");
  }

  @Test
  void hyphensDashesDotsAndPunctuationBecomeSpaces() {
    assertThat(NameNormalizer.normalize("Thừa Thiên-Huế")).isEqualTo("thua thien hue");
    assertThat(NameNormalizer.normalize("Thừa Thiên - Huế")).isEqualTo("thua thien hue");
    assertThat(NameNormalizer.normalize("Bà Rịa – Vũng Tàu")).isEqualTo("ba ria vung tau"); // en dash
    assertThat(NameNormalizer.normalize("Bà Rịa — Vũng Tàu")).isEqualTo("ba ria vung tau"); // em dash
    assertThat(NameNormalizer.normalize("TT.Huế")).isEqualTo("tt hue");
    assertThat(NameNormalizer.normalize("TT- Huế")).isEqualTo("tt hue");
    assertThat(NameNormalizer.normalize("Hà Bắc (cũ)")).isEqualTo("ha bac cu");
  }

  @Test
  void whitespaceIncludingNoBreakSpaceIsCollapsedAndTrimmed() {
    assertThat(NameNormalizer.normalize(" AN GIANG")).isEqualTo("an giang");
    assertThat(NameNormalizer.normalize("\u00A0\u00A0Sóc Trăng ")).isEqualTo("soc trang");
    assertThat(NameNormalizer.normalize("HÀ\u00A0NAM")).isEqualTo("ha nam");
    assertThat(NameNormalizer.normalize("Lào   Cai\t")).isEqualTo("lao cai");
  }

  @Test
  void rStyleEscapesAreDecoded() {
    // <U+1ECB> is ị, <U+1EAE> is Ắ.
    assertThat(NameNormalizer.normalize("B<U+1EAF>c Giang")).isEqualTo("bac giang");
    assertThat(NameNormalizer.normalize("NAM <U+0110><U+1ECA>NH")).isEqualTo("nam dinh");
    assertThat(NameNormalizer.canonicalSpelling("Qu<U+1EA3>ng Tr<U+1ECB>")).isEqualTo("Quảng Trị");
  }

  @Test
  void leadingBomOrReplacementCharacterIsDropped() {
    assertThat(NameNormalizer.normalize("\uFEFFAn Giang")).isEqualTo("an giang");
    assertThat(NameNormalizer.normalize(LOST + "AN GIANG")).isEqualTo("an giang");
  }

  @Test
  void innerReplacementCharactersStayAsLostCharacterMarkers() {
    // "B� R<U+1ECA>A - VUNG T�U": À twice lost, Ị escaped, Ũ flattened to U.
    String key = NameNormalizer.normalize("B" + LOST + " R<U+1ECA>A - VUNG T" + LOST + "U");
    assertThat(key).isEqualTo("b" + LOST + " ria vung t" + LOST + "u");
    assertThat(NameNormalizer.hasLostCharacters(key)).isTrue();
    assertThat(NameNormalizer.hasLostCharacters("ba ria vung tau")).isFalse();
  }

  @Test
  void readingsKeepOrDropEachEdgeReplacementCharacter() {
    // "�AK LAK" is ĐĂK LĂK with Đ lost: the leading U+FFFD may be a lost letter, or a BOM read wrongly.
    assertThat(NameNormalizer.readings(LOST + "AK LAK")).containsExactly("ak lak", LOST + "ak lak");
    // Two leading U+FFFD: drop both, drop the first only (keep the one next to the text), keep both.
    assertThat(NameNormalizer.readings(LOST + LOST + "S" + LOST + "c Trang"))
        .containsExactly("s" + LOST + "c trang", LOST + "s" + LOST + "c trang",
            LOST + LOST + "s" + LOST + "c trang");
    // Separated by a space, the kept U+FFFD stays a word of its own.
    assertThat(NameNormalizer.readings(LOST + " S" + LOST + "C TRANG"))
        .containsExactly("s" + LOST + "c trang", LOST + " s" + LOST + "c trang");
    assertThat(NameNormalizer.readings("Lào Cai")).containsExactly("lao cai");
  }

  @Test
  void nullAndBlankGiveAnEmptyKey() {
    assertThat(NameNormalizer.normalize(null)).isEmpty();
    assertThat(NameNormalizer.normalize(" \u00A0 ")).isEmpty();
    assertThat(NameNormalizer.readings(LOST)).isEmpty();
  }
}
