package vn.provincecompare.bench;

/**
 * An input the DuckDB peer cannot use (a missing file, a missing column, a cell of the wrong type), named the way
 * the job's {@code DataException} names it: file, line, field, and what would be valid. Exit code 3, like the job.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final Long line;
  private final String field;

  public InputException(String file, Long line, String field, String problem) {
    super(format(file, line, field, problem));
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public Long line() {
    return line;
  }

  public String field() {
    return field;
  }

  private static String format(String file, Long line, String field, String problem) {
    StringBuilder where = new StringBuilder(file);
    if (line != null) {
      where.append(", line ").append(line);
    }
    if (field != null) {
      where.append(", field ").append(field);
    }
    return where + ": " + problem;
  }
}
