package vn.provincecompare.errors;

/**
 * A problem with input data that makes a whole file (or the run) unusable: missing, empty, unreadable, wrong
 * delimiter, a required column missing, fatal checks failed. The CLI exits with code 3.
 *
 * <p>The message always names the file and, where there is one, the line and field, and says what would be
 * valid. Row-level problems never throw: they go to quarantine.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final Integer line;
  private final String field;

  public DataException(String file, Integer line, String field, String problem) {
    super(format(file, line, field, problem));
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public DataException(String file, Integer line, String field, String problem, Throwable cause) {
    super(format(file, line, field, problem), cause);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  /** A problem with a file as a whole. */
  public static DataException inFile(String file, String problem) {
    return new DataException(file, null, null, problem);
  }

  public String file() {
    return file;
  }

  public Integer line() {
    return line;
  }

  public String field() {
    return field;
  }

  private static String format(String file, Integer line, String field, String problem) {
    StringBuilder where = new StringBuilder(file == null ? "<input>" : file);
    if (line != null) {
      where.append(", line ").append(line);
    }
    if (field != null) {
      where.append(", field '").append(field).append('\'');
    }
    return where + ": " + problem;
  }
}
