package vn.provincecompare.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.errors.UsageException;

/**
 * The job's one file-system layer: every file it reads or writes outside Spark's own table reads and writes goes
 * through here, as Hadoop {@link FileSystem} (and, for the atomic pointer replace, {@link FileContext}) for the
 * path's scheme. A plain path is a path of the driver's disk and is given the {@code file:} scheme (never the
 * cluster's default file system, which on YARN is usually HDFS); on it the raw local file system is used, so no
 * {@code .crc} side files appear beside the manifest or the pointer (as before this layer).
 *
 * <p>What differs between stores is a capability, not a name: {@link #atomicRename()} (HDFS and local disks: a
 * rename of a directory is atomic, and a file can be replaced atomically) chooses the publish protocol.
 */
public final class Store {
  /** A URI scheme of two or more characters (hdfs:, s3a:, file:); one letter would be a Windows drive. */
  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

  /** Schemes the job reads and publishes on, and what each is. */
  public static final List<String> SCHEMES = List.of("file", "hdfs");

  private final FileSystem fs;
  private final Configuration conf;
  private final String scheme;

  private Store(FileSystem fs, Configuration conf, String scheme) {
    this.fs = fs;
    this.conf = conf;
    this.scheme = scheme;
  }

  /** The scheme of a path as given ({@code file} for a plain path). */
  public static String schemeOf(String given) {
    var m = URI_SCHEME.matcher(given);
    return m.find() ? given.substring(0, m.end() - 1).toLowerCase(Locale.ROOT) : "file";
  }

  /** True when the text starts with a URI scheme ({@code file:}, {@code hdfs:}, ...). */
  public static boolean hasScheme(String given) {
    return URI_SCHEME.matcher(given).find();
  }

  /** True for a path with no scheme or {@code file:}: a path of the driver's own disk. */
  public static boolean isLocal(String given) {
    return schemeOf(given).equals("file");
  }

  /**
   * Refuses a scheme the job does not support, naming the key, what was given and what would be valid; before
   * any connection is tried.
   */
  public static void requireSupported(String key, String given) {
    if (given == null) {
      return;
    }
    String scheme = schemeOf(given);
    if (scheme.equals("s3a") || scheme.equals("s3") || scheme.equals("s3n")) {
      throw new UsageException(key + " " + given + ": S3 (s3a://) is not supported yet: S3 has no atomic rename, so "
          + "it needs its own publish protocol (issue 17, phase 3). Use a local path or hdfs://namenode:port/path "
          + "(see README, Running on a cluster)");
    }
    if (!SCHEMES.contains(scheme)) {
      throw new UsageException(key + " " + given + ": unknown file-system scheme '" + scheme + ":'; give a local "
          + "path, file:/path or hdfs://namenode:port/path (see README, Running on a cluster)");
    }
    if (scheme.equals("file") && given.regionMatches(true, 0, "file:", 0, 5)
        && given.length() > 7 && given.startsWith("//", 5) && given.charAt(7) != '/') {
      throw new UsageException(key + " " + given + ": a file: URI names a path of this machine: file:///path or "
          + "file:/path (a host after file:// is not supported)");
    }
  }

