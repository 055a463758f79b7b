package vn.provincecompare.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provincecompare.catalog.Frame;
import vn.provincecompare.validate.Accounting;
import vn.provincecompare.validate.Check;
import vn.provincecompare.validate.QualityReport;
import vn.provincecompare.validate.RowChecks;

/** Ingest's row checks over a table prepared elsewhere, whose units and indicators arrive as codes, not names. */
public final class PreparedRowChecks {
  private PreparedRowChecks() {}

  /**
   * A canonical {@code indicator_values} prepared elsewhere ({@code compare --indicator-values}) after the same
   * row checks and duplicate marking as ingest's: its accepted rows as they were given, and its quarantine.
   *
   * @param accepted    the rows that passed, in the canonical columns, values as given (not re-parsed)
   * @param quarantine  the rows that failed, in the quarantine's columns
   * @param input       rows of the prepared table
   */
  public record Result(Dataset<Row> accepted, Dataset<Row> quarantine, long input, List<Check> checks,
      Observation quarantineObserved, Dataset<Row> checked) {

    /**
     * Where every prepared row went. The quarantine's counts come from its write (write it first); the accepted
     * rows are counted in one pass over the kept checked rows, with the metrics ingest's write observes. Nothing
     * is derived here: a prepared {@code derived} row is an input row like any other.
     */
    public Accounting accounting() {
      Map<String, String> levels = new LinkedHashMap<>();
      checks.forEach(c -> levels.put(c.name(), c.level()));
      QualityReport.SET_CHECKS.forEach(c -> levels.put(c[0], c[1]));
      Column[] metrics = Accounting.indicatorValuesMetrics(lit(false));
      Row counted = accepted.agg(IngestStage.first(metrics), IngestStage.rest(metrics)).first();
      Map<String, Object> accepted = new LinkedHashMap<>();
      for (String name : counted.schema().fieldNames()) {
        accepted.put(name, counted.getAs(name));
      }
      try {
        return Accounting.observed(input, accepted, quarantineObserved.getAsJava(), levels,
            checks.stream().map(Check::name).toList());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the quarantine's counts", e);
      }
    }

    /** The checks' results from an {@link #accounting()} already taken (it costs a pass over the kept rows). */
    public Dataset<Row> dqResults(SparkSession spark, Accounting accounting) {
      return QualityReport.dqResults(spark, checks, accounting);
    }

    public void release() {
      checked.unpersist();
    }
  }

  /**
   * Checks prepared canonical rows, given as raw observations ({@link ExternalIndicatorValues#rawObservations}).
   * Their units are codes, so a unit resolves when {@code (unit_frame, unit_code)} is a row of {@code units}
   * (the catalog's units table) and is {@code UNKNOWN_UNIT} otherwise; their indicators are codes of the catalog.
   */
  public static Result check(IngestStage.CatalogView catalog, Dataset<Row> units, Dataset<Row> raw, long input,
      int runYear) {
    Dataset<Row> known = units.select(col("unit_frame").as("known_frame"), col("unit_code").as("known_code"),
        lit(true).as("is_known"));
    List<String> frameCodes = catalog.resolver().catalog().frames().stream().map(Frame::code).toList();
    Dataset<Row> pairs = raw.select(col("raw_unit"), col("unit_frame")).distinct();
    Column inFrame = col("unit_frame").isin(frameCodes.toArray());
    Dataset<Row> unitResolution = pairs.join(known, col("raw_unit").equalTo(col("known_code"))
            .and(col("unit_frame").equalTo(col("known_frame"))), "left")
        .select(col("raw_unit"), col("unit_frame"), col("known_code").as("unit_code"),
            when(inFrame.isNull().or(inFrame.unary_$bang()), lit("FRAME_UNDETERMINED"))
                .when(col("is_known").isNull(), lit("UNKNOWN_UNIT")).as("unit_error_code"),
            when(col("is_known").isNull(), org.apache.spark.sql.functions.concat(lit("unit code '"),
                org.apache.spark.sql.functions.coalesce(col("raw_unit"), lit("")), lit("' is not a unit of frame "),
                org.apache.spark.sql.functions.coalesce(col("unit_frame"), lit("")),
                lit(" in reference/units.csv"))).as("unit_error_message"));
    Dataset<Row> indicatorResolution = catalog.indicatorTable().select(col("indicator_code").as("raw_indicator"),
        col("indicator_code"));
    List<Check> checks = RowChecks.standardChecks(catalog.missingValueCodes(), catalog.offScaleMissingNumbers(),
        runYear);
    Dataset<Row> checked = IngestStage.checked(catalog, checks, unitResolution, indicatorResolution, raw);
    Observation quarantineObserved = new Observation();
    return new Result(ExternalIndicatorValues.accepted(checked.filter(col("reason_code").isNull())),
        IngestStage.quarantine(checked, quarantineObserved, checks), input, checks, quarantineObserved, checked);
  }
}
