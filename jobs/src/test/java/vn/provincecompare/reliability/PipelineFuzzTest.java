package vn.provincecompare.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.catalog.Indicator;
import vn.provincecompare.catalog.IndicatorCatalog;
import vn.provincecompare.cli.ProvinceCompare;
import vn.provincecompare.testing.ByteMutations;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Whole-pipeline fuzzing (issue 14.9): the real job ({@code run} through the command line's {@code execute}, in
 * this JVM) on a small data folder whose raw files are mutated: a long CSV (the crash chain's scores, or a corpus
 * file), the bundled DTI 2022 ranking and the PAPI panel's 2024 file with its codebook. Each trial mutates one of
 * them 1-3 times ({@link ByteMutations}: bit flips, truncation, BOM/NUL/CR, huge fields, random Unicode, numbers
 * as other tools write them, whole cells replaced by names and numbers in other scripts and spellings).
 *
 * <p>The property: exit 0 with read = accepted + quarantined in {@code manifest.json} and every value of
 * {@code indicator_values} finite and within its indicator's declared scale and plausible range; or exit 3 with a
 * message naming the mutated file. Never exit 1 or 2, never a stack trace. A fixed seed and a few trials in the
 * suite (an ingest costs 5-15 s here), running {@code ingest}; {@code -Dfuzz.trials=N}, {@code -Dfuzz.seed=S}
 * and {@code -Dfuzz.command=run} (ingest + compare, so that no compare step may crash on what ingest let
 * through) run a longer search (docs/RELIABILITY.md).
 */
class PipelineFuzzTest extends SparkTestBase {
  static final long SEED = Long.getLong("fuzz.seed", 14L);
  static final int TRIALS = Integer.getInteger("fuzz.trials", 2);
  /** {@code ingest} (the readers, row checks and the ingest tables) or {@code run} (ingest + compare). */
  static final String COMMAND = System.getProperty("fuzz.command", "ingest");

  @TempDir static Path tmp;

  /** A file the trials mutate: where it goes in the data folder and the bytes it starts from. */
  record Target(String path, List<byte[]> seeds) {}

