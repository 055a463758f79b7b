package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Whether a score change between two years is larger than survey noise, from the standard errors both years
 * publish: z = (value - prev_value) / sqrt(std_error^2 + prev_std_error^2), significant at 95% (two-sided) when
 * |z| > 1.959964. The two years are independent samples (PAPI draws a new sample of respondents each year), so
 * the variances add and there is no covariance term.
 *
 * <p>A separate pure transform, not a part of {@link Changes}, so that the changes table's own column list can
 * change without this (and the other way round).
 */
public final class ChangeSignificance {

  /** The two-sided 95% point of the standard normal distribution, Phi^-1(0.975). */
  public static final double Z_95 = 1.959963984540054;

  private ChangeSignificance() {
  }

  /**
   * {@code changes} plus {@code z_change} (double) and {@code is_change_significant} (boolean), both null unless
   * both years have a value and a positive standard error: without a published error there is no test, and a
   * false "not significant" would be as wrong as a false "significant".
   *
   * @param changes rows with {@code value}, {@code prev_value}, {@code std_error} and {@code prev_std_error}
   */
  public static Dataset<Row> withSignificance(Dataset<Row> changes) {
    Column variance = pow(col("std_error"), 2).plus(pow(col("prev_std_error"), 2));
    Column testable = col("value").isNotNull().and(col("prev_value").isNotNull())
        .and(col("std_error").isNotNull()).and(col("prev_std_error").isNotNull())
        .and(col("std_error").gt(0)).and(col("prev_std_error").gt(0));
    Column z = when(testable, col("value").minus(col("prev_value")).divide(sqrt(variance)));
    return changes
        .withColumn("z_change", z)
        .withColumn("is_change_significant", when(col("z_change").isNotNull(), abs(col("z_change")).gt(lit(Z_95))));
  }
}
