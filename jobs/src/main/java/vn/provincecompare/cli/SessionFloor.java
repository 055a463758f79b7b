package vn.provincecompare.cli;

import org.apache.spark.sql.SparkSession;
import vn.provincecompare.config.JobConfig;

/**
 * Starts and stops the same local Spark session a run uses, and does nothing else: the fixed cost floor that
 * bench/bundled-run.py measures a run against.
 */
public final class SessionFloor {
  private SessionFloor() {}

  public static void main(String[] args) {
    SparkSession spark = Pipeline.session(JobConfig.defaults());
    // One trivial action, so that the floor includes what every job pays to launch its first task.
    spark.range(1).count();
    spark.stop();
  }
}
