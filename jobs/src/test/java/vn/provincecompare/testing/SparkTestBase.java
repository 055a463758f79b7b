package vn.provincecompare.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One local SparkSession per test class: local[2], UI off, 2 shuffle partitions, UTC, bound to loopback.
 */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder()
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
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
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
