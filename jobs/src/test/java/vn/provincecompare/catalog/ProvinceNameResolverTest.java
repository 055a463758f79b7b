package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.catalog.ProvinceResolution.Failure;
import vn.provincecompare.catalog.ProvinceResolution.MatchKind;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.testing.SparkTestBase;

/** The resolver on the bundled catalog: frames, codes, aliases, lost characters and the failure messages. */
class ProvinceNameResolverTest {

  private static final String LOST = "\uFFFD";
  private static ProvinceNameResolver resolver;

  @BeforeAll
  static void load() {
    resolver = ProvinceNameResolver.from(UnitCatalog.load(SparkTestBase.repoRoot().resolve("data/reference")));
  }

  @Test
  void laoCaiIs10InVn63And15InVn34() {
    assertThat(resolver.resolve("Lào Cai", "VN63").unitCode()).isEqualTo("10");
    assertThat(resolver.resolve("Lào Cai", "VN34").unitCode()).isEqualTo("15");
    assertThat(resolver.resolve("Lào Cai", "VN64").unitCode()).isEqualTo("10");
    assertThat(resolver.resolve("Yên Bái", "VN63").unitCode()).isEqualTo("15");
  }

  @Test
  void yenBaiIsNoVn34UnitAndTheMessageSaysWhereItWent() {
    ProvinceResolution r = resolver.resolve("Yên Bái", "VN34");
    assertThat(r.isResolved()).isFalse();
    assertThat(r.failure()).isEqualTo(Failure.UNKNOWN);
    assertThat(r.unit()).isNull();
    assertThat(r.message()).isEqualTo("unknown province 'Yên Bái' in frame VN34 (key 'yen bai'); it names Yên Bái"
        + " (VN63 15), which merged into Lào Cai (VN34 15) on 2025-07-01");
  }

  @Test
  void haTayIsAUnitOfVn64Only() {
    ProvinceResolution inVn64 = resolver.resolve("Hà Tây", "VN64");
    assertThat(inVn64.unit()).isEqualTo(new Unit("VN64", "28", "Hà Tây", "Ha Tay", "Ha Tay", "province", "R2"));
    assertThat(inVn64.matchedBy()).isEqualTo(MatchKind.NAME);
    assertThat(resolver.resolve("Hà Tây", "VN63").message()).isEqualTo("unknown province 'Hà Tây' in frame VN63"
        + " (key 'ha tay'); it names Hà Tây (VN64 28), which merged into Hà Nội (VN63 01) on 2008-08-01");
    assertThat(resolver.resolve("Hà Tây", "VN34").message()).endsWith("it names Hà Tây (VN64 28), which merged"
        + " into Hà Nội (VN63 01) on 2008-08-01, then continued as Hà Nội (VN34 01) on 2025-07-01");
    assertThat(resolver.resolveAnyFrame("Hà Tây").frames()).containsExactly("VN64");
  }

  @Test
  void decomposedInputResolves() {
    ProvinceResolution r = resolver.resolve("La\u0300o Cai", "VN63");
    assertThat(r.unitCode()).isEqualTo("10");
    assertThat(r.matchedBy()).isEqualTo(MatchKind.NAME);
  }

  @Test
  void publishedSpellingsResolve() {
    assertThat(resolver.resolve("TP. Hồ Chí Minh", "VN63").unitCode()).isEqualTo("79");
    assertThat(resolver.resolve("Ho Chi Minh City", "VN63").unitCode()).isEqualTo("79");
    assertThat(resolver.resolve("Thừa Thiên - Huế", "VN63").unitCode()).isEqualTo("46");
    assertThat(resolver.resolve("Thua Thien Hue", "VN63").unitCode()).isEqualTo("46");
    assertThat(resolver.resolve("Bà Rịa-Vũng Tàu", "VN63").unitCode()).isEqualTo("77");
    assertThat(resolver.resolve("Đăk Lăk", "VN63").unitCode()).isEqualTo("66");
    assertThat(resolver.resolve("Dak Lak", "VN63").unitCode()).isEqualTo("66");
    assertThat(resolver.resolve("Hoà Bình", "VN63").unitCode()).isEqualTo("17");
    assertThat(resolver.resolve("Hanoi", "VN63").unitCode()).isEqualTo("01");
    assertThat(resolver.resolve("TP. Đà Nẵng", "VN63").unitCode()).isEqualTo("48");
  }

