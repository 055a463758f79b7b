package vn.provincecompare.reliability;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import vn.provincecompare.testing.SparkTestBase;

/** Where the corpus lives and how a case's data folder is laid out. */
final class BadInputCorpus {
  private BadInputCorpus() {}

  /** {@code jobs/src/test/resources/bad-inputs/} as Surefire copied it. */
  static Path dir() {
    try {
      return Path.of(Objects.requireNonNull(BadInputCorpus.class.getResource("/bad-inputs")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Files of the corpus (the layout and workbook of the empty-sheet case count as two). */
  static long fileCount() throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  /** A data folder with the bundled catalog and every corpus file under {@code raw/bad/}. */
  static Path dataFolder(Path root) throws IOException {
    Path data = root.resolve("data");
    SmallData.copyTree(SparkTestBase.repoRoot().resolve("data/reference"), data.resolve("reference"));
    SmallData.copyTree(SparkTestBase.repoRoot().resolve("data/targets"), data.resolve("targets"));
    SmallData.copyTree(dir(), data.resolve("raw/bad"));
    return data;
  }
}
