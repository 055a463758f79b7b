package vn.provincecompare.publish;

/**
 * Test-only: named moments of publishing at which a crash test stops the process with SIGKILL. Inert (one
 * property read) unless a system property is set, so a production run never prints or waits here.
 *
 * <ul>
 *   <li>{@code -Dprovince.compare.test.announce=true}: print {@code POINT <name>} at every point, so a test can
 *       kill a chosen time after one (in the middle of a table's write, say);</li>
 *   <li>{@code -Dprovince.compare.test.pauseAt=<name>}: at that point print {@code PAUSE <name>} and block
 *       forever, so the test kills the process exactly there.</li>
 * </ul>
 *
 * <p>Points: {@code run-start} (staging chosen, before any input is read), {@code before:<table>} and
 * {@code after:<table>} around each table's write, {@code manifest-written}, {@code renamed} (run directory in
 * place, pointers not moved), {@code pointer-tmp} (new CURRENT written beside the old), {@code pointer-file}
 * (CURRENT moved, link not), {@code link-tmp}, {@code pointer-link} (both moved, old runs not cleaned).
 *
 * <p>A test in the same JVM can also {@link #observeInProcess observe} every point and throw there: nothing between a
 * point and the caller catches an {@code Error} or cleans up, so a run stopped that way leaves on disk exactly
 * what a SIGKILL at that point leaves, for the cost of a run on a warm session instead of a cold JVM.
 */
public final class CrashPoints {
  public static final String PAUSE_AT = "province.compare.test.pauseAt";
  public static final String ANNOUNCE = "province.compare.test.announce";

  private static volatile java.util.function.Consumer<String> observer;

  private CrashPoints() {}

  /** Test-only: {@code hook} sees every point reached in this JVM (null to stop observing). */
  public static void observeInProcess(java.util.function.Consumer<String> hook) {
    observer = hook;
  }

  public static void reach(String point) {
    java.util.function.Consumer<String> hook = observer;
    if (hook != null) {
      hook.accept(point);
    }
    String pauseAt = System.getProperty(PAUSE_AT);
    boolean pause = point.equals(pauseAt);
    if (!pause && !Boolean.getBoolean(ANNOUNCE)) {
      return;
    }
    System.out.println((pause ? "PAUSE " : "POINT ") + point);
    System.out.flush();
    while (pause) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