  @Test
  void aliasesResolveAndSaySo() {
    for (String hcm : new String[] {"TP.HCM", "Tp.HCM", "TP HCM", "HCMC", "TPHCM"}) {
      ProvinceResolution r = resolver.resolve(hcm, "VN63");
      assertThat(r.unitCode()).as(hcm).isEqualTo("79");
      assertThat(r.matchedBy()).as(hcm).isEqualTo(MatchKind.ALIAS);
    }
    for (String hue : new String[] {"TT-Huế", "TT.Huế", "TT- Huế", "TT-Hue", "Huế"}) {
      assertThat(resolver.resolve(hue, "VN63").unitCode()).as(hue).isEqualTo("46");
    }
    assertThat(resolver.resolve("BRVT", "VN63").unitCode()).isEqualTo("77");
    assertThat(resolver.resolve("Bắc Cạn", "VN63").unitCode()).isEqualTo("06");
    assertThat(resolver.resolve("Đắc Nông", "VN63").unitCode()).isEqualTo("67");
    // The 2024 data of VN34 may still say Thừa Thiên Huế: the same territory, renamed.
    assertThat(resolver.resolve("Thừa Thiên Huế", "VN34").unitCode()).isEqualTo("46");
    assertThat(resolver.resolve("Huế", "VN34").matchedBy()).isEqualTo(MatchKind.NAME);
  }

  @Test
  void codesResolveInTheirFrame() {
    ProvinceResolution ten = resolver.resolve("10", "VN63");
    assertThat(ten.unit().nameVi()).isEqualTo("Lào Cai");
    assertThat(ten.matchedBy()).isEqualTo(MatchKind.CODE);
    assertThat(resolver.resolve("1", "VN63").unitCode()).isEqualTo("01");
    assertThat(resolver.resolve(" 8 ", "VN34").unitCode()).isEqualTo("08");
    assertThat(resolver.resolve("15.0", "VN34").unit().nameVi()).isEqualTo("Lào Cai");
    assertThat(resolver.resolve("15", "VN63").unit().nameVi()).isEqualTo("Yên Bái");
    assertThat(resolver.resolve("28", "VN64").unit().nameVi()).isEqualTo("Hà Tây");
    ProvinceResolution notVn34 = resolver.resolve("10", "VN34");
    assertThat(notVn34.failure()).isEqualTo(Failure.UNKNOWN);
    assertThat(notVn34.message()).isEqualTo("unknown province '10' in frame VN34: code 10 is not a VN34 unit code;"
        + " it names Lào Cai (VN63 10), which merged into Lào Cai (VN34 15) on 2025-07-01");
    assertThat(resolver.resolve("99", "VN34").message()).isEqualTo("unknown province '99' in frame VN34: code 99"
        + " is not a VN34 unit code; valid VN34 codes: 01 04 08 11 12 14 15 19 20 22 24 25 31 33 37 38 40 42 44"
        + " 46 48 51 52 56 66 68 75 79 80 82 86 91 92 96");
  }

  @Test
  void lostCharactersResolveOnlyWhenOneUnitFits() {
    // "B� R<U+1ECA>A - VUNG T�U": each U+FFFD is one lost À; only "ba ria vung tau" fits.
    ProvinceResolution brvt = resolver.resolve("B" + LOST + " R<U+1ECA>A - VUNG T" + LOST + "U", "VN63");
    assertThat(brvt.unitCode()).isEqualTo("77");
    assertThat(brvt.matchedBy()).isEqualTo(MatchKind.LOST_CHARACTERS);
    assertThat(brvt.message()).contains("only Bà Rịa - Vũng Tàu (VN63 77) fits it");
    // "�AK LAK": the leading U+FFFD is the lost Đ, not a BOM ("ak lak" names nothing).
    assertThat(resolver.resolve(LOST + "AK LAK", "VN63").unitCode()).isEqualTo("66");
    // "�AN GIANG": here the leading U+FFFD is a BOM ("?an giang" names nothing).
    assertThat(resolver.resolve(LOST + "AN GIANG", "VN63").unitCode()).isEqualTo("89");
  }

