package vn.provincecompare.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.store.Store;

/**
 * The output directory the tool owns, on any store of {@link Store}: a marker file proves ownership,
 * {@code runs/<run_id>/} holds complete runs, {@code CURRENT} (a one-line file) and, on the driver's own disk,
 * {@code current} (a symbolic link) point at the newest complete run and are replaced atomically, so a reader sees
 * the previous complete run or the new one, never a mix. {@link OutputLock} keeps to one writer at a time.
 *
 * <p>Publish protocol (stores with an atomic rename: local disks, NFS, HDFS): stage the run in
 * {@code runs/.staging-<run_id>/}, write the manifest last, rename the staging directory to {@code runs/<run_id>}
 * (one atomic rename), then write {@code CURRENT.tmp-<run_id>} and replace {@code CURRENT} with it in one atomic
 * step ({@link Store#replace}).
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

  private final Store store;
  private final Path root;

  private OutputDirectory(Store store, Path root) {
    this.store = store;
    this.root = root;
  }

  /** The qualified root ({@code file:/...} or {@code hdfs://nn:port/...}). */
  public Path root() {
    return root;
  }

  public Store store() {
    return store;
  }

  public Path runsDir() {
    return new Path(root, RUNS);
  }

  /** A local output directory (tests, and the driver's disk). */
  public static OutputDirectory open(java.nio.file.Path out, List<java.nio.file.Path> forbidden) {
    return open(out.toString(), forbidden.stream().map(Store::of).toList());
  }

  /**
   * Opens (creating when absent) an output directory, after the safety checks.
   *
   * @param out        the --out path or URI
   * @param forbidden  qualified directories the output may not be, nor lie inside (input data, raw data)
   */
  public static OutputDirectory open(String out, List<Path> forbidden) {
    Path root = Store.qualify(out);
    Store store = Store.forPath(root);
    try {
      refuseDangerous(store, root, forbidden);
      Optional<FileStatus> st = store.status(root);
      if (st.isPresent()) {
        if (!st.get().isDirectory()) {
          throw new UsageException("--out " + out + " is a file, not a directory");
        }
        boolean owned = store.isFile(new Path(root, MARKER));
        if (!owned) {
          if (!store.list(root).isEmpty()) {
            throw new UsageException("--out " + out + " is a non-empty directory that province-compare did "
                + "not create (no " + MARKER + " file in it); refusing to write there. Choose a new or empty "
                + "directory, e.g. --out out/");
          }
          mark(store, root);
        }
      } else {
        store.mkdirs(root);
        mark(store, root);
      }
      store.mkdirs(new Path(root, RUNS));
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException("--out " + out + " cannot be created or written: " + Store.describe(e), e);
    }
    return new OutputDirectory(store, root);
  }

  private static void refuseDangerous(Store store, Path root, List<Path> forbidden) {
    if (root.getParent() == null) {
      throw new UsageException("--out " + display(root) + " is the file-system root; choose a directory of its own");
    }
    if (store.isLocal()) {
      java.nio.file.Path home = Paths.get(System.getProperty("user.home")).toAbsolutePath().normalize();
      if (Store.local(root).equals(home)) {
        throw new UsageException("--out " + display(root) + " is your home directory; choose a directory of its "
            + "own, e.g. " + home.resolve("province-compare-out"));
      }
    }
    for (Path f : forbidden) {
      if (Store.isInside(root, f)) {
        throw new UsageException("--out " + display(root) + " is inside the input data directory " + display(f)
            + "; outputs never go where inputs live");
      }
    }
    // Any data folder is recognised by its contents, so the repository's data/raw is refused even when this run
    // reads another data folder.
    for (Path dir = root; dir != null; dir = dir.getParent()) {
      if (store.isFile(new Path(new Path(dir, "raw"), "sources.json"))) {
        throw new UsageException("--out " + display(root) + " is inside the data folder " + display(dir)
            + " (it holds raw/sources.json); outputs never go where inputs live");
      }
    }
  }

  /** A path as messages show it: a local one as a plain path (as before the store layer), others as URIs. */
  public static String display(Path p) {
    return "file".equals(p.toUri().getScheme()) ? Store.local(p).toString() : p.toString();
  }

  private static void mark(Store store, Path root) throws IOException {
    store.writeString(new Path(root, MARKER), "{\"tool\":\"province-compare\",\"created\":\"" + Instant.now()
        + "\",\"note\":\"this directory is managed by province-compare; it deletes only inside runs/\"}\n");
  }

  /**
   * A path of the driver's file system as Spark must be given it: with the {@code file:} scheme. A path without a
   * scheme means the cluster's default file system, which on YARN is usually HDFS.
   */
  public static String sparkPath(java.nio.file.Path path) {
    return Store.sparkPath(Store.of(path));
  }

  /** A fresh staging directory for a run; published later by {@link #publish}. */
  public Path stagingDir(String runId) {
    Path staging = new Path(runsDir(), STAGING_PREFIX + runId);
    if (store.exists(staging)) {
      throw new IllegalStateException("staging directory already exists: " + staging);
    }
    return staging;
  }

  /**
   * Makes a staged run the current one: rename the staging directory to {@code runs/<run_id>} (atomic within one
   * file system), then replace the pointer file (and, on the driver's disk, the link), each an atomic rename. A
   * crash before the pointer moves leaves the previous run current.
   */
  public Path publish(String runId, Path staging) {
    if (!store.atomicRename()) {
      throw new IllegalStateException(store.scheme() + ": this store has no atomic rename");
    }
    Path finalDir = new Path(runsDir(), runId);
    try {
      // CURRENT never moves backwards: a run id is its start time, so an older run finishing after a newer one
      // (possible only if a lock was broken by hand while its owner still ran) is kept but not made current.
      Optional<String> before = currentRunId();
      store.rename(staging, finalDir);
      CrashPoints.reach("renamed");
      if (before.isPresent() && before.get().compareTo(runId) > 0) {
        Progress.say("run " + runId + " is older than the current run " + before.get() + ": kept in runs/, "
            + "CURRENT not moved");
        return finalDir;
      }
      Path tmp = new Path(root, POINTER_FILE + ".tmp-" + runId);
      store.writeString(tmp, runId + "\n");
      CrashPoints.reach("pointer-tmp");
      store.replace(tmp, new Path(root, POINTER_FILE));
      CrashPoints.reach("pointer-file");
      if (store.isLocal()) {
        java.nio.file.Path local = Store.local(root);
        java.nio.file.Path link = local.resolve(POINTER_LINK + ".tmp-" + runId);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Paths.get(RUNS, runId));
        CrashPoints.reach("link-tmp");
        Files.move(link, local.resolve(POINTER_LINK), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        CrashPoints.reach("pointer-link");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("publishing run " + runId + " in " + display(root) + " failed", e);
    }
    return finalDir;
  }

  /** The run the pointer names, if any. */
  public Optional<String> currentRunId() {
    Path pointer = new Path(root, POINTER_FILE);
    if (!store.isFile(pointer)) {
      return Optional.empty();
    }
    try {
      String id = store.readString(pointer).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run the {@code current} link names, if the link exists (driver's disk only). */
  private Optional<String> linkedRunId() {
    if (!store.isLocal()) {
      return Optional.empty();
    }
    java.nio.file.Path link = Store.local(root).resolve(POINTER_LINK);
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    try {
      java.nio.file.Path target = Files.readSymbolicLink(link).getFileName();
      return target == null ? Optional.empty() : Optional.of(target.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes leftovers of killed runs (staging directories, temporary pointers) and all but the newest
   * {@code keep} complete runs; never the current one. Only paths inside this owned directory are touched. Called
   * with the {@link OutputLock} held: another writer's staging directory is never a leftover.
   */
  public List<String> cleanUp(int keep) {
    List<String> removed = new ArrayList<>();
    Optional<String> current = currentRunId();
    // A run killed between moving CURRENT and moving the link leaves the link on the older run: it is still
    // being read through, so it is kept as well as the one CURRENT names.
    Optional<String> linked = linkedRunId();
    try {
      List<Path> runs = new ArrayList<>();
      for (FileStatus s : store.list(runsDir())) {
        String name = s.getPath().getName();
        if (name.startsWith(STAGING_PREFIX)) {
          deleteTree(s.getPath());
          removed.add(name);
        } else if (s.isDirectory()) {
          runs.add(s.getPath());
        }
      }
      runs.sort(Comparator.comparing((Path p) -> p.getName()).reversed());
      for (int i = keep; i < runs.size(); i++) {
        String name = runs.get(i).getName();
        if (current.isPresent() && current.get().equals(name) || linked.isPresent() && linked.get().equals(name)) {
          continue;
        }
        deleteTree(runs.get(i));
        removed.add(name);
      }
      // On the driver's disk listed by java.nio: a dangling temporary link is not seen by Hadoop's listing.
      List<String> top = new ArrayList<>();
      if (store.isLocal()) {
        try (var entries = Files.list(Store.local(root))) {
          entries.forEach(p -> top.add(p.getFileName().toString()));
        }
      } else {
        store.list(root).forEach(s -> top.add(s.getPath().getName()));
      }
      for (String name : top.stream().sorted().toList()) {
        if (name.startsWith(POINTER_FILE + ".tmp-") || name.startsWith(POINTER_LINK + ".tmp-")
            || name.startsWith(OutputLock.CANDIDATE_PREFIX)) {
          if (store.isLocal()) {
            Files.deleteIfExists(Store.local(root).resolve(name));
          } else {
            store.delete(new Path(root, name));
          }
          removed.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return removed;
  }

  private void deleteTree(Path dir) throws IOException {
    if (!Store.isInside(dir, runsDir()) || Store.isInside(runsDir(), dir)) {
      throw new IllegalStateException("refusing to delete " + dir + " outside " + runsDir());
    }
    store.delete(dir);
  }
}
