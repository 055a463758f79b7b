package vn.provincecompare.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.cli.ProvinceCompare;
import vn.provincecompare.testing.SparkTestBase;

/**
 * A command-line run says what it is doing on stderr, stage by stage, and {@code --quiet} says nothing there (the
 * result on stdout is printed either way). On the small data of {@link SmallData} (in this package for it).
 */
class ProgressLinesTest extends SparkTestBase {
  @TempDir static Path tmp;

  record Streams(int exit, List<String> err, String out) {}

  static Streams run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = ProvinceCompare.execute(args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    return new Streams(exit, err.toString(StandardCharsets.UTF_8).lines().toList(),
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRunPrintsItsStagesAndEachTableWithItsRowCount() throws Exception {
    Path data = SmallData.create(tmp.resolve("a"), 2021, 2022);
    Streams s = run("run", "--data-dir", data.toString(), "--out", tmp.resolve("a/out").toString());
    assertThat(s.exit()).as("stderr: %s", s.err()).isZero();
    List<String> lines = s.err().stream().filter(l -> l.startsWith("[province-compare] ")).toList();
    assertThat(lines).startsWith("[province-compare] starting Spark", "[province-compare] reading 1 source",
        "[province-compare] validating 252 rows read", "[province-compare] writing table 1 of 10: indicator_values",
        "[province-compare]   indicator_values: 252 rows");
    assertThat(lines).contains("[province-compare] comparing: 7 tables",
        "[province-compare] writing table 4 of 10: rankings", "[province-compare]   rankings: 252 rows",
        "[province-compare] writing table 10 of 10: peers");
    assertThat(lines.get(lines.size() - 1)).startsWith("[province-compare] publishing run ");
    assertThat(s.out()).contains("published run ");
  }

  @Test
  void quietPrintsNoProgressLine() throws Exception {
    Path data = SmallData.create(tmp.resolve("q"), 2021, 2022);
    // ingest, not run: the same switch in Pipeline.execute silences every stage, at a third of the cost.
    Streams s = run("ingest", "--quiet", "--data-dir", data.toString(), "--out", tmp.resolve("q/out").toString());
    assertThat(s.exit()).as("stderr: %s", s.err()).isZero();
    assertThat(s.err()).noneMatch(l -> l.startsWith("[province-compare]"));
    assertThat(s.out()).contains("published run ");
  }
}