  /**
   * The Hadoop settings of this run: the active Spark session's (which holds {@code spark.hadoop.*} and the
   * {@code core-site.xml}/{@code hdfs-site.xml} of {@code HADOOP_CONF_DIR}) when one runs, else Hadoop's defaults
   * plus every {@code spark.hadoop.*} system property (what spark-submit and {@code bin/province-compare --conf}
   * set), so the checks made before Spark starts see the same file systems as the run.
   */
  public static Configuration configuration() {
    Optional<SparkSession> active = SparkSession.getActiveSession().isDefined()
        ? Optional.of(SparkSession.getActiveSession().get())
        : SparkSession.getDefaultSession().isDefined() ? Optional.of(SparkSession.getDefaultSession().get())
        : Optional.empty();
    if (active.isPresent() && !active.get().sparkContext().isStopped()) {
      return active.get().sparkContext().hadoopConfiguration();
    }
    Configuration conf = new Configuration();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("spark.hadoop.")) {
        conf.set(key.substring("spark.hadoop.".length()), System.getProperty(key));
      }
    }
    return conf;
  }

  /**
   * The path a user gave as a qualified Hadoop path: a plain path made absolute and normalised on the driver's
   * disk with {@code file:}, a URI as given.
   */
  public static Path qualify(String given) {
    if (isLocal(given)) {
      String local = given.regionMatches(true, 0, "file:", 0, 5) ? new Path(given).toUri().getPath() : given;
      // Path(String) quotes what a URI cannot hold (a space, '%'), so the text names this very directory.
      return new Path("file://" + Paths.get(local).toAbsolutePath().normalize());
    }
    return new Path(given);
  }

  /** A local path of the driver's disk as a qualified Hadoop path. */
  public static Path of(java.nio.file.Path local) {
    return new Path("file://" + local.toAbsolutePath().normalize());
  }

  /** The driver-disk path of a {@code file:} path. */
  public static java.nio.file.Path local(Path path) {
    return Paths.get(path.toUri().getPath());
  }

  /** The store holding {@code path} (a qualified path), with this run's Hadoop settings. */
  public static Store forPath(Path path) {
    return forPath(path, configuration());
  }

  public static Store forPath(Path path, Configuration conf) {
    URI uri = path.toUri();
    String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
    try {
      FileSystem fs = scheme.equals("file") ? FileSystem.getLocal(conf).getRawFileSystem()
          : FileSystem.get(uri, conf);
      return new Store(fs, conf, scheme);
    } catch (IOException | RuntimeException e) {
      throw new UsageException(path + ": cannot reach the file system: " + describe(e), e);
    }
  }

  /**
   * The first line of an I/O failure and of its cause (Hadoop's messages carry multi-line advice and the
   * configuration's values; never a credential, since none is put in a message here).
   */
  public static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null && b.length() < 400; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst()
          .orElse("");
      if (b.indexOf(m) < 0) {
        b.append(b.length() == 0 ? "" : ": ").append(m);
      }
    }
    return b.toString();
  }

  public String scheme() {
    return scheme;
  }

  /** The driver's own disk: symbolic links (the {@code current} link) exist here only. */
  public boolean isLocal() {
    return scheme.equals("file");
  }

  /**
   * True where renaming a directory is atomic and a file can be replaced atomically (local disks, NFS, HDFS): the
   * publish protocol stages a run and renames it. Object stores (S3) have neither.
   */
  public boolean atomicRename() {
    return isLocal() || scheme.equals("hdfs") || scheme.equals("viewfs");
  }

  public FileSystem fs() {
    return fs;
  }

  /** What Spark is given for a path: the qualified text, with its scheme. */
  public static String sparkPath(Path path) {
    return path.toString();
  }

  public boolean exists(Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("checking " + p, e);
    }
  }

  public Optional<FileStatus> status(Path p) {
    try {
      return Optional.of(fs.getFileStatus(p));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("checking " + p, e);
    }
  }

  public boolean isFile(Path p) {
    return status(p).map(FileStatus::isFile).orElse(false);
  }

  public boolean isDirectory(Path p) {
    return status(p).map(FileStatus::isDirectory).orElse(false);
  }

  /** The entries of a directory, sorted by name. */
  public List<FileStatus> list(Path dir) {
    try {
      List<FileStatus> all = new ArrayList<>(List.of(fs.listStatus(dir)));
      all.sort(java.util.Comparator.comparing((FileStatus s) -> s.getPath().getName()));
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
  }

  public void mkdirs(Path p) throws IOException {
    if (!fs.mkdirs(p)) {
      throw new IOException("cannot create directory " + p);
    }
  }

  public InputStream open(Path p) throws IOException {
    return fs.open(p);
  }

  public byte[] readAllBytes(Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }

  public String readString(Path p) throws IOException {
    return new String(readAllBytes(p), StandardCharsets.UTF_8);
  }

  /** Creates a file, replacing one of that name. */
  public OutputStream create(Path p) throws IOException {
    return fs.create(p, true);
  }

  public void writeString(Path p, String text) throws IOException {
    try (OutputStream out = fs.create(p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Creates a file that must not exist yet, atomically (HDFS and local file systems: one create with
   * {@code overwrite=false}); the loser of a race gets {@link org.apache.hadoop.fs.FileAlreadyExistsException}.
   */
  public void createExclusive(Path p, String text) throws IOException {
    if (isLocal()) {
      // The raw local file system's create(overwrite=false) checks, then creates: two racing writers could both
      // win. java.nio's CREATE_NEW is one open(O_CREAT | O_EXCL).
      try (OutputStream out = java.nio.file.Files.newOutputStream(local(p), java.nio.file.StandardOpenOption
          .CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        throw new org.apache.hadoop.fs.FileAlreadyExistsException(p + " exists");
      }
      return;
    }
    try (OutputStream out = fs.create(p, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Renames a file or directory to a name that does not exist yet (atomic on HDFS and local disks). */
  public void rename(Path from, Path to) throws IOException {
    if (fs.exists(to)) {
      throw new org.apache.hadoop.fs.FileAlreadyExistsException("cannot rename " + from + " to " + to
          + ": the target exists");
    }
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  /**
   * Replaces {@code to} (a file) by {@code from} in one atomic step: {@code rename(2)} on the driver's disk (as
   * java.nio's atomic move), {@link FileContext#rename} with {@link Options.Rename#OVERWRITE} elsewhere (HDFS
   * replaces the file in one namenode operation). A reader sees the old file or the new one.
   */
  public void replace(Path from, Path to) throws IOException {
    if (!atomicRename()) {
      throw new IllegalStateException(scheme + ": has no atomic rename, so no atomic replace");
    }
    if (isLocal()) {
      java.nio.file.Files.move(local(from), local(to), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } else {
      FileContext.getFileContext(to.toUri(), conf).rename(from, to, Options.Rename.OVERWRITE);
    }
  }

  /** Deletes a file or a whole directory; absent is fine. */
  public void delete(Path p) throws IOException {
    fs.delete(p, true);
  }

  /**
   * Copies the files directly in {@code from} into {@code to} (created), keeping each file's modification time.
   */
  public void copyFiles(Path from, Path to) throws IOException {
    mkdirs(to);
    for (FileStatus f : list(from)) {
      if (!f.isFile()) {
        continue;
      }
      Path target = new Path(to, f.getPath().getName());
      try (InputStream in = fs.open(f.getPath()); OutputStream out = fs.create(target, false)) {
        in.transferTo(out);
      }
      fs.setTimes(target, f.getModificationTime(), -1);
    }
  }

  /** Copies a whole tree of this store to the driver's disk (an input folder read on a cluster's store). */
  public void copyTreeToLocal(Path from, java.nio.file.Path to) throws IOException {
    FileStatus st = fs.getFileStatus(from);
    if (st.isFile()) {
      java.nio.file.Files.createDirectories(to.toAbsolutePath().getParent());
      try (InputStream in = fs.open(from)) {
        java.nio.file.Files.copy(in, to);
      }
      return;
    }
    java.nio.file.Files.createDirectories(to);
    for (FileStatus f : list(from)) {
      copyTreeToLocal(f.getPath(), to.resolve(f.getPath().getName()));
    }
  }

  /**
   * Whether {@code inner} is {@code outer} or lies inside it (both qualified): same scheme and authority (a
   * {@code file:/x} and a {@code file:///x} are one place; host names without case), and the path of one a prefix
   * of the other's by whole segments. An authority with and one without the default port are not seen as one
   * (qualify both through the file system first).
   */
  public static boolean isInside(Path inner, Path outer) {
    URI a = inner.toUri().normalize();
    URI b = outer.toUri().normalize();
    if (!java.util.Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        || !java.util.Objects.equals(lowerOrNull(blankToNull(a.getAuthority())),
            lowerOrNull(blankToNull(b.getAuthority())))) {
      return false;
    }
    String pa = a.getPath() == null ? "" : a.getPath();
    String pb = b.getPath() == null ? "" : b.getPath();
    while (pa.length() > 1 && pa.endsWith("/")) {
      pa = pa.substring(0, pa.length() - 1);
    }
    while (pb.length() > 1 && pb.endsWith("/")) {
      pb = pb.substring(0, pb.length() - 1);
    }
    return pa.equals(pb) || pa.startsWith(pb.endsWith("/") ? pb : pb + "/");
  }

  /** Host names compare without case ({@code hdfs://NN:8020} is {@code hdfs://nn:8020}). */
  private static String lowerOrNull(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static String lower(String s) {
    return s == null ? "file" : s.toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
