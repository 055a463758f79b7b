package vn.provincecompare.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.cli.Pipeline;
import vn.provincecompare.cli.ProvinceCompare;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.publish.CrashPoints;
import vn.provincecompare.publish.OutputLock;
import vn.provincecompare.store.MiniHdfs;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Publishing on a real HDFS (a MiniDFSCluster in this JVM, {@link MiniHdfs}) with the small data folder
 * ({@link SmallData}: 63 VN63 units, PAR INDEX and SIPAS): a run and a compare on {@code hdfs://}, two runs
 * racing for one {@code --out} (the lock), stops at the publish steps, then a run whose data folder is read from
 * HDFS. What is
 * checked is read back with HDFS's own client here, not with the job's code.
 */
class HdfsPublishTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static java.nio.file.Path tmp;
  static java.nio.file.Path data;
  static FileSystem hdfs;
  static String root;

  @BeforeAll
  static void cluster() throws IOException {
    // One year: 63 units x 2 indicators = 126 rows.
    data = SmallData.create(tmp, 2023, 2023);
    root = MiniHdfs.uri();
    hdfs = MiniHdfs.fs();
  }

  private static JobConfig config(String dataDir, String out, boolean csv) {
    return JobConfig.defaults().overlay(new JobConfig(dataDir, null, out, null, null, null, null, false, null,
        null, null, null, 2, null, csv, false)).validated();
  }

  private static JobConfig rankingsOnly() {
    return new JobConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, List.of("rankings"));
  }

  private static String read(Path p) throws IOException {
    try (InputStream in = hdfs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    return java.util.Arrays.stream(hdfs.listStatus(dir)).map(s -> s.getPath().getName()).sorted().toList();
  }

  /** CURRENT names a run whose manifest and every table it lists (with _SUCCESS) are there. */
  private static JsonNode currentRun(String out) throws IOException {
    String id = read(new Path(out + "/CURRENT")).strip();
    Path run = new Path(out + "/runs/" + id);
    JsonNode manifest = JSON.readTree(read(new Path(run, "manifest.json")));
    assertThat(manifest.path("run_id").asText()).isEqualTo(id);
    manifest.path("row_counts").fieldNames().forEachRemaining(t -> {
      try {
        assertThat(hdfs.isFile(new Path(new Path(run, t), "_SUCCESS"))).as("%s/_SUCCESS", t).isTrue();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return manifest;
  }

  @Test
  void aRunAndACompareOnHdfsPublishThroughCurrent() throws IOException {
    String out = root + "/pc/out-run";
    // ingest + compare, with rankings and the tables it is computed from: every compare table goes through the
    // same RunWriter, so one is enough to prove the store (the suite's time budget).
    JobConfig run = config(data.toString(), out, true).overlay(rankingsOnly()).validated();
    Pipeline.Summary ran = Pipeline.run(spark, run, Pipeline.Stages.RUN);
    JsonNode first = currentRun(out);
    assertThat(first.path("run_id").asText()).isEqualTo(ran.runId());
    assertThat(first.path("row_counts").path("indicator_values").asLong()).isEqualTo(126);
    assertThat(first.path("accounting").path("rows_read").asLong()).isEqualTo(126);
    assertThat(first.path("row_counts").has("rankings")).isTrue();
    // rankings: one row per unit, indicator and year, all 63 ranked (full coverage): 126.
    assertThat(spark.read().parquet(out + "/runs/" + ran.runId() + "/rankings").count()).isEqualTo(126);
    // The CSV copy of indicator_values: a header line and 126 rows.
    String csv = read(new Path(out + "/runs/" + ran.runId() + "/csv/indicator_values.csv"));
    assertThat(csv.split("\r\n")).hasSize(1 + 126);
    // Spark reads the table back from HDFS: one row per unit and indicator.
    assertThat(spark.read().parquet(out + "/runs/" + ran.runId() + "/indicator_values").count()).isEqualTo(126);
    // No symbolic link on HDFS, no staging left, the lock released.
    assertThat(names(new Path(out))).containsExactly(".province-compare-output", "CURRENT", "runs");

    JobConfig compare = config(data.toString(), out, false).overlay(rankingsOnly()).validated();
    Pipeline.Summary compared = Pipeline.run(spark, compare, Pipeline.Stages.COMPARE);
    JsonNode second = currentRun(out);
    assertThat(second.path("run_id").asText()).isEqualTo(compared.runId()).isGreaterThan(ran.runId());
    assertThat(second.path("input_run").asText()).isEqualTo(ran.runId());
    // The ingest's tables are copied file by file: the same part-file names and sizes.
    for (String t : List.of("indicator_values", "quarantine", "dq_results")) {
      List<String> a = sizes(new Path(out + "/runs/" + ran.runId() + "/" + t));
      assertThat(sizes(new Path(out + "/runs/" + compared.runId() + "/" + t))).as(t).isEqualTo(a);
    }
    assertThat(names(new Path(out + "/runs"))).containsExactly(ran.runId(), compared.runId());
    assertThat(compared.runDir()).isNull();
    assertThat(compared.runPath().toString()).isEqualTo(out + "/runs/" + compared.runId());
  }

  private static List<String> sizes(Path dir) throws IOException {
    return java.util.Arrays.stream(hdfs.listStatus(dir)).filter(FileStatus::isFile)
        .map(s -> s.getPath().getName() + " " + s.getLen()).sorted().toList();
  }

  /** The manifest of a run that read the data folder from HDFS lists its files as the same folder on disk. */
  private static void assertInputsOfTheDataFolder(JsonNode manifest) throws Exception {
    assertThat(manifest.path("accounting").path("rows_read").asLong()).isEqualTo(126);
    assertThat(manifest.path("accounting").path("accepted").asLong()).isEqualTo(126);
    // The scores file is listed by its place in the data folder with the SHA-256 of its bytes on disk.
    JsonNode scores = null;
    for (JsonNode f : manifest.path("inputs")) {
      if (f.path("path").asText().equals("data/raw/scores.csv")) {
        scores = f;
      }
    }
    assertThat(scores).as("data/raw/scores.csv in inputs").isNotNull();
    byte[] bytes = Files.readAllBytes(data.resolve("raw/scores.csv"));
    assertThat(scores.path("bytes").asLong()).isEqualTo(bytes.length);
    assertThat(scores.path("sha256").asText())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    // Every file of the data folder, as many as on disk.
    try (var walk = Files.walk(data)) {
      assertThat(manifest.path("inputs").size()).isEqualTo((int) walk.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void twoRunsOnOneOutOneWinsTheOtherFailsWithExitFourAndNothingIsLost() throws Exception {
    String out = root + "/pc/out-race";
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Object> first = new AtomicReference<>();
    CrashPoints.observeInProcess(point -> {
      if (point.equals("run-start") && Thread.currentThread().getName().equals("first-writer")) {
        started.countDown();
        try {
          go.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    Thread writer = new Thread(() -> {
      try {
        first.set(Pipeline.run(spark, config(data.toString(), out, false), Pipeline.Stages.INGEST));
      } catch (Throwable t) {
        first.set(t);
      }
    }, "first-writer");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    int exit;
    try {
      writer.start();
      assertThat(started.await(120, TimeUnit.SECONDS)).isTrue();
      // The first run holds the lock (taken before run-start); the second is refused at once.
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = ProvinceCompare.execute("ingest", "--data-dir", data.toString(), "--out", out, "-q");
    } finally {
      System.setErr(oldErr);
      go.countDown();
      writer.join(180_000);
      CrashPoints.observeInProcess(null);
    }
    assertThat(exit).isEqualTo(ProvinceCompare.LOCKED);
    assertThat(first.get()).isInstanceOf(Pipeline.Summary.class);
    String winner = ((Pipeline.Summary) first.get()).runId();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is locked by another run: run " + winner)
        .contains("s ago").contains("--break-lock").doesNotContain("\tat ");
    // The winner published; the loser left nothing (no run, no staging); the lock is gone.
    assertThat(currentRun(out).path("run_id").asText()).isEqualTo(winner);
    assertThat(names(new Path(out + "/runs"))).containsExactly(winner);
    assertThat(names(new Path(out))).containsExactly(".province-compare-output", "CURRENT", "runs");
  }

  /**
   * Stopped (as a kill there would) at the two sides of the pointer's replace on HDFS: after the new CURRENT is
   * written beside the old one ({@code pointer-tmp}), and right after the replace ({@code pointer-file}); CURRENT
   * names a complete run after each. (Stops at every table write and the other publish steps are the crash
   * chain's, on the local disk: the same RunWriter and OutputDirectory code.)
   */
  @Test
  void aStopOnEitherSideOfThePointerReplaceLeavesCurrentCompleteAndTheNextRunReadsItsDataFromHdfs()
      throws Exception {
    String out = root + "/pc/out-crash";
    String previous = null;
    for (String point : List.of("pointer-file", "pointer-tmp")) {
      CrashPoints.observeInProcess(p -> {
        if (p.equals(point)) {
          throw new CrashDuringPublishTest.Stop(p);
        }
      });
      try {
        assertThatThrownBy(() -> Pipeline.run(spark, config(data.toString(), out, false), Pipeline.Stages.INGEST))
            .isInstanceOf(CrashDuringPublishTest.Stop.class);
      } finally {
        CrashPoints.observeInProcess(null);
      }
      // The stopped run's lock is still there, as after a kill.
      assertThat(hdfs.exists(new Path(out + "/" + OutputLock.NAME))).as("lock after a stop at %s", point).isTrue();
      String current = currentRun(out).path("run_id").asText();
      if (point.equals("pointer-file")) {
        // CURRENT was replaced: the stopped run (the only one) is the current one, complete.
        assertThat(names(new Path(out + "/runs"))).containsExactly(current);
        previous = current;
      } else {
        // Its run was renamed into runs/ and its CURRENT.tmp written, but CURRENT still names the previous run.
        assertThat(current).as("after %s", point).isEqualTo(previous);
        assertThat(names(new Path(out + "/runs"))).hasSize(2);
        assertThat(names(new Path(out))).anyMatch(n -> n.startsWith("CURRENT.tmp-"));
      }
    }
    // The next run, reading its data folder from HDFS, finds the stale lock of a run of this process that no longer
    // runs, removes it, cleans the leftovers up (CURRENT.tmp-*) and publishes.
    hdfs.copyFromLocalFile(false, true, new Path(data.toUri()), new Path(root + "/pc/input/data"));
    String last = Pipeline.run(spark, config(root + "/pc/input/data", out, false), Pipeline.Stages.INGEST).runId();
    JsonNode manifest = currentRun(out);
    assertThat(manifest.path("run_id").asText()).isEqualTo(last).isGreaterThan(previous);
    assertInputsOfTheDataFolder(manifest);
    assertThat(names(new Path(out))).containsExactly(".province-compare-output", "CURRENT", "runs");
    assertThat(names(new Path(out + "/runs"))).hasSize(3).noneMatch(n -> n.startsWith(".staging-")).endsWith(last);
  }
}
