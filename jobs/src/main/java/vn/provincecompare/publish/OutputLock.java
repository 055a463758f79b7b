package vn.provincecompare.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import vn.provincecompare.store.Store;

/**
 * One writer at a time per output directory: {@code <out>/.lock}, made by an exclusive create
 * ({@code create(path, overwrite=false)}, atomic on HDFS and local file systems), holding the owner (host, process
 * id, run id) and the start time. Taken before the clean-up of leftovers (which deletes staging directories) and
 * released after the run is published; a run that fails with an exception releases it too. A run stopped by an
 * {@code Error} (a kill as the crash tests make it in-process, or an {@code OutOfMemoryError}) leaves it as a kill
 * would: on the driver's disk the next run removes it at once, on HDFS when its owner is provably gone (below).
 *
 * <p>A lock left by a run that died is stale. It is broken without asking only when that is provable: on the
 * driver's disk, nobody holds the OS lock ({@code FileChannel.tryLock}) that a running run keeps on the file (the
 * OS drops it when the process dies); elsewhere (HDFS), its owner was a process of this host that no longer runs,
 * or this very process with a run that is no longer running (stopped by an error). Any other lock (a live process, another host) makes the run fail with
 * {@link LockedException} (exit 4), naming the owner and the lock's age; {@code --break-lock} removes it.
 */
public final class OutputLock implements AutoCloseable {
  public static final String NAME = ".lock";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Run ids of this process whose locks are held now. */
  private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
  /**
   * The lock files this process holds, with the run holding each. A second run of this JVM on the same directory
   * is refused from here, without opening the file: on Linux, closing any descriptor of a file drops every OS lock
   * the process holds on it (FileChannel's documentation warns of this), so reading the owner's details would
   * unlock the running run for every other process.
   */
  private static final java.util.Map<String, Holder> HELD_FILES = new ConcurrentHashMap<>();

  private final Store store;
  private final Path path;
  private final String runId;
  /** On the driver's disk: an OS lock on the lock file, held while the run runs, dropped by the OS on a kill. */
  private final java.nio.channels.FileChannel channel;
  private boolean released;

  private OutputLock(Store store, Path path, String runId, java.nio.channels.FileChannel channel) {
    this.store = store;
    this.path = path;
    this.runId = runId;
    this.channel = channel;
  }

  /** Candidate lock files ({@code .lock-<run_id>}) of a take in progress or of a run killed inside one. */
  public static final String CANDIDATE_PREFIX = NAME + "-";

