package vn.provincecompare.ingest.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.excel.PublishedTiers.PublishedTier;
import vn.provincecompare.ingest.excel.TierBands.Band;
import vn.provincecompare.ingest.excel.TierBands.TierDefinition;
import vn.provincecompare.testing.SparkTestBase;

/** The published PCI tiers, and the committed {@code data/reference/bands_pci.csv} derived from them. */
class PciTierBandsTest {
  private static final Path REPO = SparkTestBase.repoRoot();
  private static final String LAYOUT = "data/raw/pci/pci_layout.csv";
  private static final String TIERS = "data/raw/pci/pci_tiers.csv";
  private static List<PublishedTier> published;
  private static List<Band> committed;

  @TempDir
  Path tmp;

  @BeforeAll
  static void read() throws IOException {
    published = PublishedTiers.read(REPO, LAYOUT);
    committed = TierBands.parseCsv(Files.readString(REPO.resolve("data/reference/bands_pci.csv")));
  }

  @Test
  void tiersArePublishedFor2005And2007And2010To2016() {
    // 2005: 42 (ranking sheet, tiers merged over groups); 2007: 64; 2010-2016: 63 each. 2006, 2008 and 2009
    // have no tier column. 42 + 64 + 7 * 63 = 547
    Map<Integer, Long> perYear = published.stream()
        .collect(Collectors.groupingBy(PublishedTier::year, TreeMap::new, Collectors.counting()));
    assertThat(perYear).containsExactly(Map.entry(2005, 42L), Map.entry(2007, 64L), Map.entry(2010, 63L),
        Map.entry(2011, 63L), Map.entry(2012, 63L), Map.entry(2013, 63L), Map.entry(2014, 63L),
        Map.entry(2015, 63L), Map.entry(2016, 63L));
    // 2005 'Xếp hạng theo chỉ số PCI': D2 "Tốt" merged over D2:D8, D9 "Khá" over D9:D21 -> row 8 is Tốt
    assertThat(published).contains(new PublishedTier(2005, "Quảng Ninh", "Tốt", 62.92828644310358,
        "data/raw/pci/PCI_2005.xls", "Xếp hạng theo chỉ số PCI!D8"));
  }

  @Test
  void theCommittedBandsReproduceEveryPublishedTier() {
    List<TierDefinition> definitions = TierBands.loadDefinitions(REPO, TIERS);
    Map<String, String> codeOfTier = definitions.stream()
        .collect(Collectors.toMap(TierDefinition::tierText, TierDefinition::bandCode));
    // 2013's tier texts are stored in NFD like its names; the definitions are NFC
    assertThat(published).allSatisfy(t -> assertThat(TierBands.bandOf(committed, t.year(), t.score()))
        .as("%s", t).map(Band::bandCode)
        .contains(codeOfTier.get(Normalizer.normalize(t.tier(), Normalizer.Form.NFC))));
  }

  @Test
  void theCommittedFileIsWhatTheExportGeneratesToday() throws IOException {
    // the same steps as PciTiersExport.bandsCsv, on the tiers this class already read
    String regenerated = TierBands.toCsv(
        TierBands.fromTiers("PCI", TierBands.loadDefinitions(REPO, TIERS), published));
    assertThat(Files.readString(REPO.resolve("data/reference/bands_pci.csv"), StandardCharsets.UTF_8))
        .isEqualTo(regenerated);
  }

  @Test
  void boundsAreTheLowestScoresOfEachTier() {
    // PCI_2016.xlsx Summary_VN, the last row of each tier (sorted by score):
    //   Rất tốt ends at row 7 (62.75870895385742); Tương đối thấp ends at row 62, Đăk Nông 53.625762939453125;
    //   Thấp ends at row 64, Cao Bằng 52.988868713378906.
    Band low2016 = band(2016, "PCI_LOW");
    assertThat(low2016.lower()).isEqualTo(52.988868713378906);
    assertThat(low2016.upper()).isEqualTo(53.625762939453125);
    assertThat(band(2016, "PCI_VERY_GOOD").lower()).isEqualTo(62.75870895385742);
    assertThat(band(2016, "PCI_VERY_GOOD").upper()).isNull();
    // 2005 has no "Rất tốt": Tốt is its best band and is open above; Tốt ends at Quảng Ninh 62.928...
    assertThat(committed.stream().filter(b -> b.firstYear() == 2005).map(Band::bandCode))
        .containsExactly("PCI_GOOD", "PCI_FAIR", "PCI_AVERAGE", "PCI_RELATIVELY_LOW", "PCI_LOW");
    assertThat(band(2005, "PCI_GOOD").lower()).isEqualTo(62.92828644310358);
    assertThat(band(2005, "PCI_GOOD").upper()).isNull();
    assertThat(band(2005, "PCI_FAIR").upper()).isEqualTo(62.92828644310358);
    // 5 (2005) + 6 (2007) + 5 (2010, no Thấp) + 5 (2011, no Thấp) + 4 (2012: Tốt..Tương đối thấp) + 4 * 6 = 49
    assertThat(committed).hasSize(49);
    assertThat(committed).allSatisfy(b -> {
      assertThat(b.indicatorCode()).isEqualTo("PCI");
      assertThat(b.basis()).isEqualTo("value");
      assertThat(b.firstYear()).isEqualTo(b.lastYear());
      assertThat(b.source()).isEqualTo("data/raw/pci/PCI_" + b.firstYear() + (b.firstYear() >= 2012 ? ".xlsx" : ".xls"));
    });
  }

