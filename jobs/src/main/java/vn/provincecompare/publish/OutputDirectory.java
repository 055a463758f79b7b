package vn.provincecompare.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import vn.provincecompare.config.UsageException;

/**
 * The output directory the tool owns: a marker file proves ownership, {@code runs/<run_id>/} holds complete runs,
 * {@code CURRENT} (a one-line file) and {@code current} (a symbolic link) point at the newest complete run and
 * are replaced atomically, so a reader sees the previous complete run or the new one, never a mix.
 *
 * <p>Safety: the tool writes only into a directory it created (or an empty one it then marks), refuses {@code /},
 * the home directory, the repository's raw data and any input directory, and deletes only inside {@code runs/}.
 */
public final class OutputDirectory {
  public static final String MARKER = ".province-compare-output";
  public static final String POINTER_FILE = "CURRENT";
  public static final String POINTER_LINK = "current";
  public static final String RUNS = "runs";
  static final String STAGING_PREFIX = ".staging-";

  private final Path root;

  private OutputDirectory(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path runsDir() {
    return root.resolve(RUNS);
  }

  /**
   * Opens (creating when absent) an output directory, after the safety checks.
   *
   * @param out        the --out path
   * @param forbidden  directories the output may not be, nor lie inside (input data, raw data)
   */
  public static OutputDirectory open(Path out, List<Path> forbidden) {
    Path root = out.toAbsolutePath().normalize();
    refuseDangerous(root, forbidden);
    try {
      if (Files.exists(root)) {
        if (!Files.isDirectory(root)) {
          throw new UsageException("--out " + out + " is a file, not a directory");
        }
        boolean owned = Files.isRegularFile(root.resolve(MARKER));
        if (!owned) {
          try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
              throw new UsageException("--out " + out + " is a non-empty directory that province-compare did "
                  + "not create (no " + MARKER + " file in it); refusing to write there. Choose a new or empty "
                  + "directory, e.g. --out out/");
            }
          }
          mark(root);
        }
      } else {
        Files.createDirectories(root);
        mark(root);
      }
      Files.createDirectories(root.resolve(RUNS));
    } catch (IOException e) {
      throw new UsageException("--out " + out + " cannot be created or written: " + e.getMessage(), e);
    }
    return new OutputDirectory(root);
  }

  private static void refuseDangerous(Path root, List<Path> forbidden) {
    if (root.getParent() == null) {
      throw new UsageException("--out " + root + " is the file-system root; choose a directory of its own");
    }
    Path home = Paths.get(System.getProperty("user.home")).toAbsolutePath().normalize();
    if (root.equals(home)) {
      throw new UsageException("--out " + root + " is your home directory; choose a directory of its own, "
          + "e.g. " + home.resolve("province-compare-out"));
    }
    for (Path f : forbidden) {
      Path fn = f.toAbsolutePath().normalize();
      if (root.equals(fn) || root.startsWith(fn)) {
        throw new UsageException("--out " + root + " is inside the input data directory " + fn
            + "; outputs never go where inputs live");
      }
    }
    // Any data folder is recognised by its contents, so the repository's data/raw is refused even when this run
    // reads another data folder.
    for (Path dir = root; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("raw").resolve("sources.json"))) {
        throw new UsageException("--out " + root + " is inside the data folder " + dir
            + " (it holds raw/sources.json); outputs never go where inputs live");
      }
    }
  }

  private static void mark(Path root) throws IOException {
    Files.writeString(root.resolve(MARKER), "{\"tool\":\"province-compare\",\"created\":\"" + Instant.now()
        + "\",\"note\":\"this directory is managed by province-compare; it deletes only inside runs/\"}\n",
        StandardCharsets.UTF_8);
  }

  /**
   * A path of the driver's file system as Spark must be given it: with the {@code file:} scheme. A path without a
   * scheme means the cluster's default file system, which on YARN is usually HDFS, while the staging directory,
   * manifest and rename happen on the driver's own disk. Not {@link Path#toUri()}: Hadoop takes the text after the
   * scheme literally, so its percent-escapes ({@code %20} for a space) would name another directory.
   */
  public static String sparkPath(Path path) {
    return "file://" + path.toAbsolutePath().normalize();
  }

  /** A fresh staging directory for a run; published later by {@link #publish}. */
  public Path stagingDir(String runId) {
    Path staging = runsDir().resolve(STAGING_PREFIX + runId);
    if (Files.exists(staging)) {
      throw new IllegalStateException("staging directory already exists: " + staging);
    }
    return staging;
  }

  /**
   * Makes a staged run the current one: rename the staging directory to {@code runs/<run_id>} (atomic within one
   * file system), then replace the pointer file and link (each an atomic rename). A crash before the pointer
   * moves leaves the previous run current.
   */
  public Path publish(String runId, Path staging) {
    Path finalDir = runsDir().resolve(runId);
    try {
      Files.move(staging, finalDir, StandardCopyOption.ATOMIC_MOVE);
      CrashPoints.reach("renamed");
      Path tmp = root.resolve(POINTER_FILE + ".tmp-" + runId);
      Files.writeString(tmp, runId + "\n", StandardCharsets.UTF_8);
      CrashPoints.reach("pointer-tmp");
      Files.move(tmp, root.resolve(POINTER_FILE), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      CrashPoints.reach("pointer-file");
      Path link = root.resolve(POINTER_LINK + ".tmp-" + runId);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Paths.get(RUNS, runId));
      CrashPoints.reach("link-tmp");
      Files.move(link, root.resolve(POINTER_LINK), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      CrashPoints.reach("pointer-link");
    } catch (IOException e) {
      throw new UncheckedIOException("publishing run " + runId + " in " + root + " failed", e);
    }
    return finalDir;
  }

  /** The run the pointer names, if any. */
  public Optional<String> currentRunId() {
    Path pointer = root.resolve(POINTER_FILE);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    try {
      String id = Files.readString(pointer, StandardCharsets.UTF_8).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run the {@code current} link names, if the link exists. */
  private Optional<String> linkedRunId() {
    Path link = root.resolve(POINTER_LINK);
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    try {
      Path target = Files.readSymbolicLink(link).getFileName();
      return target == null ? Optional.empty() : Optional.of(target.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes leftovers of killed runs (staging directories, temporary pointers) and all but the newest
   * {@code keep} complete runs; never the current one. Only paths inside this owned directory are touched.
   */
  public List<String> cleanUp(int keep) {
    List<String> removed = new ArrayList<>();
    Optional<String> current = currentRunId();
    // A run killed between moving CURRENT and moving the link leaves the link on the older run: it is still
    // being read through, so it is kept as well as the one CURRENT names.
    Optional<String> linked = linkedRunId();
    try (Stream<Path> entries = Files.list(runsDir())) {
      List<Path> runs = new ArrayList<>();
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(STAGING_PREFIX)) {
          deleteTree(p);
          removed.add(name);
        } else if (Files.isDirectory(p)) {
          runs.add(p);
        }
      }
      runs.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
      for (int i = keep; i < runs.size(); i++) {
        String name = runs.get(i).getFileName().toString();
        if (current.isPresent() && current.get().equals(name) || linked.isPresent() && linked.get().equals(name)) {
          continue;
        }
        deleteTree(runs.get(i));
        removed.add(name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(POINTER_FILE + ".tmp-") || name.startsWith(POINTER_LINK + ".tmp-")) {
          Files.deleteIfExists(p);
          removed.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return removed;
  }

  private void deleteTree(Path dir) throws IOException {
    Path normal = dir.toAbsolutePath().normalize();
    if (!normal.startsWith(runsDir())) {
      throw new IllegalStateException("refusing to delete " + normal + " outside " + runsDir());
    }
    try (Stream<Path> walk = Files.walk(normal)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
