package vn.provincecompare.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.cli.Pipeline;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.publish.CrashPoints;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Crash during publish, a concurrent reader, and identical reruns, from one chain of runs.
 *
 * <p>Each trial is one {@code province-compare run} on a small data folder ({@link SmallData}), into the same
 * output directory, stopped at a chosen moment. Moments that are a named {@code CrashPoints} point are stopped in
 * this JVM: the point throws, and since nothing between a point and the caller catches an {@code Error} or cleans
 * up, the disk holds exactly what a SIGKILL there leaves (a run on the warm session instead of a cold JVM). What
 * only a real kill can show stays a child JVM killed with SIGKILL: paused at a point, a random few hundred
 * milliseconds into a table's write (the write's partial files), or at a random time after launch; the first and
 * the last run are children too, so the identical-rerun check compares two JVMs. After each stop an independent
 * reader ({@link PublishedRunReader}: CURRENT, the link, the manifest and the Parquet footers) checks that each
 * pointer names a complete run, and which one. The next trial's run is the next run: when it reaches
 * {@code run-start} (after its clean-up), no leftover of the stopped run may remain. The chain ends with a child
 * run to completion, which must exit 0 and leave nothing behind.
 *
 * <p>Runs alternate between two inputs of different sizes (2 and 3 years), so a reader that mixed tables of two
 * runs would see row counts that disagree. A reader thread polls both pointers during the whole chain.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashDuringPublishTest extends SparkTestBase {
  @TempDir static Path tmp;
  static Path data;
  static Path out;
  static Path log;

  static final List<String> report = Collections.synchronizedList(new ArrayList<>());
  static final List<String> readerFailures = Collections.synchronizedList(new ArrayList<>());
  static final AtomicInteger completeReads = new AtomicInteger();
  static volatile boolean linkSeen;
  static final Set<String> runsSeenByReader = Collections.synchronizedSet(new TreeSet<>());
  static Path firstRunCopy;
  static Path lastRunDir;
  static int trialsSurvived;
  /** Leftovers of killed runs not yet seen cleaned up, and those seen cleaned up. */
  static final Set<String> killedLeftovers = new TreeSet<>();
  static final Set<String> cleanedUp = new TreeSet<>();

  /** Rows of indicator_values (and of rankings, changes, peers) for each input: 63 units x 2 indicators x years. */
  static final long SMALL = 63 * 2 * 2;
  static final long LARGE = 63 * 2 * 3;

  /** How a trial picks its moment: a point in this JVM, or a SIGKILL of a child (paused, mid-write, random). */
  enum Kind { IN_PROCESS, EXACT, MID_WRITE, RANDOM, SNAPSHOTS }

  record Trial(Kind kind, String point, int keepRuns) {
    static Trial exact(String point) {
      return new Trial(Kind.EXACT, point, 3);
    }

    static Trial inProcess(String point) {
      return new Trial(Kind.IN_PROCESS, point, 3);
    }

    /** Stopped at the point, in this JVM or in a child paused there: the same moment. */
    boolean atPoint() {
      return kind == Kind.EXACT || kind == Kind.IN_PROCESS;
    }

    static Trial midWrite(String table) {
      return new Trial(Kind.MID_WRITE, "before:" + table, 3);
    }

    static Trial random(long maxMs) {
      return new Trial(Kind.RANDOM, String.valueOf(maxMs), 3);
    }

    /** One run in this JVM that copies the output directory at each point, then runs to completion. */
    static Trial snapshots(List<String> points) {
      return new Trial(Kind.SNAPSHOTS, String.join(",", points), 3);
    }

    Trial keep(int n) {
      return new Trial(kind, point, n);
    }

    /** The moments this trial checks: one per snapshot, else one. */
    int moments() {
      return kind == Kind.SNAPSHOTS ? points().size() : 1;
    }

    List<String> points() {
      return List.of(point.split(","));
    }

    @Override
    public String toString() {
      String how = switch (kind) {
        case IN_PROCESS -> "in-process stop at " + point;
        case EXACT -> "SIGKILL paused at " + point;
        case MID_WRITE -> "SIGKILL 0-600 ms after " + point;
        case RANDOM -> "SIGKILL at a random time up to " + point + " ms";
        case SNAPSHOTS -> "snapshot at " + point;
      };
      return how + (keepRuns != 3 ? " (--keep-runs " + keepRuns + ")" : "");
    }
  }

  /**
   * The moments: during ingest, before each of the ten table writes, in the middle of three of them (the first
   * ingest table, the first compare table, the last table), between writes, and each step of the final switch.
   * The first trial, a child killed after both pointers moved, gives the previous complete run every later trial
   * must fall back on. {@code pointer-file} then a run with {@code --keep-runs 1}: the link still names the older
   * run when the clean-up decides what to keep. Seven JVMs (six kills and the final run) instead of 21.
   * {@code -Dreliability.crash.full=true} runs this whole chain; by default {@link #DEFAULT_TRIALS}.
   */
  static final List<Trial> TRIALS = List.of(
      Trial.exact("pointer-link"),
      Trial.inProcess("run-start"),
      Trial.random(12_000),
      Trial.midWrite("indicator_values"),
      Trial.inProcess("after:indicator_values"),
      Trial.inProcess("before:quarantine"),
      Trial.inProcess("before:dq_results"),
      Trial.inProcess("before:rankings"),
      Trial.midWrite("rankings"),
      Trial.inProcess("before:changes"),
      Trial.inProcess("before:target_gaps"),
      Trial.inProcess("before:predecessor_history"),
      Trial.inProcess("before:boundary_changes"),
      Trial.inProcess("before:scorecard"),
      Trial.inProcess("before:peers"),
      Trial.midWrite("peers"),
      Trial.inProcess("manifest-written"),
      Trial.inProcess("renamed"),
      Trial.inProcess("pointer-tmp"),
      Trial.inProcess("pointer-file"),
      Trial.inProcess("run-start").keep(1),
      Trial.inProcess("link-tmp"),
      Trial.random(25_000),
      Trial.inProcess("pointer-link"));

  /** Every named point from the first table's write to the link's move, in the order a run reaches them. */
  static final List<String> SNAPSHOT_POINTS = List.of("before:indicator_values", "after:indicator_values",
      "before:quarantine", "before:dq_results", "before:rankings", "before:changes", "before:target_gaps",
      "before:predecessor_history", "before:boundary_changes", "before:scorecard", "before:peers",
      "manifest-written", "renamed", "pointer-tmp", "pointer-file", "link-tmp", "pointer-link");

  /**
   * The suite's chain: the 17 in-process stops of {@link #TRIALS} from the first table's write to the link's move
   * taken as snapshots of one run ({@link #snapshotRun}: 1 run to completion and 17 short ones to {@code run-start},
   * instead of 17 runs stopped part-way), the in-process stops at {@code run-start} (one with
   * {@code --keep-runs 1}) and at {@code pointer-link}, and three real SIGKILLs (paused at pointer-link, mid-write of
   * rankings, at a random time up to 25 s): four JVMs with the final run. The two other mid-write kills
   * (indicator_values, peers) and the 12-second random kill exercise the same RunWriter path and process death as
   * the ones kept; they, and every in-process stop as a stop, run with {@code -Dreliability.crash.full=true}
   * (docs/RELIABILITY.md).
   */
  static final List<Trial> DEFAULT_TRIALS = List.of(
      Trial.exact("pointer-link"),
      Trial.inProcess("run-start"),
      Trial.snapshots(SNAPSHOT_POINTS),
      Trial.midWrite("rankings"),
      Trial.inProcess("run-start").keep(1),
      Trial.random(25_000),
      Trial.inProcess("pointer-link"));

  static final String FULL_PROPERTY = "reliability.crash.full";

  /** {@code -Dreliability.crash.trials=N} runs only the first N trials (a quicker check while editing publish). */
  static final String TRIALS_PROPERTY = "reliability.crash.trials";

  static List<Trial> trials() {
    String n = System.getProperty(TRIALS_PROPERTY);
    List<Trial> all = Boolean.getBoolean(FULL_PROPERTY) ? TRIALS : DEFAULT_TRIALS;
    return n == null ? all : all.subList(0, Math.min(all.size(), Integer.parseInt(n)));
  }

  static final Set<String> POINTER_MOVED = Set.of("pointer-file", "link-tmp", "pointer-link");

  @Test
  @Order(1)
  @Timeout(value = 40, unit = TimeUnit.MINUTES)
  void aSigkillAtAnyMomentLeavesACompleteRunCurrentAndTheNextRunCleansUp() throws Exception {
    data = SmallData.create(tmp, 2021, 2022);
    out = tmp.resolve("out");
    log = tmp.resolve("children.log");
    Random random = new Random(20250701L);
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = new Thread(() -> pollWhile(stop), "concurrent-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      String previousCurrent = null;
      String previousLink = null;
      for (int i = 0; i < trials().size(); i++) {
        Trial t = trials().get(i);
        SmallData.writeScores(data, 2021, i % 2 == 0 ? 2022 : 2023);
        if (t.kind() == Kind.IN_PROCESS) {
          stopInProcess(t, i);
        } else if (t.kind() == Kind.SNAPSHOTS) {
          snapshotRun(t, i, previousCurrent, previousLink);
        } else {
          String pauseAt = t.kind() == Kind.EXACT ? t.point() : null;
          try (ChildRun child = ChildRun.start(data, out, log, pauseAt, true, "--keep-runs",
              String.valueOf(t.keepRuns()))) {
            if (t.kind() == Kind.EXACT) {
              if (!t.point().equals("run-start")) {
                assertNoLeftoversAtRunStart(child, i);
              }
              child.await("PAUSE " + t.point(), 600);
            } else if (t.kind() == Kind.MID_WRITE) {
              assertNoLeftoversAtRunStart(child, i);
              child.await("POINT " + t.point(), 600);
              Thread.sleep(random.nextInt(600));
            } else {
              Thread.sleep(1_000 + random.nextInt((int) Long.parseLong(t.point())));
            }
            boolean finished = !child.isAlive();
            child.kill();
            if (t.kind() == Kind.EXACT && t.point().equals("run-start")) {
              // Paused right after the clean-up: the killed run's leftovers must already be gone.
              assertThat(PublishedRunReader.leftovers(out)).as("leftovers after clean-up, trial %d", i + 1).isEmpty();
            }
            List<String> left = PublishedRunReader.leftovers(out);
            killedLeftovers.addAll(left);
            if (t.kind() == Kind.EXACT && t.point().equals("run-start")) {
              killedLeftovers.clear();
            }
            report.add("trial " + (i + 1) + ": " + t + (finished ? " (had finished)" : "") + "; leftovers " + left);
          }
        }

        PublishedRunReader.View current = PublishedRunReader.viaPointerFile(out);
        PublishedRunReader.View linked = PublishedRunReader.viaLink(out);
        assertConsistent(current);
        assertConsistent(linked);
        if (previousCurrent != null) {
          if (t.atPoint() && POINTER_MOVED.contains(t.point())) {
            assertThat(current.runId()).as("trial %d: CURRENT moved to the new run", i + 1)
                .isGreaterThan(previousCurrent);
          } else if (t.atPoint()) {
            assertThat(current.runId()).as("trial %d: CURRENT still the previous run", i + 1)
                .isEqualTo(previousCurrent);
          } else {
            assertThat(current.runId()).as("trial %d: the previous run or a newer complete one", i + 1)
                .isGreaterThanOrEqualTo(previousCurrent);
          }
          if (t.atPoint() && !t.point().equals("pointer-link")) {
            assertThat(linked.runId()).as("trial %d: the link still names the previous run", i + 1)
                .isEqualTo(previousLink);
          }
        }
        if (t.atPoint() && t.point().equals("pointer-link")) {
          assertThat(linked.runId()).isEqualTo(current.runId());
        }
        if (i == 0) {
          firstRunCopy = tmp.resolve("first-run");
          SmallData.copyTree(out.resolve("runs").resolve(current.runId()), firstRunCopy);
        }
        previousCurrent = current.runId();
        previousLink = linked.runId();
        trialsSurvived += t.moments();
      }

      // The run after the last kill runs to completion, on the first trial's inputs.
      SmallData.writeScores(data, 2021, 2022);
      try (ChildRun child = ChildRun.start(data, out, log, null, true)) {
        assertNoLeftoversAtRunStart(child, trials().size());
        assertThat(child.waitFor(600)).as("exit code of the final run; log in %s", log).isZero();
      }
      PublishedRunReader.View last = PublishedRunReader.viaPointerFile(out);
      assertThat(PublishedRunReader.viaLink(out).runId()).isEqualTo(last.runId());
      assertThat(last.runId()).isGreaterThan(previousCurrent);
      assertThat(last.rowCounts().get("indicator_values")).isEqualTo(SMALL);
      assertThat(PublishedRunReader.leftovers(out)).isEmpty();
      lastRunDir = out.resolve("runs").resolve(last.runId());
      // Only the tool's own names are in its directory.
      try (Stream<Path> top = Files.list(out)) {
        assertThat(top.map(p -> p.getFileName().toString()).sorted())
            .containsExactly(".province-compare-output", "CURRENT", "current", "runs");
      }
    } finally {
      stop.set(true);
      reader.join(30_000);
      report.add("leftovers removed by the next run: " + cleanedUp.size() + " " + cleanedUp);
      report.add("reader: " + completeReads.get() + " complete reads of " + runsSeenByReader.size() + " runs, "
          + readerFailures.size() + " failures " + readerFailures.stream().limit(3).toList());
      report.forEach(System.out::println);
      Files.write(Path.of("target", "crash-trials-report.txt"), report);
    }
    assertThat(trialsSurvived).isEqualTo(trials().stream().mapToInt(Trial::moments).sum());
    if (System.getProperty(TRIALS_PROPERTY) == null) {
      assertThat(trialsSurvived).isGreaterThanOrEqualTo(20);
    }
  }

  @Test
  @Order(2)
  void aConcurrentReaderNeverSawAMissingPartialOrMixedRun() {
    assertThat(readerFailures).as("what the reader saw go wrong").isEmpty();
    assertThat(completeReads.get()).as("complete reads").isGreaterThan(100);
    assertThat(runsSeenByReader).as("distinct runs the reader read")
        .hasSizeGreaterThanOrEqualTo(Math.min(3, trials().size()));
  }

  /**
   * Parquet's footer lists each column chunk's encodings from a hash set whose order changes between JVMs
   * (parquet-mr 1.17, seen here as [PLAIN_DICTIONARY, RLE] in one run and [RLE, PLAIN_DICTIONARY] in the next), so
   * whole files are not byte-identical across runs. Everything before the footer (every data and dictionary
   * page, so every row in order) must be; the footers must be equal field by field, encodings compared as sets.
   */
  @Test
  @Order(3)
  void twoRunsOnTheSameInputsWriteIdenticalPagesAndEqualFooters() throws IOException {
    assertThat(firstRunCopy).as("the first trial's run").isNotNull();
    assertThat(lastRunDir).as("the final run").isNotNull();
    for (String table : PublishedRunReader.RUN_TABLES) {
      List<Path> first = partFiles(firstRunCopy.resolve(table));
      List<Path> last = partFiles(lastRunDir.resolve(table));
      assertThat(last).as("number of part files of %s", table).hasSameSizeAs(first);
      for (int i = 0; i < first.size(); i++) {
        byte[] a = Files.readAllBytes(first.get(i));
        byte[] b = Files.readAllBytes(last.get(i));
        assertThat(b.length).as("size of %s part %d", table, i).isEqualTo(a.length);
        int pages = a.length - 8 - footerLength(a);
        assertThat(pages).isEqualTo(b.length - 8 - footerLength(b));
        assertThat(java.util.Arrays.mismatch(a, 0, pages, b, 0, pages)).as("first differing page byte of %s", table)
            .isEqualTo(-1);
        assertThat(footerFacts(last.get(i))).as("footer of %s part %d", table, i).isEqualTo(footerFacts(first.get(i)));
      }
    }
    // The manifests differ only in what names the run and how long it took.
    assertThat(manifestWithoutRunFacts(lastRunDir)).isEqualTo(manifestWithoutRunFacts(firstRunCopy));
  }

  /** Parquet part files in part order (their names hold a per-write UUID). */
  static List<Path> partFiles(Path tableDir) throws IOException {
    try (Stream<Path> files = Files.list(tableDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-"))
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString().substring(0, "part-00000".length())))
          .toList();
    }
  }

  /** A Parquet file ends with the footer, its length (4 bytes, little-endian) and "PAR1". */
  static int footerLength(byte[] file) {
    return java.nio.ByteBuffer.wrap(file, file.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
  }

  /** Every fact of a footer, with each column chunk's encodings as a sorted set. */
  static List<String> footerFacts(Path file) throws IOException {
    List<String> facts = new ArrayList<>();
    try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()),
            new org.apache.hadoop.conf.Configuration()))) {
      org.apache.parquet.hadoop.metadata.ParquetMetadata footer = reader.getFooter();
      facts.add("schema " + footer.getFileMetaData().getSchema());
      facts.add("key-values " + new TreeMap<>(footer.getFileMetaData().getKeyValueMetaData()));
      facts.add("created by " + footer.getFileMetaData().getCreatedBy());
      for (org.apache.parquet.hadoop.metadata.BlockMetaData block : footer.getBlocks()) {
        facts.add("row group rows=" + block.getRowCount() + " bytes=" + block.getTotalByteSize());
        for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c : block.getColumns()) {
          facts.add(c.getPath() + " " + c.getCodec() + " " + new TreeSet<>(c.getEncodings()) + " values="
              + c.getValueCount() + " first=" + c.getFirstDataPageOffset() + " dict=" + c.getDictionaryPageOffset()
              + " size=" + c.getTotalSize() + "/" + c.getTotalUncompressedSize() + " stats=" + c.getStatistics());
        }
      }
    }
    return facts;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> manifestWithoutRunFacts(Path runDir) throws IOException {
    Map<String, Object> m = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(runDir.resolve("manifest.json").toFile(), TreeMap.class);
    m.remove("run_id");
    m.remove("created_at");
    m.remove("timings");
    return m;
  }

  /** Thrown at a point to stop a run in this JVM; an Error, so that no {@code catch (Exception)} on the way sees it. */
  static final class Stop extends Error {
    Stop(String point) {
      super("stopped at " + point, null, false, false);
    }
  }

  /**
   * One run in this JVM that, at each of the trial's points, copies the whole output directory as it is at that
   * moment (a SIGKILL there would leave exactly that: the point is reached in the writing thread, so the copy sees
   * what the run has done, and nothing yet of what follows), then runs to completion. Each copy is then judged as a
   * killed run's output: both pointers name a complete run (the previous one until the point moves them), and a
   * next run with {@code --keep-runs 1} (the strictest clean-up), stopped at its {@code run-start}, finds none of
   * the copy's leftovers and keeps the runs both pointers name.
   */
  static void snapshotRun(Trial t, int i, String previousCurrent, String previousLink) throws IOException {
    Map<String, Path> copies = new java.util.LinkedHashMap<>();
    Set<String> wanted = new java.util.HashSet<>(t.points());
    CrashPoints.observeInProcess(point -> {
      if (wanted.contains(point)) {
        Path copy = tmp.resolve("snapshot-" + (i + 1) + "-" + String.format("%02d", copies.size() + 1) + "-"
            + point.replace(':', '-'));
        try {
          copyAsIs(out, copy);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        copies.put(point, copy);
      }
    });
    long started = System.nanoTime();
    try {
      Pipeline.run(spark, runInto(out, t.keepRuns()), Pipeline.Stages.RUN);
    } finally {
      CrashPoints.observeInProcess(null);
    }
    report.add("trial " + (i + 1) + ": the run with its snapshots took " + (System.nanoTime() - started) / 1_000_000
        + " ms");
    assertThat(copies.keySet()).as("trial %d: the points the run reached", i + 1).containsExactlyElementsOf(t.points());
    for (Map.Entry<String, Path> c : copies.entrySet()) {
      String point = c.getKey();
      Path snap = c.getValue();
      String what = "trial " + (i + 1) + ", snapshot at " + point;
      PublishedRunReader.View current = PublishedRunReader.viaPointerFile(snap);
      PublishedRunReader.View linked = PublishedRunReader.viaLink(snap);
      assertConsistent(current);
      assertConsistent(linked);
      if (POINTER_MOVED.contains(point)) {
        assertThat(current.runId()).as("%s: CURRENT moved to the new run", what).isGreaterThan(previousCurrent);
      } else {
        assertThat(current.runId()).as("%s: CURRENT still the previous run", what).isEqualTo(previousCurrent);
      }
      if (point.equals("pointer-link")) {
        assertThat(linked.runId()).as("%s: the link moved with CURRENT", what).isEqualTo(current.runId());
      } else {
        assertThat(linked.runId()).as("%s: the link still names the previous run", what).isEqualTo(previousLink);
      }
      List<String> left = PublishedRunReader.leftovers(snap);
      long nextStarted = System.nanoTime();
      List<String> atRunStart = runStoppedAt(snap, 1, "run-start", what + ": the next run");
      assertThat(atRunStart.stream().filter(left::contains).toList())
          .as("%s: the killed run's leftovers when the next run starts", what).isEmpty();
      assertThat(PublishedRunReader.leftovers(snap)).as("%s: leftovers after the next run's clean-up", what)
          .isEmpty();
      assertThat(PublishedRunReader.viaPointerFile(snap).runId()).as("%s: CURRENT after the clean-up", what)
          .isEqualTo(current.runId());
      assertThat(PublishedRunReader.viaLink(snap).runId()).as("%s: the link after the clean-up", what)
          .isEqualTo(linked.runId());
      cleanedUp.addAll(left);
      report.add("trial " + (i + 1) + ": snapshot at " + point + "; leftovers " + left + "; next run to run-start "
          + (System.nanoTime() - nextStarted) / 1_000_000 + " ms");
    }
  }

  /**
   * Copies a directory tree as it is: links as links (the {@code current} link is relative, so it names the
   * copy's own run), the lock file as a hard link, files as bytes. A file the run renames or deletes during the walk is left out, as a kill at
   * that instant would show it either before or after the move.
   */
  static void copyAsIs(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a)
          throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
          throws IOException {
        Path target = to.resolve(from.relativize(file).toString());
        try {
          if (a.isSymbolicLink()) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(file));
          } else if (file.getFileName().toString().startsWith(vn.provincecompare.publish.OutputLock.NAME)) {
            // The run's lock, linked rather than read: closing a descriptor of it would drop the run's OS lock.
            Files.createLink(target, file);
          } else {
            Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // Moved or deleted by the run since the walk listed it.
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof java.nio.file.NoSuchFileException) {
          return java.nio.file.FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
  }

  /** A run of the small data into {@code dir}, keeping {@code keepRuns} runs, on one shuffle partition. */
  static JobConfig runInto(Path dir, int keepRuns) {
    return JobConfig.defaults().overlay(new JobConfig(data.toString(), null, dir.toString(), keepRuns, null, null,
        null, null, null, null, null, null, 1, null)).validated();
  }

  /**
   * A run in this JVM into {@code dir}, stopped at {@code point} by an {@link Stop} thrown there (what a kill there
   * leaves); returns the leftovers it saw at its {@code run-start}, after its clean-up.
   */
  static List<String> runStoppedAt(Path dir, int keepRuns, String point, String what) throws IOException {
    List<String> atRunStart = new ArrayList<>();
    CrashPoints.observeInProcess(p -> {
      if (p.equals("run-start")) {
        try {
          atRunStart.addAll(PublishedRunReader.leftovers(dir));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      if (p.equals(point)) {
        throw new Stop(p);
      }
    });
    try {
      Pipeline.run(spark, runInto(dir, keepRuns), Pipeline.Stages.RUN);
      throw new AssertionError(what + ": the run finished without reaching " + point);
    } catch (Stop expected) {
      // Stopped at the point, leaving what a kill there leaves.
    } finally {
      CrashPoints.observeInProcess(null);
    }
    return atRunStart;
  }

  /**
   * One run in this JVM, stopped at the trial's point. At {@code run-start} (in the run's own thread, so at exactly
   * that moment) nothing a killed run left behind may remain; stopped there, the clean-up has already removed it.
   */
  static void stopInProcess(Trial t, int i) throws IOException {
    List<String> atRunStart = runStoppedAt(out, t.keepRuns(), t.point(), "trial " + (i + 1));
    assertKilledLeftoversGone(atRunStart, i);
    if (t.point().equals("run-start")) {
      assertThat(PublishedRunReader.leftovers(out)).as("leftovers after clean-up, trial %d", i + 1).isEmpty();
    }
    List<String> left = PublishedRunReader.leftovers(out);
    killedLeftovers.addAll(left);
    report.add("trial " + (i + 1) + ": " + t + "; leftovers " + left);
  }

  /**
   * Waits for the child's {@code run-start} (its clean-up is done, its own staging not yet created) and checks
   * that nothing a killed run left behind remains.
   */
  static void assertNoLeftoversAtRunStart(ChildRun child, int trial) throws Exception {
    child.await("POINT run-start", 600);
    assertKilledLeftoversGone(PublishedRunReader.leftovers(out), trial);
  }

  static void assertKilledLeftoversGone(List<String> now, int trial) {
    assertThat(now.stream().filter(killedLeftovers::contains).toList())
        .as("leftovers of killed runs when run %d starts", trial + 1).isEmpty();
    cleanedUp.addAll(killedLeftovers);
    killedLeftovers.clear();
  }

  /** The tables of one run agree with each other: same input, so same number of ranked units. */
  static void assertConsistent(PublishedRunReader.View v) {
    long iv = v.rowCounts().get("indicator_values");
    assertThat(iv).as("indicator_values of %s", v.runId()).isIn(SMALL, LARGE);
    assertThat(v.rowCounts().get("rankings")).as("rankings of %s", v.runId()).isEqualTo(iv);
    assertThat(v.rowCounts().get("changes")).as("changes of %s", v.runId()).isEqualTo(iv);
    assertThat(v.rowCounts().get("peers")).as("peers of %s", v.runId()).isEqualTo(iv);
  }

  /** The reader thread: both pointers, every table, again and again; anything incomplete is recorded. */
  static void pollWhile(AtomicBoolean stop) {
    while (!stop.get()) {
      try {
        if (out == null || !Files.exists(out.resolve("CURRENT"))) {
          Thread.sleep(200);
          continue;
        }
        List<PublishedRunReader.View> views = new ArrayList<>();
        views.add(PublishedRunReader.viaPointerFile(out));
        // The very first publish moves CURRENT a moment before it creates the link; from then on the link exists.
        if (linkSeen || Files.isSymbolicLink(out.resolve("current"))) {
          linkSeen = true;
          views.add(PublishedRunReader.viaLink(out));
        }
        for (PublishedRunReader.View v : views) {
          assertConsistent(v);
          runsSeenByReader.add(v.runId());
          completeReads.incrementAndGet();
        }
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      } catch (Exception | AssertionError e) {
        readerFailures.add(e.toString());
      }
    }
  }
}
