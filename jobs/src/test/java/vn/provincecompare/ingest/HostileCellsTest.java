package vn.provincecompare.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.catalog.Catalog;
import vn.provincecompare.catalog.IndicatorTables;
import vn.provincecompare.catalog.UnitTables;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Cells as other tools write them (issue 14), through one ingest over the bundled catalog: each row's fate is
 * written beside it. Line numbers are the obs ids, so a failure names the row.
 */
class HostileCellsTest extends SparkTestBase {
  @TempDir static Path tmp;
  private static final List<Row> RAW = new ArrayList<>();
  private static TreeMap<Integer, String> fate;
  private static Map<Integer, String> messages;
  private static Map<Integer, Double> accepted;
  private static Map<Integer, String> yearRankN;
  private static Map<String, Long> dq;

  private static void row(int line, String unit, String year, String indicator, String value, String rank,
      String n, String frame) {
    RAW.add(RowFactory.create((long) line, "hostile", 10, false, "raw/hostile.csv", line, "value", unit, year,
        indicator, value, rank, n, frame, "row " + line, null, null));
  }

  private static void row(int line, String year, String indicator, String value) {
    row(line, "Lào Cai", year, indicator, value, null, null, "VN63");
  }

  @BeforeAll
  static void ingest() throws IOException {
    // Class 1: non-finite numbers. Double.parseDouble("1e400") is Infinity without an error.
    row(1, "2024", "OP_PROCESSING_TIME", "1e400");                  // NON_NUMERIC: overflow, no scale_max
    row(2, "2023", "OP_PROCESSING_TIME", "-1e400");                 // NON_NUMERIC
    row(3, "2022", "OP_PUBLIC_SERVICE_UNITS", "9".repeat(400));     // NON_NUMERIC: 400 digits overflow too
    row(4, "2021", "OP_PUBLIC_SERVICE_UNITS", "NaN");               // NON_NUMERIC (pandas, numpy)
    row(5, "2020", "OP_PUBLIC_SERVICE_UNITS", "Infinity");          // NON_NUMERIC (Java, JavaScript)
    row(6, "2019", "OP_PUBLIC_SERVICE_UNITS", "-Inf");              // NON_NUMERIC (R)
    row(7, "2018", "OP_PUBLIC_SERVICE_UNITS", "1.#INF");            // NON_NUMERIC (old Excel / MSVC)
    row(8, "2017", "OP_PUBLIC_SERVICE_UNITS", "∞");                 // NON_NUMERIC
    row(9, "2016", "OP_PROCESSING_TIME", "-3");                     // OFF_SCALE: days cannot be negative (min 0)
    row(10, "2015", "OP_PROCESSING_TIME", "1.7976931348623157e308"); // accepted: the largest finite double

    // Class 4: numbers and years as other tools write them; padding is not part of a value.
    row(20, "2024.0", "PAR_INDEX", "80.5");                         // accepted: pandas writes years as floats
    row(21, "\u00A02023\u00A0", "PAR_INDEX", "81.5");                // accepted: no-break spaces around the year
    row(22, "2022", "PAR_INDEX", "88.5\u00A0");                      // accepted 88.5 (Word)
    row(23, "2021", "PAR_INDEX", "\u202F77.25");                     // accepted 77.25 (narrow no-break space)
    row(24, "2020", "PAR_INDEX", "\u200B66.0\u200B");                // accepted 66.0 (zero-width spaces, web copy)
    row(25, "2019", "PAR_INDEX", "\t55.5\t");                        // accepted 55.5 (tabs)
    row(26, "Lào Cai", "2018", "PAR_INDEX", "70", "26.0", "63.0", "VN63"); // accepted, rank 26 of 63
    row(27, "2017", "OP_PUBLIC_SERVICE_UNITS", "1\u202F234");        // NON_NUMERIC, the U+202F shown
    row(28, "2024.5", "PAR_INDEX", "60");                           // BAD_YEAR: a float that is no integer
    row(29, "Lào Cai", "20x1", "PAR_INDEX", "61", "20", "63", null); // BAD_YEAR, not UNKNOWN_FRAME (by n)
    row(30, "2016", "PAR_INDEX", "88.5\u00A0x");                      // NON_NUMERIC, the U+00A0 shown

    // Class 2: ranks and n against the frame's unit count (VN63 has 63 units, VN34 34: frames.csv).
    row(40, "Hà Giang", "2019", "PAR_INDEX", "80", "64", null, "VN63");  // BAD_RANK: 64 > 63 units, no n given
    row(41, "Hà Giang", "2020", "PAR_INDEX", "80", "12", "62", "VN63");  // BAD_RANK: n 62 is not VN63's 63
    row(42, "Lào Cai", "2024", "DTI", "0.5", "35", null, "VN34");        // BAD_RANK: 35 > 34 units
    row(43, "Lào Cai", "2024", "PAPI", "40", "34", "34", "VN34");        // accepted: 34 of 34
    row(44, "Hà Giang", "2021", "PAR_INDEX", "80", "63", "63", "VN63");  // accepted: last of 63
    // Class 3: the run's year is fixed at 2026 below; VN34 has no last data year.
    row(50, "Lào Cai", "2031", "DTI", "0.6", null, null, "VN34");        // FUTURE_YEAR
    row(51, "Lào Cai", "2099", "PAPI", "41", null, null, "VN34");        // FUTURE_YEAR
    row(52, "Lào Cai", "2027", "PAR_INDEX", "81", null, null, "VN34");   // FUTURE_YEAR: next year too
    row(53, "Lào Cai", "2026", "PAR_INDEX", "82", null, null, "VN34");   // accepted: this year
    row(54, "Hà Giang", "2031", "PAR_INDEX", "80", null, null, "VN63");  // YEAR_OUTSIDE_FRAME (VN63 ends 2025)

    // Issue 13.6: one row failing two checks; the first decides, both are counted.
    row(60, "Lào Cai", "2013", "PAR_INDEX", "145", "0", "63", "VN63");   // OFF_SCALE, also BAD_RANK

    Catalog catalog = Catalog.load(repoRoot().resolve("data"));
    // Class 5: a frame cell in another case or with spaces is read; an unknown one is quarantined with its line.
    // Lines 2-9 of frames.csv are keys 1002-1009 below.
    Files.writeString(tmp.resolve("frames.csv"), "unit,year,indicator,value,unit_frame\n"
        + "Yên Bái,2012,PAR_INDEX,70.1,vn63\n"          // 2: accepted in VN63
        + "Yên Bái,2013,PAR_INDEX,70.2, VN63\n"         // 3: accepted
        + "Yên Bái,2014,PAR_INDEX,70.3,VN 63\n"         // 4: accepted
        + "Yên Bái,2015,PAR_INDEX,70.4,VN63\u00A0\n"    // 5: accepted
        + "Yên Bái,2016,PAR_INDEX,70.5,\n"              // 6: accepted in the source's frame, VN63
        + "Yên Bái,2017,PAR_INDEX,70.6,VN36\n"          // 7: UNKNOWN_FRAME, not a usage error for the run
        + "Lào Cai,2024,DTI,0.5,vn34\n"                 // 8: accepted in VN34 (new Lào Cai)
        + "Yên Bái,2018,PAR_INDEX,70.8,VN-63\n",        // 9: UNKNOWN_FRAME
        StandardCharsets.UTF_8);
    SourceSpec frameSource = new SourceSpec("frames", "long_csv", "frames.csv", 20, "VN63", false, null, null,
        null, null, null, null, null, null, "frame cells");
    for (Row r : new IngestStage(Readers.all()).readAll(new SourcesManifest(List.of(frameSource)), tmp,
        catalog.units().frames())) {
      Object[] cells = new Object[r.length()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = r.get(i);
      }
      cells[0] = 1000L + r.getInt(5);
      RAW.add(RowFactory.create(cells));
    }
    IngestStage.CatalogView view = new IngestStage.CatalogView(catalog.resolver(),
        UnitTables.frames(spark, catalog.units()), IndicatorTables.indicators(spark, catalog.indicators()),
        catalog.indicatorLookup(), catalog.alwaysMissingCodes(), catalog.offScaleMissingNumbers(),
        catalog.derivationLevels());
    IngestStage.Result result = new IngestStage(Readers.all()).run(spark, view, RAW, 2026);
    fate = new TreeMap<>();
    messages = new TreeMap<>();
    accepted = new TreeMap<>();
    yearRankN = new TreeMap<>();
    for (Row q : result.quarantine().collectAsList()) {
      int key = q.<Integer>getAs("line") + ("frames".equals(q.getAs("source_id")) ? 1000 : 0);
      fate.put(key, q.getAs("reason_code"));
      messages.put(key, q.getAs("message"));
    }
    for (Row v : result.indicatorValues().filter(col("source_id").isin("hostile", "frames")).collectAsList()) {
      if ("frames".equals(v.getAs("source_id"))) {
        fate.put(1000 + v.<Integer>getAs("source_line"), "accepted " + v.getAs("unit_frame"));
        continue;
      }
      fate.put(v.<Integer>getAs("source_line"), "accepted");
      accepted.put(v.<Integer>getAs("source_line"), v.getAs("value"));
      yearRankN.put(v.<Integer>getAs("source_line"), v.getAs("year") + " " + v.getAs("published_rank") + "/"
          + v.getAs("published_n"));
    }
    assertThat(result.accounting().balances()).isTrue();
    dq = new TreeMap<>();
    for (Row d : result.dqResults(spark).collectAsList()) {
      dq.put(d.getAs("check_name"), d.getAs("failed_count"));
    }
  }

