package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Where each target's trend leads by its target year: least squares lines over the last observed years of the
 * unit of its latest observation (for {@link TargetGaps}), for values, ranks and the basis of a band target's band.
 */
final class TargetProjection {

  private static final String BASIS_PERCENTILE = "percentile";

  private TargetProjection() {
  }

  /**
   * Per target, from the series of the unit (and frame) of its latest observation, in one pass: the base-year
   * value (change targets) and ordinary least squares lines over the last k observed years up to the latest
   * observation, evaluated at the target year, for values (cut at the latest method break, since scores across
   * a break are not comparable), ranks, and the basis of a band target's band (value or percentile), the last
   * mapped back to the band that contains it.
   */
  static Dataset<Row> lines(ReportSettings settings, Dataset<Row> bands, Dataset<Row> changes,
      Dataset<Row> rankings, Dataset<Row> targets) {
    int k = settings.projectionYears();
    Dataset<Row> breaks = changes.where(col("is_method_break").equalTo(true))
        .groupBy(col("unit_frame").as("latest_unit_frame"), col("unit_code").as("latest_unit_code"),
            col("indicator_code"))
        .agg(collect_list(col("year")).as("break_years"));
    Dataset<Row> series = rankings.select(col("unit_frame").as("latest_unit_frame"),
        col("unit_code").as("latest_unit_code"), col("indicator_code"), col("year"), col("value"),
        col("rank").cast("double").as("rank_y"), col("percentile"));
    Column inWindow = col("year").leq(col("latest_year"));
    Column valueOk = inWindow.and(col("value").isNotNull())
        .and(col("last_break_year").isNull().or(col("year").geq(col("last_break_year"))));
    Column rankOk = inWindow.and(col("rank_y").isNotNull());
    Column basisOk = inWindow.and(col("basis_y").isNotNull());
    WindowSpec recentFirst = Window.partitionBy("target_id").orderBy(col("year").desc_nulls_last())
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column x = col("year").minus(col("target_year")).cast("double");

    List<Column> sums = new ArrayList<>();
    sums.addAll(lineSums("value", valueOk.and(col("value_recency").leq(k)), x, col("value")));
    sums.addAll(lineSums("rank", rankOk.and(col("rank_recency").leq(k)), x, col("rank_y")));
    sums.addAll(lineSums("basis", basisOk.and(col("basis_recency").leq(k)), x, col("basis_y")));
    sums.add(max(col("break_since_base")).as("break_since_base"));

    Dataset<Row> fitted = targets.where(col("latest_year").isNotNull())
        .select(col("target_id"), col("indicator_code"), col("latest_unit_frame"), col("latest_unit_code"),
            col("latest_year"), col("target_year"), col("base_year"), col("target_band_basis"))
        .join(breaks, Rankings.seq("latest_unit_frame", "latest_unit_code", "indicator_code"), "left_outer")
        .withColumn("last_break_year", expr("array_max(filter(break_years, y -> y <= latest_year))"))
        // A year whose change crosses a break (changes.is_method_break) after the base year, up to the latest: with
        // the base year observed, exactly a catalog break in (base_year, latest_year].
        .withColumn("break_since_base",
            expr("exists(break_years, y -> y > base_year AND y <= latest_year)"))
        .join(series, Rankings.seq("latest_unit_frame", "latest_unit_code", "indicator_code"), "inner")
        .withColumn("basis_y", when(col("target_band_basis").equalTo(BASIS_PERCENTILE), col("percentile"))
            .otherwise(col("value")))
        // Usable years counted from the latest back: a year is on a line when its count is <= k.
        .withColumns(Map.of(
            "value_recency", sum(when(valueOk, lit(1)).otherwise(lit(0))).over(recentFirst),
            "rank_recency", sum(when(rankOk, lit(1)).otherwise(lit(0))).over(recentFirst),
            "basis_recency", sum(when(basisOk, lit(1)).otherwise(lit(0))).over(recentFirst)))
        .groupBy(col("target_id"), col("indicator_code"), col("target_year"), col("target_band_basis"))
        .agg(max(when(col("year").equalTo(col("base_year")), col("value"))).as("base_value"),
            sums.toArray(new Column[0]))
        .withColumns(Map.of(
            "value_projection", olsAtTargetYear("value"),
            "rank_projection", olsAtTargetYear("rank"),
            // greatest() skips nulls: without the guard, a target with no line would be clamped from null to 0
            // and handed the lowest band as its projection.
            "projected_basis", when(col("target_band_basis").equalTo(BASIS_PERCENTILE),
                when(olsAtTargetYear("basis").isNotNull(),
                    least(greatest(olsAtTargetYear("basis"), lit(0.0)), lit(100.0))))
                .otherwise(olsAtTargetYear("basis"))));

    Dataset<Row> bandRows = bands.select(col("indicator_code").as("pb_indicator"),
        col("band_code").as("projected_band_code"), col("band_rank").cast("int").as("projected_band_rank"),
        col("basis").as("pb_basis"), col("lower").cast("double").as("pb_lower"),
        col("upper").cast("double").as("pb_upper"), col("first_year").cast("int").as("pb_first_year"),
        col("last_year").cast("int").as("pb_last_year"));
    WindowSpec bestBandFirst = Window.partitionBy("target_id")
        .orderBy(col("projected_band_rank").asc_nulls_last(), col("projected_band_code").asc_nulls_last());
    return fitted
        .join(bandRows, col("projected_basis").isNotNull()
            .and(col("pb_indicator").equalTo(col("indicator_code")))
            .and(col("pb_basis").equalTo(col("target_band_basis")))
            .and(col("pb_first_year").isNull().or(col("pb_first_year").leq(col("target_year"))))
            .and(col("pb_last_year").isNull().or(col("pb_last_year").geq(col("target_year"))))
            .and(col("pb_lower").isNull().or(col("pb_lower").leq(col("projected_basis"))))
            .and(col("pb_upper").isNull().or(col("projected_basis").lt(col("pb_upper")))), "left_outer")
        .withColumn("pb_pick", row_number().over(bestBandFirst))
        .where(col("pb_pick").equalTo(1))
        .select(col("target_id"), col("base_value"), col("break_since_base"), col("value_projection"),
            col("value_n").as("value_points"),
            col("rank_projection"), col("rank_n").as("rank_points"), col("basis_n").as("basis_points"),
            col("projected_band_code"), col("projected_band_rank"));
  }

