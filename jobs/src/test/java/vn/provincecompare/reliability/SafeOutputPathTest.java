package vn.provincecompare.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.cli.ProvinceCompare;
import vn.provincecompare.testing.SparkTestBase;

/**
 * {@code --out} pointing where the tool must never write is refused with exit 2 and a message saying why, before
 * anything is created or deleted: each case compares the directory's listing before and after.
 */
class SafeOutputPathTest {
  @TempDir static Path tmp;
  static Path data;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldErr;

  @BeforeAll
  static void smallData() throws IOException {
    data = SmallData.create(tmp.resolve("copy"), 2021, 2021);
  }

  @BeforeEach
  void capture() {
    oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
  }

  private int ingestInto(Path dataDir, Path out) {
    return ProvinceCompare.execute("ingest", "--data-dir", dataDir.toString(), "--out", out.toString());
  }

  private String firstErrorLine() {
    return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aNonEmptyDirectoryTheToolDidNotCreate() throws IOException {
    Path mine = tmp.resolve("reports");
    Files.createDirectories(mine.resolve("runs"));
    Files.writeString(mine.resolve("CURRENT"), "not ours\n");
    Files.writeString(mine.resolve("runs/keep.txt"), "precious");
    assertThat(ingestInto(data, mine)).isEqualTo(2);
    assertThat(firstErrorLine()).isEqualTo("province-compare: --out " + mine + " is a non-empty directory that "
        + "province-compare did not create (no .province-compare-output file in it); refusing to write there. "
        + "Choose a new or empty directory, e.g. --out out/");
    // Even a directory that looks like ours (CURRENT, runs/) is left alone without the marker.
    assertThat(listing(mine)).containsExactly("CURRENT", "runs");
    assertThat(Files.readString(mine.resolve("runs/keep.txt"))).isEqualTo("precious");
  }

  @Test
  void theFileSystemRoot() throws IOException {
    List<String> before = listing(Paths.get("/"));
    assertThat(ingestInto(data, Paths.get("/"))).isEqualTo(2);
    assertThat(firstErrorLine()).isEqualTo("province-compare: --out / is the file-system root; choose a directory "
        + "of its own");
    assertThat(listing(Paths.get("/"))).isEqualTo(before);
  }

  @Test
  void theHomeDirectory() throws IOException {
    Path home = Paths.get(System.getProperty("user.home")).toAbsolutePath().normalize();
    List<String> before = listing(home);
    assertThat(ingestInto(data, home)).isEqualTo(2);
    assertThat(firstErrorLine()).isEqualTo("province-compare: --out " + home + " is your home directory; choose a "
        + "directory of its own, e.g. " + home.resolve("province-compare-out"));
    assertThat(listing(home)).isEqualTo(before);
  }

  @Test
  void theInputDataDirectoryItself() throws IOException {
    List<String> before = listing(data);
    assertThat(ingestInto(data, data)).isEqualTo(2);
    assertThat(firstErrorLine()).isEqualTo("province-compare: --out " + data + " is inside the input data directory "
        + data + "; outputs never go where inputs live");
    assertThat(listing(data)).isEqualTo(before);
  }

  @Test
  void aPathInsideTheRepositorysRawDataEvenWhenAnotherDataFolderIsRead() throws IOException {
    // The input is a copy elsewhere, so data/raw is no input of this run; it is still the repository's data.
    Path raw = SparkTestBase.repoRoot().resolve("data/raw").toAbsolutePath().normalize();
    Path out = raw.resolve("pc-out");
    List<String> before = listing(raw);
    try {
      assertThat(ingestInto(data, out)).isEqualTo(2);
      assertThat(firstErrorLine()).isEqualTo("province-compare: --out " + out + " is inside the data folder "
          + raw.getParent() + " (it holds raw/sources.json); outputs never go where inputs live");
      assertThat(listing(raw)).isEqualTo(before);
    } finally {
      // Had the guard failed, the run would have created this directory: remove only what it made.
      if (!before.contains("pc-out") && Files.exists(out)) {
        try (Stream<Path> walk = Files.walk(out)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  @Test
  void aPathInsideTheInputDataDirectory() throws IOException {
    List<String> before = listing(data.resolve("raw"));
    Path out = data.resolve("raw/out");
    assertThat(ingestInto(data, out)).isEqualTo(2);
    assertThat(firstErrorLine()).isEqualTo("province-compare: --out " + out + " is inside the input data directory "
        + data + "; outputs never go where inputs live");
    assertThat(listing(data.resolve("raw"))).isEqualTo(before);
  }
}
