package vn.provincecompare.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import vn.provincecompare.publish.CrashPoints;

/**
 * {@code province-compare run} as a child JVM (the same command the launcher starts), whose stdout lines a test
 * can wait for and which it can kill with SIGKILL.
 */
final class ChildRun implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

  private ChildRun(Process process) {
    this.process = process;
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          seen.add(line);
          lines.add(line);
        }
      } catch (IOException e) {
        // The process was killed: its pipe closes, nothing more to read.
      }
    }, "child-stdout");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code run} on {@code data} into {@code out}.
   *
   * @param pauseAt  a {@link CrashPoints} point to block at, or null
   * @param announce whether every point is printed
   */
  static ChildRun start(Path data, Path out, Path log, String pauseAt, boolean announce, String... extra)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx768m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Duser.timezone")) {
        cmd.add(arg);
      }
    }
    // SparkConf reads spark.* system properties: tiny data needs neither codegen nor many partitions.
    cmd.add("-Dspark.sql.codegen.wholeStage=false");
    cmd.add("-Dspark.default.parallelism=1");
    cmd.add("-Dspark.sql.adaptive.enabled=false");
    if (pauseAt != null) {
      cmd.add("-D" + CrashPoints.PAUSE_AT + "=" + pauseAt);
    }
    if (announce) {
      cmd.add("-D" + CrashPoints.ANNOUNCE + "=true");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("vn.provincecompare.cli.ProvinceCompare");
    cmd.add("run");
    cmd.add("--data-dir");
    cmd.add(data.toString());
    cmd.add("--out");
    cmd.add(out.toString());
    cmd.add("--shuffle-partitions");
    cmd.add("1");
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ChildRun(pb.start());
  }

  /** Waits for a line starting with {@code prefix}; fails if the process ends or time runs out first. */
  String await(String prefix, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        throw new AssertionError("the child ended (exit " + process.exitValue() + ") before printing '" + prefix
            + "'; its output: " + seen);
      }
    }
    throw new AssertionError("no '" + prefix + "' within " + timeoutSeconds + " s; output so far: " + seen);
  }

  /** SIGKILL (what destroyForcibly sends on Unix), then waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  int waitFor(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child did not finish within " + timeoutSeconds + " s; output: " + seen);
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  List<String> output() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
