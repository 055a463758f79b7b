package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.testing.SparkTestBase;

/** Loading the bundled unit files, the accessors, and the strict checks on broken copies of the files. */
class UnitCatalogTest {

  private static final Path REFERENCE = SparkTestBase.repoRoot().resolve("data/reference");
  private static final List<String> FILES = List.of("frames.csv", "regions.csv", "units.csv", "lineage.csv",
      "aliases.csv");

  @TempDir
  Path dir;

  @Test
  void loadsTheThreeFramesOldestFirst() {
    UnitCatalog catalog = UnitCatalog.load(REFERENCE);
    assertThat(catalog.frameCodes()).containsExactly("VN64", "VN63", "VN34");
    Frame vn64 = catalog.frame("VN64").orElseThrow();
    assertThat(vn64.validTo()).isEqualTo(LocalDate.of(2008, 7, 31));
    assertThat(vn64.firstDataYear()).isEqualTo(2005);
    assertThat(vn64.lastDataYear()).isEqualTo(2008);
    Frame vn63 = catalog.frame("VN63").orElseThrow();
    assertThat(vn63.validFrom()).isEqualTo(LocalDate.of(2008, 8, 1));
    assertThat(vn63.validTo()).isEqualTo(LocalDate.of(2025, 6, 30));
    Frame vn34 = catalog.frame("VN34").orElseThrow();
    assertThat(vn34.validFrom()).isEqualTo(LocalDate.of(2025, 7, 1));
    assertThat(vn34.validTo()).isNull();
    assertThat(vn34.firstDataYear()).isEqualTo(2024);
    assertThat(vn34.lastDataYear()).isNull();
    assertThat(catalog.units("VN64")).hasSize(64);
    assertThat(catalog.units("VN63")).hasSize(63);
    assertThat(catalog.units("VN34")).hasSize(34);
    assertThat(catalog.units("VN99")).isEmpty();
    assertThat(catalog.frame("VN99")).isEmpty();
  }

  @Test
  void unitsAreLookedUpByFrameAndCode() {
    UnitCatalog catalog = UnitCatalog.load(REFERENCE);
    assertThat(catalog.unit("VN63", "10").orElseThrow())
        .isEqualTo(new Unit("VN63", "10", "Lào Cai", "Lao Cai", "Lao Cai", "province", "R1"));
    assertThat(catalog.unit("VN63", "15").orElseThrow().nameVi()).isEqualTo("Yên Bái");
    assertThat(catalog.unit("VN34", "15").orElseThrow().nameVi()).isEqualTo("Lào Cai");
    assertThat(catalog.unit("VN34", "10")).isEmpty();
    assertThat(catalog.unit("VN63", "46").orElseThrow())
        .isEqualTo(new Unit("VN63", "46", "Thừa Thiên Huế", "Thua Thien Hue", "Thua Thien Hue", "province", "R3"));
    assertThat(catalog.unit("VN34", "46").orElseThrow())
        .isEqualTo(new Unit("VN34", "46", "Huế", "Hue", "Hue", "city", "R3"));
    assertThat(catalog.unit("VN63", "79").orElseThrow().nameEn()).isEqualTo("Ho Chi Minh City");
    assertThat(catalog.unit("VN63", "01").orElseThrow().nameEn()).isEqualTo("Hanoi");
    assertThat(catalog.unit("VN64", "28").orElseThrow())
        .isEqualTo(new Unit("VN64", "28", "Hà Tây", "Ha Tay", "Ha Tay", "province", "R2"));
    assertThat(catalog.unit("VN63", "28")).isEmpty();
    // The 5 centrally-run cities of VN63; VN34 adds Huế.
    assertThat(catalog.units("VN63").stream().filter(u -> u.unitType().equals("city")).map(Unit::code))
        .containsExactly("01", "31", "48", "79", "92");
    assertThat(catalog.units("VN34").stream().filter(u -> u.unitType().equals("city")).map(Unit::code))
        .containsExactly("01", "31", "46", "48", "79", "92");
  }

  @Test
  void regionsAreTheSixSocioEconomicRegions() {
    UnitCatalog catalog = UnitCatalog.load(REFERENCE);
    assertThat(catalog.regions().stream().map(UnitRegion::code)).containsExactly("R1", "R2", "R3", "R4", "R5",
        "R6");
    assertThat(catalog.region("R2").orElseThrow())
        .isEqualTo(new UnitRegion("R2", "Đồng bằng sông Hồng", "Red River Delta"));
    assertThat(catalog.region("R7")).isEmpty();
  }