  /**
   * On the driver's disk, the lock appears already OS-locked: the body is written to {@code .lock-<run_id>}, which
   * is OS-locked, then hard-linked as {@code .lock} (link(2) fails if the name exists: the exclusive create), so
   * no other process ever sees a {@code .lock} that nobody holds while its owner runs.
   */
  private static java.nio.channels.FileChannel createLocked(Path path, String runId, String body)
      throws IOException {
    java.nio.file.Path lock = Store.local(path);
    java.nio.file.Path candidate = lock.resolveSibling(CANDIDATE_PREFIX + runId);
    java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(candidate,
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
    try {
      ch.lock();
      ch.write(java.nio.ByteBuffer.wrap(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      ch.force(true);
      try {
        java.nio.file.Files.createLink(lock, candidate);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.NoSuchFileException e) {
        // NoSuchFile: the candidate was removed by the clean-up of a run that took the lock meanwhile.
        ch.close();
        throw new FileAlreadyExistsException(path + " exists");
      }
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    } finally {
      java.nio.file.Files.deleteIfExists(candidate);
    }
  }

  /**
   * On the driver's disk: removes the lock file if its owner is provably gone: nobody holds the OS lock on it (the
   * OS drops it when its process dies; a run of this JVM stopped by an error dropped it in {@link #abandon}). The
   * file is removed while this process holds its OS lock, and only if the name still names the file locked, so a
   * lock another new run has just made is never removed.
   */
  private static boolean removeIfUnheldLocal(Path path) {
    java.nio.file.Path lock = Store.local(path);
    try {
      Object before = java.nio.file.Files.readAttributes(lock, java.nio.file.attribute.BasicFileAttributes.class)
          .fileKey();
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
          java.nio.file.StandardOpenOption.WRITE)) {
        java.nio.channels.FileLock l = ch.tryLock();
        if (l == null) {
          return false;
        }
        Object now = java.nio.file.Files.readAttributes(lock, java.nio.file.attribute.BasicFileAttributes.class)
            .fileKey();
        if (before == null || !before.equals(now)) {
          return false;
        }
        java.nio.file.Files.delete(lock);
        return true;
      }
    } catch (java.nio.channels.OverlappingFileLockException e) {
      // A run of this JVM holds it.
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static java.nio.channels.FileChannel createExclusive(Store store, Path path, String body)
      throws IOException {
    store.createExclusive(path, body);
    return null;
  }

  /** Another writer holds the output directory. */
  public static final class LockedException extends RuntimeException {
    public LockedException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock of {@code out} for {@code runId}.
   *
   * @param breakLock remove an existing lock first (the user says its owner is gone)
   */
  public static OutputLock take(OutputDirectory out, String runId, boolean breakLock) {
    Store store = out.store();
    Path path = new Path(out.root(), NAME);
    String host = hostName();
    long pid = ProcessHandle.current().pid();
    String startedAt = Instant.now().toString();
    String body = JSON.createObjectNode().put("tool", "province-compare").put("host", host).put("pid", pid)
        .put("run_id", runId).put("started_at", startedAt).toString() + "\n";
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        HELD.add(runId);
        OutputLock taken = store.isLocal() ? new OutputLock(store, path, runId, createLocked(path, runId, body))
            : new OutputLock(store, path, runId, createExclusive(store, path, body));
        HELD_FILES.put(path.toString(), new Holder(host, pid, runId, startedAt, Duration.ZERO));
        return taken;
      } catch (FileAlreadyExistsException e) {
        HELD.remove(runId);
        Holder ours = HELD_FILES.get(path.toString());
        Holder h = ours != null ? ours.now() : holder(store, path);
        if (ours != null && !breakLock) {
          throw locked(out, path, h);
        }
        if (attempt == 0 && !breakLock && store.isLocal() && removeIfUnheldLocal(path)) {
          Progress.say("removed a stale lock of " + OutputDirectory.display(out.root()) + ": " + h.describe()
              + " (that run is gone)");
          continue;
        }
        boolean stale = !store.isLocal() && h.host.equals(host) && (h.pid != pid && ProcessHandle.of(h.pid)
            .isEmpty() || h.pid == pid && !HELD.contains(h.runId));
        if (attempt == 0 && (breakLock || stale)) {
          Progress.say((breakLock ? "breaking the lock" : "removing a stale lock") + " of " + OutputDirectory
              .display(out.root()) + ": " + h.describe() + (stale && !breakLock ? " (that process is gone)" : ""));
          try {
            store.delete(path);
          } catch (IOException d) {
            throw new UncheckedIOException("removing the lock " + path, d);
          }
          continue;
        }
        throw locked(out, path, h);
      } catch (IOException e) {
        HELD.remove(runId);
        throw new UncheckedIOException("taking the lock " + path, e);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static LockedException locked(OutputDirectory out, Path path, Holder h) {
    return new LockedException("--out " + OutputDirectory.display(out.root()) + " is locked by another run: "
        + h.describe() + ". One run writes to an output directory at a time: wait for it to finish. If that "
        + "run was killed, run again with --break-lock (the lock is " + OutputDirectory.display(path) + ")");
  }

  private record Holder(String host, long pid, String runId, String startedAt, Duration age) {
    /** The same owner, its age as of now. */
    Holder now() {
      Duration a;
      try {
        a = Duration.between(Instant.parse(startedAt), Instant.now());
      } catch (RuntimeException e) {
        a = Duration.ZERO;
      }
      return new Holder(host, pid, runId, startedAt, a);
    }

    String describe() {
      return "run " + runId + " of process " + pid + " on " + host + ", started " + startedAt + " ("
          + age.toSeconds() + " s ago)";
    }
  }

  private static Holder holder(Store store, Path path) {
    try {
      JsonNode n = JSON.readTree(store.readString(path));
      String started = n.path("started_at").asText("?");
      Duration age;
      try {
        age = Duration.between(Instant.parse(started), Instant.now());
      } catch (RuntimeException e) {
        age = Duration.ZERO;
      }
      return new Holder(n.path("host").asText("?"), n.path("pid").asLong(-1), n.path("run_id").asText("?"),
          started, age);
    } catch (IOException | RuntimeException e) {
      // Half-written (the writer died inside its create) or removed meanwhile: an owner nobody can prove gone.
      return new Holder("?", -1, "?", "?", Duration.ZERO);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /**
   * What a process killed at this moment leaves: the lock file stays (stale), only this process forgets it holds
   * it, so its next run here sees a lock of a run of its own that no longer runs.
   */
  public void abandon() {
    released = true;
    HELD.remove(runId);
    HELD_FILES.computeIfPresent(path.toString(), (k, h) -> h.runId().equals(runId) ? null : h);
    closeChannel();
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing drops the OS lock; a failure here leaves it to the process's end.
      }
    }
  }

  /** Releases the lock (only this run's). */
  @Override
  public void close() {
    if (released) {
      return;
    }
    released = true;
    HELD.remove(runId);
    HELD_FILES.computeIfPresent(path.toString(), (k, h) -> h.runId().equals(runId) ? null : h);
    closeChannel();
    try {
      Holder h = holder(store, path);
      if (h.runId.equals(runId)) {
        store.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("releasing the lock " + path, e);
    }
  }
}
