package vn.provincecompare.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.provincecompare.cli.ProvinceCompare;

/**
 * The file-level half of the bad-input corpus: each case is a sources manifest naming one unusable file, run
 * through the command line ({@code ingest}); the exit code must be 3, the message must name the file (and line
 * and field where there is one) and say what would be valid, and nothing may be published.
 */
class BadInputFatalCasesTest {
  @TempDir static Path tmp;
  static Path data;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldErr;
  private PrintStream oldOut;

  /** A fatal case: the manifest entry's format and path, and the whole error line the CLI must print. */
  record Fatal(String name, String format, String path, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String F = "data/raw/bad/";
  static final String P = "province-compare: data error: ";

  static List<Fatal> cases() {
    return List.of(
        csv("fatal-empty.csv", F + "fatal-empty.csv: the file is empty; expected a header row and data rows"),
        csv("fatal-blank-lines-only.csv",
            F + "fatal-blank-lines-only.csv: the file is empty; expected a header row and data rows"),
        csv("fatal-header-only.csv", F + "fatal-header-only.csv, line 1: the file has a header but no data rows"),
        csv("fatal-truncated-quote.csv", F + "fatal-truncated-quote.csv: cannot be parsed as CSV (truncated file "
            + "or unbalanced quotes?)"),
        // The first bad byte of each, found with Python's bytes.decode('utf-8') (UnicodeDecodeError.start).
        csv("fatal-windows-1258.csv", F + "fatal-windows-1258.csv, line 2: is not UTF-8 text (first bad byte 0xE0, "),
        csv("fatal-utf16.csv", F + "fatal-utf16.csv, line 1: is not UTF-8 text (first bad byte 0xFF, byte 1 of the "
            + "file; binary, or saved in another encoding such as Windows-1258); save it as UTF-8 CSV"),
        csv("fatal-binary-garbage.csv", F + "fatal-binary-garbage.csv, line 2: is not UTF-8 text (first bad byte 0x80"),
        // Three UTF-8 lines, then 'Thái Bình' in Windows-1258 (0xE1 for á) on line 4: byte 88 of the file.
        csv("fatal-windows-1258-late-line.csv", F + "fatal-windows-1258-late-line.csv, line 4: is not UTF-8 text "
            + "(first bad byte 0xE1, byte 88 of the file; binary, or saved in another encoding such as "
            + "Windows-1258); save it as UTF-8 CSV"),
        // Two columns named 'value': which one holds the value cannot be known.
        csv("fatal-duplicate-column.csv", F + "fatal-duplicate-column.csv, line 1, field 'value': the header names "
            + "column 'value' twice (columns 4 and 5 of 5); rename or remove one of them"),
        // 'indicator<U+00A0>' and 'indicator' are one name once the padding is removed, as the reader does.
        csv("fatal-duplicate-column-padded.csv", F + "fatal-duplicate-column-padded.csv, line 1, field 'indicator': "
            + "the header names column 'indicator' twice (columns 3 and 4 of 5); rename or remove one of them"),
        csv("fatal-semicolon.csv", F + "fatal-semicolon.csv, line 1: the header has one column but contains ';': "
            + "the file looks delimited by that character; expected comma-separated values"),
        csv("fatal-tab.csv", F + "fatal-tab.csv, line 1: the header has one column but contains '\\t': the file "
            + "looks delimited by that character; expected comma-separated values"),
        csv("fatal-missing-year-column.csv", F + "fatal-missing-year-column.csv, line 1, field 'year': required "
            + "column 'year' (year) is missing; the header has [unit, indicator, value]"),
        csv("fatal-no-value-column.csv", F + "fatal-no-value-column.csv, line 1, field 'value': neither a value nor "
            + "a published_rank column; the header has [unit, year, indicator, score_2019]"),
        csv("fatal-html-page.csv", F + "fatal-html-page.csv: this is an HTML/XML page, not CSV (a download that "
            + "saved the web page?)"),
        csv("fatal-xlsx-saved-as.csv", F + "fatal-xlsx-saved-as.csv: this is a spreadsheet (xls/xlsx), not CSV; "
            + "use an excel_layout source"),
        new Fatal("missing file", "long_csv", F + "no-such-file.csv", F + "no-such-file.csv: file not found"),
        new Fatal("empty-sheet.xlsx", "excel_layout", F + "empty-sheet-layout.csv", F + "empty-sheet.xlsx, line 2, "
            + "field 'PCI 2016!B2': sheet 'PCI 2016' does not look like the layout says (" + F
            + "empty-sheet-layout.csv line 2, field 'header_text'): expected the header cell PCI 2016!B2 to contain 'PCI' but it reads ''"));
  }

  /** Issue 14.7: paths that leave the data folder, refused before any data is read (the file is never opened). */
  static List<Fatal> outside() {
    String leaves = "leaves the data folder ";
    return List.of(
        new Fatal("path climbing out", "long_csv", "data/../outside/scores.csv", "manifests/sources-path_climbing_out"
            + ".json, field 'path': source 'path_climbing_out': 'path' 'data/../outside/scores.csv' " + leaves),
        new Fatal("absolute path outside", "long_csv", "/etc/passwd", "manifests/sources-absolute_path_outside.json, "
            + "field 'path': source 'absolute_path_outside': 'path' '/etc/passwd' " + leaves),
        new Fatal("symbolic link out", "long_csv", F + "link-out.csv", "manifests/sources-symbolic_link_out.json, "
            + "field 'path': source 'symbolic_link_out': 'path' '" + F + "link-out.csv' leads out of the data folder "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outside")
  void aPathOutOfTheDataFolderStopsTheRunWithExitThreeNamingSourceAndManifest(Fatal c) throws IOException {
    aFileThatCannotBeUsedStopsTheRunWithExitThreeAndSaysWhy(c);
  }

  static Fatal csv(String file, String message) {
    return new Fatal(file, "long_csv", F + file, message);
  }

  @BeforeAll
  static void corpus() throws IOException {
    data = BadInputCorpus.dataFolder(tmp);
    // A good file outside the data folder, and a link to it from inside.
    Path outside = Files.createDirectories(tmp.resolve("outside")).resolve("scores.csv");
    Files.writeString(outside, "unit,year,indicator,value\nĐồng Nai,2019,PAR_INDEX,81.2\n", StandardCharsets.UTF_8);
    Files.createSymbolicLink(data.resolve("raw/bad/link-out.csv"), outside);
  }

  @BeforeEach
  void capture() {
    oldErr = System.err;
    oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
    System.setOut(oldOut);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFileThatCannotBeUsedStopsTheRunWithExitThreeAndSaysWhy(Fatal c) throws IOException {
    String id = c.name().replaceAll("[^a-z0-9]+", "_");
    // Manifest and output in sibling folders: an --out beside the manifest would be inside an input folder.
    Path sources = tmp.resolve("manifests/sources-" + id + ".json");
    Files.createDirectories(sources.getParent());
    Files.writeString(sources, "{\"sources\": [{\"source_id\": \"" + id + "\", \"format\": \"" + c.format()
        + "\", \"path\": \"" + c.path() + "\", \"priority\": 10, \"frame\": \"VN63\"}]}");
    Path out = tmp.resolve("outs/" + id);
    int exit = ProvinceCompare.execute("ingest", "--data-dir", data.toString(), "--sources", sources.toString(),
        "--out", out.toString());
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(stderr).isEqualTo(3);
    // Spark may log a warning first; the CLI's own line starts with its name.
    assertThat(stderr.lines().filter(l -> l.startsWith("province-compare:")).findFirst().orElse(stderr))
        .startsWith(P + c.message());
    // Nothing was published and nothing staged is left.
    assertThat(out.resolve("CURRENT")).doesNotExist();
    try (var runs = Files.list(out.resolve("runs"))) {
      assertThat(runs).isEmpty();
    }
  }

  @Test
  void theCorpusHoldsAtLeastFortyFiles() throws IOException {
    // 41 row-level files (BadInputRowCasesTest) + 17 fatal files here + the empty sheet's layout = 59.
    assertThat(BadInputCorpus.fileCount()).isEqualTo(59);
  }
}