  @Test
  void everyMutatedRunExitsCleanlyAndAccountsForEveryRow() throws IOException {
    Path root = repoRoot();
    Path data = SmallData.create(tmp, 2023, 2023);
    Path raw = data.resolve("raw");
    Files.createDirectories(raw.resolve("papi-panel"));
    Files.copy(root.resolve("data/raw/published/dti_2022_ranking_dti_gov_vn.csv"), raw.resolve("dti.csv"));
    Files.copy(root.resolve("data/raw/papi-panel/2024.csv"), raw.resolve("papi-panel/2024.csv"));
    Files.copy(root.resolve("data/raw/papi-panel/codebook_provinces.csv"),
        raw.resolve("papi-panel/codebook_provinces.csv"));
    // The manifest outside the data folder: it is an input too, fingerprinted like the data (issue 14.7).
    Path sources = Files.createDirectories(tmp.resolve("manifest")).resolve("sources.json");
    Files.writeString(sources, """
        {"sources": [
          {"source_id": "scores", "format": "long_csv", "path": "data/raw/scores.csv", "priority": 10, "frame": "VN63"},
          {"source_id": "dti", "format": "long_csv", "path": "data/raw/dti.csv", "priority": 30, "frame": "VN63",
           "rounded_values": true, "columns": {"unit": "province", "value": "score", "published_rank": "rank"},
           "constants": {"indicator": "DTI", "year": "2022", "published_n": "63"}},
          {"source_id": "papi_panel", "format": "wide_csv", "path": "data/raw/papi-panel/20[0-9][0-9].csv",
           "year_from_filename": "^(\\\\d{4})\\\\.csv$", "priority": 25, "frame": "VN63",
           "columns": {"unit": "Province"}, "unit_codebook": "data/raw/papi-panel/codebook_provinces.csv",
           "indicator_prefix": "PAPI_"}
        ]}
        """, StandardCharsets.UTF_8);

    List<byte[]> longSeeds = new ArrayList<>();
    longSeeds.add(Files.readAllBytes(raw.resolve("scores.csv")));
    try (Stream<Path> corpus = Files.list(BadInputCorpus.dir())) {
      for (Path f : corpus.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        longSeeds.add(Files.readAllBytes(f));
      }
    }
    List<Target> targets = List.of(new Target("raw/scores.csv", longSeeds),
        new Target("raw/dti.csv", List.of(Files.readAllBytes(raw.resolve("dti.csv")))),
        new Target("raw/papi-panel/2024.csv", List.of(Files.readAllBytes(raw.resolve("papi-panel/2024.csv")))),
        new Target("raw/papi-panel/codebook_provinces.csv",
            List.of(Files.readAllBytes(raw.resolve("papi-panel/codebook_provinces.csv")))));
    Map<String, byte[]> originals = new TreeMap<>();
    for (Target t : targets) {
      originals.put(t.path(), Files.readAllBytes(data.resolve(t.path())));
    }
    IndicatorCatalog indicators = IndicatorCatalog.load(data.resolve("reference"));

    Random r = new Random(SEED);
    Map<String, Integer> exits = new TreeMap<>();
    long start = System.currentTimeMillis();
    for (int trial = 0; trial < TRIALS; trial++) {
      for (Map.Entry<String, byte[]> e : originals.entrySet()) {
        Files.write(data.resolve(e.getKey()), e.getValue());
      }
      // Each file in turn, so that the suite's two trials mutate the long CSV (or a corpus file) and the DTI ranking.
      Target target = targets.get(trial % targets.size());
      byte[] bytes = target.seeds().get(r.nextInt(target.seeds().size()));
      List<String> applied = new ArrayList<>();
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        if (r.nextInt(3) == 0) {
          bytes = ByteMutations.replaceCell(bytes, r);
          applied.add("cell");
        } else {
          bytes = ByteMutations.mutate(bytes, r);
          applied.add("bytes");
        }
      }
      Files.write(data.resolve(target.path()), bytes);
      String shown = "data/" + target.path();
      String what = "trial " + trial + " (seed " + SEED + "): " + shown + " mutated " + applied;

      Path out = tmp.resolve("out/trial-" + trial);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      PrintStream oldErr = System.err;
      PrintStream oldOut = System.out;
      int exit;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      try {
        exit = ProvinceCompare.execute(COMMAND, "--data-dir", data.toString(), "--sources", sources.toString(),
            "--out", out.toString());
      } finally {
        System.setErr(oldErr);
        System.setOut(oldOut);
      }
      String stderr = err.toString(StandardCharsets.UTF_8);
      String printed = stderr + stdout.toString(StandardCharsets.UTF_8);
      exits.merge("exit " + exit, 1, Integer::sum);
      System.out.println("PipelineFuzzTest " + what + ": exit " + exit + " after " + (System.currentTimeMillis()
          - start) + " ms");
      assertThat(printed).as(what + ": no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
      assertThat(exit).as(what + ": " + stderr).isIn(ProvinceCompare.OK, ProvinceCompare.DATA_ERROR);
      if (exit == ProvinceCompare.DATA_ERROR) {
        String line = stderr.lines().filter(l -> l.startsWith("province-compare:")).findFirst().orElse(stderr);
        assertThat(line).as(what).startsWith("province-compare: data error: ").contains(shown);
        continue;
      }
      Path run = out.resolve("runs").resolve(Files.readString(out.resolve("CURRENT")).strip());
      JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
      JsonNode acc = manifest.get("accounting");
      assertThat(acc.get("rows_read").asLong()).as(what + ": read = accepted + quarantined")
          .isEqualTo(acc.get("accepted").asLong() + acc.get("quarantined").asLong());
      assertThat(manifest.get("inputs").toString()).as(what).contains("{\"path\":\"manifest/sources.json\",\"bytes\":"
          + Files.size(sources) + ",\"sha256\":\"");
      for (Row row : spark.read().parquet(run.resolve("indicator_values").toString())
          .filter("value IS NOT NULL").select("indicator_code", "value").collectAsList()) {
        double v = row.getDouble(1);
        Indicator ind = indicators.require(row.getString(0));
        assertThat(Double.isFinite(v) && ind.scale().contains(v)
            && (ind.plausibleMin() == null || v >= ind.plausibleMin())
            && (ind.plausibleMax() == null || v <= ind.plausibleMax()))
            .as(what + ": " + row + " within " + ind.scale().text() + " (plausible " + ind.plausibleMin() + ".."
                + ind.plausibleMax() + ")").isTrue();
      }
    }
    System.out.println("PipelineFuzzTest: " + TRIALS + " trials in " + (System.currentTimeMillis() - start)
        + " ms, seed " + SEED + ": " + exits);
  }
}