  private static Map<Integer, String> fates(int from, int to) {
    return new TreeMap<>(fate.subMap(from, to + 1));
  }

  @Test
  void nonFiniteNumbersAreNotNumbersOnEveryIndicator() {
    assertThat(fates(1, 10)).containsExactlyEntriesOf(new TreeMap<>(Map.of(1, "NON_NUMERIC", 2, "NON_NUMERIC",
        3, "NON_NUMERIC", 4, "NON_NUMERIC", 5, "NON_NUMERIC", 6, "NON_NUMERIC", 7, "NON_NUMERIC", 8, "NON_NUMERIC",
        9, "OFF_SCALE", 10, "accepted")));
    assertThat(messages.get(1)).isEqualTo("field 'value': value '1e400' is not a finite number: it is beyond the "
        + "range of a double (about 1.8e308); a corrupted or mis-exported cell?");
    assertThat(messages.get(9)).startsWith("field 'value': value '-3' is off the scale 0.0- of OP_PROCESSING_TIME");
    assertThat(accepted.get(10)).isEqualTo(Double.MAX_VALUE);
  }

  @Test
  void numbersAndYearsAsOtherToolsWriteThemAreReadAndInvisibleCharactersShown() {
    assertThat(fates(20, 30)).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(Map.entry(20, "accepted"),
        Map.entry(21, "accepted"), Map.entry(22, "accepted"), Map.entry(23, "accepted"), Map.entry(24, "accepted"),
        Map.entry(25, "accepted"), Map.entry(26, "accepted"), Map.entry(27, "NON_NUMERIC"),
        Map.entry(28, "BAD_YEAR"), Map.entry(29, "BAD_YEAR"), Map.entry(30, "NON_NUMERIC"))));
    assertThat(List.of(accepted.get(22), accepted.get(23), accepted.get(24), accepted.get(25)))
        .containsExactly(88.5, 77.25, 66.0, 55.5);
    assertThat(List.of(yearRankN.get(20), yearRankN.get(21), yearRankN.get(26)))
        .containsExactly("2024 null/null", "2023 null/null", "2018 26/63");
    assertThat(messages.get(27)).isEqualTo("field 'value': value '1<U+202F>234' is not a number (expected e.g. "
        + "64.5: a '.' decimal separator, no thousands separator, no % sign)");
    assertThat(messages.get(30)).contains("value '88.5<U+00A0>x' is not a number");
    assertThat(messages.get(28)).startsWith("year '2024.5' is not a four-digit year");
  }

  @Test
  void aFrameByPublishedNReadsTheYearAndNAsTheRowChecksDo() {
    List<vn.provincecompare.catalog.Frame> frames = Catalog.load(repoRoot().resolve("data")).units().frames();
    // VN63: 63 units, data years 2008-2025; VN34: 34 units from 2024.
    assertThat(FramePlacement.frameByPublishedN(frames, "63.0", "2021\u00A0")).isEqualTo("VN63");
    assertThat(FramePlacement.frameByPublishedN(frames, "\u202F34", "2024.0")).isEqualTo("VN34");
    assertThat(FramePlacement.frameByPublishedN(frames, "63", "20x1")).isNull();
  }

  @Test
  void aFrameCellIsReadWhereUnambiguousAndQuarantinedWithItsLineOtherwise() {
    assertThat(fates(1002, 1009)).containsExactlyEntriesOf(new TreeMap<>(Map.of(1002, "accepted VN63",
        1003, "accepted VN63", 1004, "accepted VN63", 1005, "accepted VN63", 1006, "accepted VN63",
        1007, "UNKNOWN_FRAME", 1008, "accepted VN34", 1009, "UNKNOWN_FRAME")));
    assertThat(messages.get(1007)).startsWith("unit frame 'VN36' could not be determined or is not one of "
        + "data/reference/frames.csv (VN64, VN63, VN34)");
  }

  @Test
  void ranksAndNAreCheckedAgainstTheFramesUnitCount() {
    assertThat(fates(40, 44)).containsExactlyEntriesOf(new TreeMap<>(Map.of(40, "BAD_RANK", 41, "BAD_RANK",
        42, "BAD_RANK", 43, "accepted", 44, "accepted")));
    assertThat(messages.get(40)).isEqualTo("field 'value': published rank '64' is above the 63 units of frame VN63 "
        + "in 2019");
    assertThat(messages.get(41)).isEqualTo("field 'value': published n '62' is not the 63 units of frame VN63 in "
        + "2020 (data/reference/frames.csv); a ranking of the frame counts all its units");
    assertThat(messages.get(42)).isEqualTo("field 'value': published rank '35' is above the 34 units of frame VN34 "
        + "in 2024");
  }

  @Test
  void observationsDatedAfterTheRunAreQuarantined() {
    assertThat(fates(50, 54)).containsExactlyEntriesOf(new TreeMap<>(Map.of(50, "FUTURE_YEAR", 51, "FUTURE_YEAR",
        52, "FUTURE_YEAR", 53, "accepted", 54, "YEAR_OUTSIDE_FRAME")));
    assertThat(messages.get(50)).isEqualTo("year 2031 is after the year of this run (2026): an observation cannot "
        + "be dated in the future (a typo? targets go in data/targets/)");
  }

  @Test
  void everyCheckCountsEveryRowItFailsAndTheQuarantineRowNamesEveryReason() {
    assertThat(fate.get(60)).isEqualTo("OFF_SCALE");
    assertThat(messages.get(60)).isEqualTo("field 'value': value '145' is off the scale 0.0-100.0 of PAR_INDEX (a "
        + "0-1 share where 0-100 is expected, or the reverse?) (also fails: BAD_RANK)");
    // BAD_RANK: rows 40, 41, 42 (their reason) + row 60 (reason OFF_SCALE) = 4; OFF_SCALE: rows 9 and 60 = 2.
    // FUTURE_YEAR: rows 50-52 + row 54 (2031 in VN63, reason YEAR_OUTSIDE_FRAME) = 4; YEAR_OUTSIDE_FRAME: row 54.
    // UNKNOWN_FRAME: frames.csv lines 7 and 9; row 29 (no frame because of its year) is BAD_YEAR only.
    assertThat(dq).containsEntry("BAD_RANK", 4L).containsEntry("OFF_SCALE", 2L).containsEntry("FUTURE_YEAR", 4L)
        .containsEntry("YEAR_OUTSIDE_FRAME", 1L).containsEntry("UNKNOWN_FRAME", 2L);
  }
}
