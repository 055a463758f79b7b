package vn.provincecompare.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.provincecompare.catalog.Frame;
import vn.provincecompare.errors.DataException;

/**
 * "A mix is an error": one published table (indicator and year of one file) lands in one frame. Rows are as the
 * long CSV reader emits them for lao_cai_published_facts.csv (line 2 is the header's next line).
 */
class IngestStageFrameRuleTest {

  private static final String FILE = "data/raw/published/facts.csv";
  private static final List<Frame> FRAMES = List.of(
      new Frame("VN63", "63 provinces", LocalDate.parse("2008-08-01"), LocalDate.parse("2025-06-30"), 2008, 2025, 63),
      new Frame("VN34", "34 provinces", LocalDate.parse("2025-07-01"), null, 2024, null, 34));

  private static RawObservation fact(int line, String unit, String indicator, String year, String rank, String n,
      String frame) {
    return RawObservation.of("facts", FILE, line, "score", unit, year, indicator, "", rank, n, frame,
        indicator + "," + year + "," + unit + ",," + rank + "," + n);
  }

  private static List<Row> read(String frame, RawObservation... rows) {
    SourceSpec spec = new SourceSpec("facts", "fake", FILE, 90, frame, true, null, null, null, null, null, null,
        null, null, "test");
    IngestStage stage = new IngestStage(Map.of("fake", (s, root) -> List.of(rows)));
    return stage.readAll(new SourcesManifest(List.of(spec)), Path.of("."), FRAMES);
  }

  /** The frame column of each row read (column 13 of the raw observations table). */
  private static List<String> frames(List<Row> rows) {
    return rows.stream().map(r -> r.getString(13)).toList();
  }

  @Test
  void differentTablesOfOneFileMayBeInDifferentFramesByTheirPublishedN() {
    // lao_cai_published_facts.csv: DTI 2024 14/34 (post-merger) and PCI 2024 23/63 (on the 63).
    List<Row> rows = read(SourceSpec.FRAME_BY_PUBLISHED_N,
        fact(2, "Lào Cai", "DTI", "2024", "14", "34", SourceSpec.FRAME_BY_PUBLISHED_N),
        fact(3, "Lào Cai", "PCI", "2024", "23", "63", SourceSpec.FRAME_BY_PUBLISHED_N),
        fact(4, "Lào Cai", "DTI", "2022", "38", "63", SourceSpec.FRAME_BY_PUBLISHED_N));
    assertThat(frames(rows)).containsExactly("VN34", "VN63", "VN63");
  }

  @Test
  void oneTableWithRowsOfTwoPublishedNsStopsTheRunNamingBothFrames() {
    assertThatThrownBy(() -> read(SourceSpec.FRAME_BY_PUBLISHED_N,
        fact(2, "Lào Cai", "DTI", "2024", "14", "34", SourceSpec.FRAME_BY_PUBLISHED_N),
        fact(3, "Yên Bái", "DTI", "2024", "20", "63", SourceSpec.FRAME_BY_PUBLISHED_N)))
        .isInstanceOf(DataException.class)
        .hasMessage(FILE + ", line 3: the published table DTI 2024 has rows in two frames: VN34 (line 2) and VN63 "
            + "(line 3). A table ranks the units of one frame: give every row of it the same frame (for "
            + "by_published_n, the same published n: 63 for VN63, 34 for VN34), or make each frame's rows a "
            + "separate source in data/raw/sources.json");
  }

  @Test
  void aPerRowFrameColumnThatMixesFramesInOneTableIsAnErrorToo() {
    assertThatThrownBy(() -> read(null,
        fact(2, "Hà Nội", "PCI", "2024", "1", null, "VN34"),
        fact(3, "Lào Cai", "PCI", "2024", "2", null, "VN34"),
        fact(4, "Yên Bái", "PCI", "2024", "3", null, "VN63")))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(FILE + ", line 4: the published table PCI 2024 has rows in two frames: VN34 (line 2) "
            + "and VN63 (line 4).");
  }

  @Test
  void aRowWhosePublishedNFitsNoFrameIsLeftToTheRowChecks() {
    // 62 is no frame's unit count: no frame (quarantined later as UNKNOWN_FRAME), not a mix.
    List<Row> rows = read(SourceSpec.FRAME_BY_PUBLISHED_N,
        fact(2, "Lào Cai", "DTI", "2024", "14", "34", SourceSpec.FRAME_BY_PUBLISHED_N),
        fact(3, "Yên Bái", "DTI", "2024", "20", "62", SourceSpec.FRAME_BY_PUBLISHED_N));
    assertThat(frames(rows)).containsExactly("VN34", null);
  }
}