  /** The sums an ordinary least squares line needs, over the rows where {@code use} holds. */
  private static List<Column> lineSums(String name, Column use, Column x, Column y) {
    return List.of(
        sum(when(use, lit(1)).otherwise(lit(0))).cast("int").as(name + "_n"),
        sum(when(use, x)).as(name + "_sx"),
        sum(when(use, y)).as(name + "_sy"),
        sum(when(use, x.multiply(y))).as(name + "_sxy"),
        sum(when(use, x.multiply(x))).as(name + "_sxx"));
  }

  /**
   * The line's value at the target year. Years are centred on the target year (x = year - target year), so
   * that value is the intercept: b = (n Sxy - Sx Sy) / (n Sxx - Sx^2), a = (Sy - b Sx) / n. Distinct years make
   * the denominator positive from two points on; below two there is no line.
   */
  private static Column olsAtTargetYear(String name) {
    Column n = col(name + "_n");
    Column sx = col(name + "_sx");
    Column sy = col(name + "_sy");
    Column slope = n.multiply(col(name + "_sxy")).minus(sx.multiply(sy))
        .divide(n.multiply(col(name + "_sxx")).minus(sx.multiply(sx)));
    return when(n.geq(2), sy.minus(slope.multiply(sx)).divide(n));
  }
}