  @Test
  void lineageGivesPredecessorsAndSuccessors() {
    UnitCatalog catalog = UnitCatalog.load(REFERENCE);
    List<LineageLink> newLaoCai = catalog.predecessors("VN34", "15");
    assertThat(newLaoCai.stream().map(LineageLink::fromCode)).containsExactly("10", "15");
    assertThat(newLaoCai).allSatisfy(l -> assertThat(l.relation()).isEqualTo("merged"));
    assertThat(catalog.successor("VN63", "10").orElseThrow().toCode()).isEqualTo("15");
    assertThat(catalog.successor("VN63", "15").orElseThrow().toCode()).isEqualTo("15");
    LineageLink haTay = catalog.successor("VN64", "28").orElseThrow();
    assertThat(haTay.toFrame()).isEqualTo("VN63");
    assertThat(haTay.toCode()).isEqualTo("01");
    assertThat(haTay.relation()).isEqualTo("merged");
    assertThat(haTay.effectiveDate()).isEqualTo(LocalDate.of(2008, 8, 1));
    assertThat(catalog.predecessors("VN63", "01").stream().map(LineageLink::fromCode))
        .containsExactly("01", "28");
    assertThat(catalog.successor("VN63", "10").orElseThrow().source()).contains("202/2025/QH15");
    assertThat(catalog.successor("VN34", "15")).isEmpty();
    assertThat(catalog.predecessors("VN34", "01").stream().map(LineageLink::relation))
        .containsExactly("unchanged");
    // 64 links VN64 -> VN63 and 63 links VN63 -> VN34.
    assertThat(catalog.lineage()).hasSize(127);
  }

