package vn.provincecompare.ingest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.provincecompare.cells.CellText;
import vn.provincecompare.errors.DataException;

/** Resolves a source's path (a file or a glob in the file name) against the repository. */
public final class SourceFiles {
  private SourceFiles() {}

  /** The files a spec names, sorted by name; a path that matches nothing is a {@link DataException}. */
  public static List<Path> resolve(Path repoRoot, String path) {
    Path full = repoRoot.resolve(path).normalize();
    String name = full.getFileName().toString();
    if (!name.contains("*") && !name.contains("?") && !name.contains("{") && !name.contains("[")) {
      if (Files.isDirectory(full)) {
        throw DataException.inFile(path, "is a directory, not a file (looked at " + full + "); give a file, or a "
            + "pattern of files such as " + path.replaceAll("/+$", "") + "/*.csv");
      }
      if (!Files.isRegularFile(full)) {
        throw DataException.inFile(path, "file not found (looked for " + full + ")");
      }
      return List.of(full);
    }
    Path dir = full.getParent();
    PathMatcher matcher = glob(path, name);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> matcher.matches(p.getFileName())).filter(Files::isRegularFile)
          .sorted().toList();
      if (found.isEmpty()) {
        throw DataException.inFile(path, "no file matches this pattern in " + dir);
      }
      return found;
    } catch (IOException e) {
      throw DataException.inFile(path, "cannot list " + dir + ": " + e.getMessage());
    }
  }

  /**
   * The matcher of a file-name pattern; a name with an unclosed {@code [} or {@code {} (a file called
   * "PAPI [2024.csv") is a data error naming the path, not a crash.
   */
  static PathMatcher glob(String path, String name) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + name);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw DataException.inFile(path, "'" + CellText.visible(name) + "' is not a valid file pattern ("
          + e.getDescription() + "); a name with *, ?, [ or { is read as a pattern: rename the file or close the "
          + "bracket");
    }
  }

  /** How messages and tables name a file: relative to the repository when it is inside it. */
  public static String displayName(Path repoRoot, Path file) {
    Path root = repoRoot.toAbsolutePath().normalize();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }

  /** The year a one-file-per-year source takes from its file name. */
  public static String yearFromFilename(String regex, Path file, String displayName) {
    Matcher m = Pattern.compile(regex).matcher(file.getFileName().toString());
    if (!m.find() || m.groupCount() < 1) {
      throw DataException.inFile(displayName, "the file name does not match year_from_filename '" + regex + "'");
    }
    return m.group(1);
  }
}