  @Test
  void lostCharactersThatFitSeveralUnitsAreAmbiguous() {
    // "H� N��": h + 1 + " n" + 2 fits "ha noi" (o, i) and "ha nam" (a, m); "ha tay" has no " n".
    ProvinceResolution r = resolver.resolve("H" + LOST + " N" + LOST + LOST, "VN63");
    assertThat(r.isResolved()).isFalse();
    assertThat(r.failure()).isEqualTo(Failure.AMBIGUOUS);
    assertThat(r.candidates().stream().map(Unit::code)).containsExactly("01", "35");
    assertThat(r.message()).isEqualTo("ambiguous province name 'H" + LOST + " N" + LOST + LOST + "' in frame"
        + " VN63 (key 'h" + LOST + " n" + LOST + LOST + "'): it matches Hà Nội (01), Hà Nam (35); not resolved,"
        + " add an alias or fix the source");
    // Trailing U+FFFD may also be dropped: "quang n" + 2 = Quảng Nam, + 3 = Quảng Ninh or Quảng Ngãi.
    ProvinceResolution quang = resolver.resolve("QUẢNG N" + LOST + LOST + LOST, "VN63");
    assertThat(quang.failure()).isEqualTo(Failure.AMBIGUOUS);
    assertThat(quang.candidates().stream().map(Unit::code)).containsExactly("22", "49", "51");
  }

  @Test
  void aNameWithoutAMarkOfLossIsNotGuessed() {
    // "H NAM" is HÀ NAM with À gone, but nothing marks the loss.
    ProvinceResolution r = resolver.resolve("H NAM", "VN63");
    assertThat(r.failure()).isEqualTo(Failure.UNKNOWN);
    assertThat(r.message()).startsWith("unknown province 'H NAM' in frame VN63 (key 'h nam'); closest VN63 names:"
        + " Hà Nam (35)");
  }

  @Test
  void unknownNamesListTheClosestNames() {
    // Edit distances by hand, key "ha bac cu": to Bắc Kạn's alias "bac can", drop "ha " (3) then "cu" -> "can"
    // (u->a, +n: 2) = 5; to "ha nam", keep "ha ", then "bac cu" -> "nam" (b->n, c->m, drop " cu": 5) = 5.
    // Equal distances are listed by code: 06 before 35.
    ProvinceResolution r = resolver.resolve("Hà Bắc (cũ)", "VN63");
    assertThat(r.failure()).isEqualTo(Failure.UNKNOWN);
    assertThat(r.message()).startsWith("unknown province 'Hà Bắc (cũ)' in frame VN63 (key 'ha bac cu'); closest"
        + " VN63 names: Bắc Kạn (06), Hà Nam (35), ");
    assertThat(resolver.resolve("", "VN63").message()).isEqualTo("unknown province '' in frame VN63: nothing is"
        + " left of it after normalising");
    assertThat(resolver.resolve(null, "VN63").failure()).isEqualTo(Failure.UNKNOWN);
  }

  @Test
  void aNameCutShortWithAnEllipsisMustStartExactlyOneName() {
    ProvinceResolution r = resolver.resolve("Thái Nguyê…", "VN63");
    assertThat(r.unitCode()).isEqualTo("19");
    assertThat(r.matchedBy()).isEqualTo(MatchKind.TRUNCATED);
    // "Quảng …" starts Quảng Ninh, Quảng Bình, Quảng Trị, Quảng Nam, Quảng Ngãi.
    ProvinceResolution quang = resolver.resolve("Quảng …", "VN63");
    assertThat(quang.failure()).isEqualTo(Failure.AMBIGUOUS);
    assertThat(quang.candidates().stream().map(Unit::code)).containsExactly("22", "44", "45", "49", "51");
  }

  @Test
  void resolveAnyFrameReturnsTheFramesTheNameIsValidIn() {
    ProvinceAnyFrameResolution laoCai = resolver.resolveAnyFrame("LÀO CAI");
    assertThat(laoCai.frames()).containsExactly("VN64", "VN63", "VN34");
    assertThat(laoCai.units().get("VN63").code()).isEqualTo("10");
    assertThat(laoCai.units().get("VN34").code()).isEqualTo("15");
    assertThat(resolver.resolveAnyFrame("Yên Bái").frames()).containsExactly("VN64", "VN63");
    assertThat(resolver.resolveAnyFrame("Huế").frames()).containsExactly("VN63", "VN34");
    ProvinceAnyFrameResolution haBac = resolver.resolveAnyFrame("Hà Bắc");
    assertThat(haBac.frames()).isEmpty();
    assertThat(haBac.failures()).hasSize(3);
  }

  @Test
  void anUnknownFrameIsAUsageError() {
    assertThatThrownBy(() -> resolver.resolve("Lào Cai", "VN65"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown unit frame 'VN65'; valid frames: VN64, VN63, VN34");
  }
}
