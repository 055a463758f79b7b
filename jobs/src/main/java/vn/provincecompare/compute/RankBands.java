package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Band lookup without a range join. The catalog's bands are folded into one array per indicator (a few dozen
 * rows at most), joined to each row by indicator code, and the matching band is picked inside the row with
 * array functions. A row therefore never multiplies, whatever the band table holds.
 */
final class RankBands {

  /** Name of the per-indicator array column made by {@link #candidatesByIndicator}. */
  static final String CANDIDATES = "band_candidates";

  static final String BASIS_VALUE = "value";
  static final String BASIS_PERCENTILE = "percentile";

  private RankBands() {
  }

  /**
   * {@code indicator_code, band_candidates}: every band of the indicator, all years. The struct starts with
   * band_rank then band_code, so array_min over matches picks the best band deterministically should the
   * catalog ever hold overlapping bands (it must not; the catalog checks that).
   */
  static Dataset<Row> candidatesByIndicator(Dataset<Row> bands) {
    return bands
        .groupBy(col("indicator_code"))
        .agg(collect_list(struct(
            col("band_rank").cast("int").as("band_rank"),
            col("band_code"),
            col("basis"),
            col("lower").cast("double").as("lower"),
            col("upper").cast("double").as("upper"),
            col("first_year").cast("int").as("first_year"),
            col("last_year").cast("int").as("last_year"))).as(CANDIDATES))
        .select(col("indicator_code"), col(CANDIDATES));
  }

  /**
   * The band (struct with band_rank, band_code) a row falls in: valid for {@code year}, and
   * {@code lower <= x < upper} where x is the value or the percentile as the band's basis says; a null bound
   * is unbounded. Null when no band matches or the indicator has none.
   */
  static Column bandFor(Column candidates, Column year, Column value, Column percentile) {
    return array_min(filter(candidates, b -> {
      Column x = when(b.getField("basis").equalTo(lit(BASIS_VALUE)), value)
          .when(b.getField("basis").equalTo(lit(BASIS_PERCENTILE)), percentile);
      return validIn(b, year)
          .and(x.isNotNull())
          .and(b.getField("lower").isNull().or(x.geq(b.getField("lower"))))
          .and(b.getField("upper").isNull().or(x.lt(b.getField("upper"))));
    }));
  }

  /** The rank of band {@code bandCode} in the banding valid for {@code year}, or null if it has none then. */
  static Column rankOfCodeIn(Column candidates, Column year, Column bandCode) {
    return array_min(filter(candidates,
        b -> validIn(b, year).and(b.getField("band_code").equalTo(bandCode))))
        .getField("band_rank");
  }

  private static Column validIn(Column band, Column year) {
    return band.getField("first_year").isNull().or(year.geq(band.getField("first_year")))
        .and(band.getField("last_year").isNull().or(year.leq(band.getField("last_year"))));
  }
}
