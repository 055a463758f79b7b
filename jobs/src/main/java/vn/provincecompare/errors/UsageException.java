package vn.provincecompare.errors;

/**
 * A wrong command line or configuration: unknown option or key, bad year, unknown province, unsafe output
 * path. The message says what was wrong and what would be valid. The CLI exits with code 2.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
