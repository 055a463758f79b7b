package vn.provincecompare.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.testing.ByteMutations;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Mutation fuzzing of the CSV readers (issue 14.9), on the driver where they run: the corpus files and the
 * bundled published CSVs, each mutated by byte flips, truncation, inserted BOMs, NULs and CRs, huge fields,
 * quotes, commas and random Unicode (no-break and zero-width spaces, U+FFFD, combining marks, emoji).
 *
 * <p>The property: {@link CsvTable#parse} either returns a table or throws a {@link DataException} naming the
 * file; a table's rows are each turned by {@code long_csv} into exactly one observation (or a rejected row) and
 * by {@code wide_csv} into one per value column (or one rejected row); no other exception, ever. A fixed seed
 * and a bounded time keep it in the suite: {@code -Dreliability.fuzz.iterations=N} and
 * {@code -Dreliability.fuzz.seed=S} run a longer or another search (docs/RELIABILITY.md).
 */
class ReaderFuzzTest {
  static final long SEED = Long.getLong("reliability.fuzz.seed", 14L);
  static final int ITERATIONS = Integer.getInteger("reliability.fuzz.iterations", 3000);
  static final long BUDGET_MS = Long.getLong("reliability.fuzz.budget.ms", 20_000L);

  static List<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    Path root = SparkTestBase.repoRoot();
    for (Path dir : List.of(root.resolve("jobs/src/test/resources/bad-inputs"), root.resolve("data/raw/published"))) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
          seeds.add(Files.readAllBytes(f));
        }
      }
    }
    return seeds;
  }

  @Test
  void everyMutatedFileIsReadOrRefusedWithAMessageNamingIt() throws IOException {
    List<byte[]> seeds = seeds();
    Random r = new Random(SEED);
    SourceSpec longSpec = new SourceSpec("fuzz", "long_csv", "fuzz.csv", 10, "VN63", false, null, null, null,
        null, null, null, null, null, null);
    SourceSpec wideSpec = new SourceSpec("fuzz", "wide_csv", "fuzz.csv", 10, "VN63", false, Map.of("unit", "unit"),
        null, null, null, null, "X_", null, null, null);
    Map<String, Integer> outcomes = new TreeMap<>();
    long start = System.currentTimeMillis();
    int done = 0;
    for (; done < ITERATIONS && System.currentTimeMillis() - start < BUDGET_MS; done++) {
      byte[] bytes = seeds.get(r.nextInt(seeds.size()));
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        bytes = ByteMutations.mutate(bytes, r);
      }
      String what = "iteration " + done + " (seed " + SEED + ")";
      CsvTable table;
      try {
        table = CsvTable.parse(bytes, "fuzz.csv");
      } catch (DataException e) {
        assertThat(e.getMessage()).as(what).startsWith("fuzz.csv");
        outcomes.merge("refused", 1, Integer::sum);
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError(what + ": CsvTable.parse threw " + e, e);
      }
      outcomes.merge("parsed", 1, Integer::sum);
      try {
        List<RawObservation> out = new ArrayList<>();
        new LongCsvReader().readFile(longSpec, table, out);
        assertThat(out).as(what + ": one observation per long_csv row").hasSize(table.rows().size());
        outcomes.merge("long_csv read", 1, Integer::sum);
      } catch (DataException e) {
        assertThat(e.getMessage()).as(what).startsWith("fuzz.csv");
        outcomes.merge("long_csv refused", 1, Integer::sum);
      } catch (RuntimeException e) {
        throw new AssertionError(what + ": LongCsvReader threw " + e, e);
      }
      try {
        List<RawObservation> out = new ArrayList<>();
        new WideCsvReader().readFile(wideSpec, table, "2020", Map.of(), out);
        int values = table.header().size() - 1;
        long expected = table.rows().stream().mapToLong(row -> row.cells().size() == table.header().size()
            ? values : 1).sum();
        assertThat((long) out.size()).as(what + ": wide_csv observations").isEqualTo(expected);
        outcomes.merge("wide_csv read", 1, Integer::sum);
      } catch (DataException e) {
        assertThat(e.getMessage()).as(what).startsWith("fuzz.csv");
        outcomes.merge("wide_csv refused", 1, Integer::sum);
      } catch (RuntimeException e) {
        throw new AssertionError(what + ": WideCsvReader threw " + e, e);
      }
    }
    System.out.println("ReaderFuzzTest: " + done + " iterations in " + (System.currentTimeMillis() - start)
        + " ms, seed " + SEED + ": " + outcomes);
    assertThat(done).as("iterations within the time budget").isGreaterThanOrEqualTo(Math.min(ITERATIONS, 200));
    assertThat(outcomes).containsKeys("refused", "parsed");
  }
}