  @Test
  void everyAliasIsNeededBecauseNoNameNormalisesToIt() {
    UnitCatalog catalog = UnitCatalog.load(REFERENCE);
    for (UnitAlias alias : catalog.aliases()) {
      Unit unit = catalog.unit(alias.frame(), alias.code()).orElseThrow();
      List<String> nameKeys = List.of(unit.nameVi(), unit.nameAscii(), unit.nameEn()).stream()
          .map(NameNormalizer::normalize).collect(Collectors.toList());
      assertThat(nameKeys).as("alias '%s' of %s", alias.alias(), unit.label())
          .doesNotContain(NameNormalizer.normalize(alias.alias()));
      assertThat(alias.source()).isNotBlank();
    }
    assertThat(catalog.aliases("VN63").stream().map(UnitAlias::alias))
        .contains("TP.HCM", "HCMC", "BRVT", "TT-Huế", "Huế", "Bắc Cạn");
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    copyReference();
    Files.delete(dir.resolve("lineage.csv"));
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("lineage.csv") + ": reference file is missing; expected a CSV with columns "
            + "from_frame,from_code,to_frame,to_code,relation,effective_date,source");
  }

  @Test
  void aMissingColumnIsNamedWithLineOne() throws IOException {
    copyReference();
    replaceInFile("units.csv", "unit_type,region_code", "kind,region_code");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("units.csv") + ", line 1, field 'unit_type': required column 'unit_type' is"
            + " missing; the header must be unit_frame,unit_code,name_vi,name_ascii,name_en,unit_type,region_code");
  }

  @Test
  void anUnknownFrameIsNamedWithItsLine() throws IOException {
    copyReference();
    // Line 2 of units.csv is the first unit, VN64 01 Hà Nội.
    replaceInFile("units.csv", "VN64,01,Hà Nội", "VN65,01,Hà Nội");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("units.csv") + ", line 2, field 'unit_frame': unknown value 'VN65'; valid: VN34,"
            + " VN63, VN64");
  }

  @Test
  void anUnknownRegionIsNamedWithItsLine() throws IOException {
    copyReference();
    // VN63 10 Lào Cai is line 71: the header, 64 VN64 rows (lines 2-65), then VN63 01 02 04 06 08 10 on 66-71.
    replaceInFile("units.csv", "VN63,10,Lào Cai,Lao Cai,Lao Cai,province,R1",
        "VN63,10,Lào Cai,Lao Cai,Lao Cai,province,R9");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("units.csv") + ", line 71, field 'region_code': unknown value 'R9'; valid: R1,"
            + " R2, R3, R4, R5, R6");
  }

  @Test
  void aDuplicateUnitIsNamedWithBothLines() throws IOException {
    copyReference();
    // VN63 15 Yên Bái is line 75 (VN63 10, 11, 12, 14, 15 on lines 71-75); make it a second VN63 10.
    replaceInFile("units.csv", "VN63,15,Yên Bái", "VN63,10,Yên Bái");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("units.csv") + ", line 75, field 'unit_code': duplicate unit (VN63, 10) (first on"
            + " line 71)");
  }

  @Test
  void aFrameWhoseUnitCountDisagreesIsNamed() throws IOException {
    copyReference();
    replaceInFile("frames.csv", "2005,2008,64", "2005,2008,65");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("frames.csv") + ", line 2, field 'n_units': frame VN64 declares 65 units but"
            + " units.csv has 64");
  }

  @Test
  void aLineageLinkToAnUnknownUnitIsNamed() throws IOException {
    copyReference();
    // The link of VN64 28 (Hà Tây) is line 20 of lineage.csv: codes 01..27 of VN64 take lines 2-19.
    replaceInFile("lineage.csv", "VN64,28,VN63,01", "VN64,28,VN63,28");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("lineage.csv") + ", line 20, field 'to_code': unit (VN63, 28) is not in units.csv");
  }

  @Test
  void aBadDateAndABadRelationAreNamed() throws IOException {
    copyReference();
    replaceInFile("lineage.csv", "VN64,28,VN63,01,merged,2008-08-01", "VN64,28,VN63,01,merged,1/8/2008");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("lineage.csv") + ", line 20, field 'effective_date': '1/8/2008' is not a date;"
            + " expected YYYY-MM-DD");
    copyReference();
    replaceInFile("lineage.csv", "VN64,28,VN63,01,merged", "VN64,28,VN63,01,absorbed");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("lineage.csv") + ", line 20, field 'relation': unknown value 'absorbed'; valid:"
            + " merged, unchanged");
  }

  @Test
  void anAliasOfAnUnknownUnitIsNamed() throws IOException {
    copyReference();
    // BRVT is not a VN34 unit: Bà Rịa - Vũng Tàu merged into Hồ Chí Minh. Line 11 is "BRVT,VN64,77".
    replaceInFile("aliases.csv", "BRVT,VN64,77", "BRVT,VN34,77");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("aliases.csv") + ", line 11, field 'unit_code': unit (VN34, 77) is not in"
            + " units.csv");
  }

  @Test
  void aDecomposedNameIsRejected() throws IOException {
    copyReference();
    replaceInFile("units.csv", "VN63,10,Lào Cai", "VN63,10,La\u0300o Cai");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("units.csv") + ", line 71, field 'name_vi': 'La\u0300o Cai' is not in Unicode"
            + " NFC; write it composed (Lào Cai)");
  }

  @Test
  void aBlankRequiredFieldIsNamed() throws IOException {
    copyReference();
    replaceInFile("units.csv", "VN63,10,Lào Cai,Lao Cai,Lao Cai,province", "VN63,10,Lào Cai,Lao Cai,,province");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("units.csv") + ", line 71, field 'name_en': is blank; a value is required");
  }

  @Test
  void anUnexpectedColumnIsNamed() throws IOException {
    copyReference();
    replaceInFile("regions.csv", "region_code,name_vi,name_en", "region_code,name_vi,name_en,note");
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("regions.csv") + ", line 1, field 'note': unexpected column 'note'; the header"
            + " must be region_code,name_vi,name_en");
  }

  @Test
  void aFileThatIsNotUtf8IsNamed() throws IOException {
    copyReference();
    // "Hà" written in Latin-1: the byte 0xE0 for à starts a 3-byte UTF-8 sequence that never continues.
    byte[] head = "region_code,name_vi,name_en\nR1,H".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ",X\n".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xE0;
    System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
    Files.write(dir.resolve("regions.csv"), bytes);
    assertThatThrownBy(() -> UnitCatalog.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("regions.csv") + ": is not valid UTF-8; save it as UTF-8");
  }

  private void copyReference() throws IOException {
    for (String file : FILES) {
      Files.copy(REFERENCE.resolve(file), dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void replaceInFile(String file, String from, String to) throws IOException {
    Path path = dir.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    assertThat(text).as("fixture text in %s", file).contains(from);
    Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
  }
}
