package vn.provincecompare.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One local Spark context per test JVM (local[2], UI off, 2 shuffle partitions, UTC, bound to loopback), shared by
 * every test class: starting Spark costs a second or more, paid once instead of once per class (STYLE.md habit
 * 13). Each class gets its own {@link SparkSession#newSession() session} of that context, so a setting one class
 * changes ({@code spark.conf().set}) does not leak into the next. Spark's own shutdown hook stops the context when
 * the JVM exits. A context stopped by a test (a CLI call that started its own) is started again for the next class.
 */
public abstract class SparkTestBase {
  private static SparkSession shared;
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = sharedSession().newSession();
  }

  @AfterAll
  static void releaseSession() {
    spark = null;
  }

  /** The JVM's one session, started on first use (and again if something stopped its context). */
  static synchronized SparkSession sharedSession() {
    if (shared == null || shared.sparkContext().isStopped()) {
      shared = SparkSession.builder()
          .master("local[2]")
          .appName("province-compare-test")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.buffer.pageSize", "2m")
          .getOrCreate();
      shared.sparkContext().setLogLevel("WARN");
    }
    return shared;
  }

  /** The repository root (set by Surefire), for tests that read bundled data. */
  public static Path repoRoot() {
    String repo = System.getProperty("province.compare.repo");
    return repo == null ? Paths.get("..").toAbsolutePath().normalize() : Paths.get(repo);
  }

  /** The shared data folder beside the repository ({@code ../shared}). */
  public static Path sharedRoot() {
    return repoRoot().resolve("../shared").normalize();
  }
}
