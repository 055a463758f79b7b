package vn.provincecompare.publish;

import java.io.PrintStream;

/**
 * Progress lines of a command-line run on stderr, stage by stage ({@code reading 37 sources}, {@code validating},
 * {@code writing table 4 of 10: rankings}, its row count), the way {@code spark-submit} users expect; silenced with
 * {@code --quiet}. stdout keeps the run's result (the accounting, where the run went), so scripts can read it.
 *
 * <p>Silent unless the command line switched it on ({@link #to}): a run started from a test or a notebook prints
 * nothing here.
 */
public final class Progress {
  /** Every progress line starts with this; the CLI's own messages (errors) start with {@code province-compare:}. */
  public static final String PREFIX = "[province-compare] ";

  private static volatile PrintStream sink;

  private Progress() {}

  /** Where the lines go from now on; null silences them. Returns the previous sink, to restore. */
  public static PrintStream to(PrintStream out) {
    PrintStream previous = sink;
    sink = out;
    return previous;
  }

  /** One line, {@code [province-compare] <what>}. */
  public static void say(String what) {
    PrintStream out = sink;
    if (out != null) {
      out.println(PREFIX + what);
      out.flush();
    }
  }
}