  private static Band band(int year, String code) {
    return committed.stream().filter(b -> b.firstYear() == year && b.bandCode().equals(code)).findFirst()
        .orElseThrow();
  }

  @Test
  void overlappingTiersCannotBecomeBands() {
    List<TierDefinition> defs = List.of(new TierDefinition("Tốt", "PCI_GOOD", 2, "Tốt", "Good"),
        new TierDefinition("Khá", "PCI_FAIR", 3, "Khá", "Fair"));
    List<PublishedTier> tiers = List.of(new PublishedTier(2020, "A", "Tốt", 60.0, "f.xlsx", "S!Y2"),
        new PublishedTier(2020, "B", "Khá", 61.0, "f.xlsx", "S!Y3"));
    assertThatThrownBy(() -> TierBands.fromTiers("PCI", defs, tiers))
        .isInstanceOf(DataException.class)
        .hasMessage("f.xlsx, field 'S!Y3': year 2020: 'B' scores 61.0 in tier 'Khá', not below the lowest score"
            + " 60.0 of the better tier 'Tốt'; tiers must not overlap for value bands to reproduce them");
  }

  @Test
  void anUnknownTierTextIsNamed() {
    List<TierDefinition> defs = List.of(new TierDefinition("Tốt", "PCI_GOOD", 2, "Tốt", "Good"));
    List<PublishedTier> tiers = List.of(new PublishedTier(2020, "A", "Excellent", 60.0, "f.xlsx", "S!AA2"));
    assertThatThrownBy(() -> TierBands.fromTiers("PCI", defs, tiers))
        .isInstanceOf(DataException.class)
        .hasMessage("f.xlsx, field 'S!AA2': unknown tier 'Excellent'; the tier definitions know Tốt");
  }

  @Test
  void theExportWritesTheFileAndReportsBadInputWithExitCodes() throws IOException {
    // A one-year layout keeps the test fast: the 2016 PCI line of the bundled layout, pointing at the bundled
    // workbook by absolute path. Its output must be the 2016 lines of the committed file.
    String pci2016 = Files.readAllLines(REPO.resolve(LAYOUT), StandardCharsets.UTF_8).stream()
        .filter(line -> line.startsWith("2016,") && line.contains(",PCI,")).findFirst().orElseThrow()
        .replace("PCI_2016.xlsx", REPO.resolve("data/raw/pci/PCI_2016.xlsx").toAbsolutePath().toString());
    Path layout = tmp.resolve("layout.csv");
    Files.writeString(layout, Files.readAllLines(REPO.resolve(LAYOUT)).get(0) + "\n" + pci2016 + "\n");
    Path out = tmp.resolve("out/bands.csv");
    assertThat(PciTiersExport.execute("--repo", REPO.toString(), "--layout", layout.toString(),
        "--out", out.toString())).isZero();
    List<String> committedLines = Files.readAllLines(REPO.resolve("data/reference/bands_pci.csv"));
    List<String> written = Files.readAllLines(out);
    assertThat(written).containsExactlyElementsOf(Stream.concat(committedLines.stream().limit(1),
        committedLines.stream().filter(line -> line.contains(",2016,2016,"))).toList());
    assertThat(written).hasSize(7);

    assertThat(PciTiersExport.execute("--no-such-option")).isEqualTo(2);
    assertThat(PciTiersExport.execute("--repo", REPO.toString(), "--tiers", "data/raw/pci/PCI_Import.csv",
        "--layout", layout.toString(), "--out", out.toString())).isEqualTo(3);
  }
}
