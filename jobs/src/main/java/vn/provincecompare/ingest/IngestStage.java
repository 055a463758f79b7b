package vn.provincecompare.ingest;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import vn.provincecompare.catalog.Frame;
import vn.provincecompare.catalog.ProvinceNameResolver;
import vn.provincecompare.catalog.ProvinceResolution;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.validate.Accounting;
import vn.provincecompare.validate.Check;
import vn.provincecompare.validate.Consolidation;
import vn.provincecompare.validate.QualityReport;
import vn.provincecompare.validate.RowChecks;
import vn.provincecompare.validate.ValidateTables;

/**
 * Raw sources to the three ingest tables: {@code indicator_values}, {@code quarantine}, {@code dq_results}.
 *
 * <p>Readers run on the driver (raw published tables are small, and a reader must name the file and line of each
 * bad row); resolution of names is computed once per distinct spelling; everything set-wise (checks,
 * duplicates, preference, derivation) runs in Spark. The frame of each row is {@link FramePlacement}'s; a table
 * prepared elsewhere gets the same checks in {@link PreparedRowChecks}.
 */
public final class IngestStage {

  /** What the catalog gives ingest, as plain lookups and tables. */
  public record CatalogView(
      ProvinceNameResolver resolver,
      Dataset<Row> frameTable,
      Dataset<Row> indicatorTable,
      Function<String, String> indicatorCode,
      List<String> missingValueCodes,
      List<Double> offScaleMissingNumbers,
      List<List<String>> derivationLevels) {}

  /**
   * The two ingest tables to write, and what their writes observe. The accounting and {@code dq_results} come from
   * the metrics those writes collect in their own pass, so ask for them after both are written; then
   * {@link #release} frees the checked rows both were computed from.
   */
  public record Result(Dataset<Row> indicatorValues, Dataset<Row> quarantine, long input, List<Check> checks,
      Observation indicatorValuesObserved, Observation quarantineObserved, Dataset<Row> checked) {

    /** Where every input row went; blocks until both writes have run. */
    public Accounting accounting() {
      Map<String, String> levels = new LinkedHashMap<>();
      checks.forEach(c -> levels.put(c.name(), c.level()));
      QualityReport.SET_CHECKS.forEach(c -> levels.put(c[0], c[1]));
      try {
        return Accounting.observed(input, indicatorValuesObserved.getAsJava(), quarantineObserved.getAsJava(),
            levels, checks.stream().map(Check::name).toList());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the ingest's counts", e);
      }
    }

    public Dataset<Row> dqResults(SparkSession spark) {
      return QualityReport.dqResults(spark, checks, accounting());
    }

    public void release() {
      checked.unpersist();
    }
  }

  private static final int RAW_UNIT = ValidateTables.RAW_OBSERVATIONS.fieldIndex("raw_unit");
  private static final int RAW_INDICATOR = ValidateTables.RAW_OBSERVATIONS.fieldIndex("raw_indicator");
  private static final int UNIT_FRAME = ValidateTables.RAW_OBSERVATIONS.fieldIndex("unit_frame");

  private final Map<String, RawReader> readers;

  public IngestStage(Map<String, RawReader> readers) {
    this.readers = Map.copyOf(readers);
  }

  public Set<String> formats() {
    return readers.keySet();
  }

  /**
   * Reads every source of the manifest; a file-level problem stops here with a {@link DataException}, and so does a
   * published table whose rows land in two frames (see {@link FramePlacement#requireOneFrame}).
   */
  public List<Row> readAll(SourcesManifest manifest, Path repoRoot, List<Frame> frames) {
    List<Row> rows = new ArrayList<>();
    long id = 0;
    for (SourceSpec spec : manifest.sources()) {
      List<RawObservation> observations = readers.get(spec.format()).read(spec, repoRoot);
      Map<List<String>, FramePlacement.Placement> tables = new LinkedHashMap<>();
      for (RawObservation o : observations) {
        String frame = FramePlacement.frameCode(frames, o.unitFrame());
        if (SourceSpec.FRAME_BY_PUBLISHED_N.equals(frame)) {
          frame = FramePlacement.frameByPublishedN(frames, o.rawPublishedN(), o.rawYear());
        }
        FramePlacement.requireOneFrame(tables, o, frame);
        rows.add(RowFactory.create(id++, spec.sourceId(), spec.priority(), spec.roundedValues(), o.sourceFile(),
            o.line(), o.field(), o.rawUnit(), o.rawYear(), o.rawIndicator(), o.rawValue(), o.rawPublishedRank(),
            o.rawPublishedN(), frame, o.rawRecord(), o.rejectReason(), o.rejectMessage()));
      }
    }
    return rows;
  }

  public Result run(SparkSession spark, CatalogView catalog, List<Row> rawRows) {
    return run(spark, catalog, rawRows, java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
  }

  /** As {@link #run(SparkSession, CatalogView, List)}, for a run in {@code runYear} (tests fix it). */
  public Result run(SparkSession spark, CatalogView catalog, List<Row> rawRows, int runYear) {
    Dataset<Row> raw = spark.createDataFrame(rawRows, ValidateTables.RAW_OBSERVATIONS);
    Dataset<Row> unitResolution = spark.createDataFrame(resolveUnits(catalog.resolver(), rawRows),
        ValidateTables.UNIT_RESOLUTION);
    Dataset<Row> indicatorResolution = spark.createDataFrame(resolveIndicators(catalog.indicatorCode(), rawRows),
        ValidateTables.INDICATOR_RESOLUTION);
    List<Check> checks = RowChecks.standardChecks(catalog.missingValueCodes(), catalog.offScaleMissingNumbers(),
        runYear);
    Dataset<Row> checked = checked(catalog, checks, unitResolution, indicatorResolution, raw);

    // Each level's sums are computed from the candidates of the levels before; cut the plan there (a local
    // checkpoint), so the next level and the preferences read those rows once instead of re-planning every level
    // below: deriveSums reads its input twice, which made nine copies of the candidate plan for PAPI's two levels.
    Dataset<Row> candidates = Consolidation.candidates(checked);
    for (List<String> level : catalog.derivationLevels()) {
      candidates = candidates.unionByName(Consolidation.deriveSums(level, catalog.indicatorTable(), candidates))
          .localCheckpoint();
    }
    Observation ivObserved = new Observation();
    Dataset<Row> indicatorValues = Consolidation.toIndicatorValues(candidates)
        .observe(ivObserved, first(Accounting.indicatorValuesMetrics()), rest(Accounting.indicatorValuesMetrics()));
    Observation quarantineObserved = new Observation();
    Dataset<Row> quarantine = quarantine(checked, quarantineObserved, checks);
    return new Result(indicatorValues, quarantine, rawRows.size(), checks, ivObserved, quarantineObserved, checked);
  }

  /** The row checks and the duplicate marking, one pass, kept for the two tables computed from them. */
  static Dataset<Row> checked(CatalogView catalog, List<Check> checks, Dataset<Row> unitResolution,
      Dataset<Row> indicatorResolution, Dataset<Row> raw) {
    return Consolidation.markDuplicates(RowChecks.checkRows(checks, unitResolution, indicatorResolution,
        catalog.indicatorTable(), catalog.frameTable(), raw)).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The failing rows in the quarantine's columns, counted per check by the write's own pass. */
  static Dataset<Row> quarantine(Dataset<Row> checked, Observation observed, List<Check> checks) {
    List<String> checkNames = new ArrayList<>();
    checks.forEach(c -> checkNames.add(c.name()));
    QualityReport.SET_CHECKS.forEach(c -> checkNames.add(c[0]));
    Column[] metrics = Accounting.quarantineMetrics(checkNames, checks.stream().map(Check::name).toList());
    return checked.filter(col("reason_code").isNotNull())
        .observe(observed, first(metrics), rest(metrics))
        .select(ValidateTables.columns(ValidateTables.QUARANTINE));
  }

  /** {@code observe} and {@code agg} take their first metric apart from the rest. */
  static Column first(Column[] columns) {
    return columns[0];
  }

  static Column[] rest(Column[] columns) {
    return java.util.Arrays.copyOfRange(columns, 1, columns.length);
  }

  static List<Row> resolveUnits(ProvinceNameResolver resolver, List<Row> rawRows) {
    List<String> frameCodes = resolver.catalog().frames().stream().map(Frame::code).toList();
    Map<List<String>, Row> out = new LinkedHashMap<>();
    for (Row r : rawRows) {
      String unit = r.getString(RAW_UNIT);
      String frame = r.getString(UNIT_FRAME);
      List<String> key = java.util.Arrays.asList(unit, frame);
      if (out.containsKey(key) || unit == null) {
        continue;
      }
      if (frame == null || frameCodes.stream().noneMatch(frame::equals)) {
        out.put(key, RowFactory.create(unit, frame, null, "FRAME_UNDETERMINED", "the frame of '" + unit
            + "' could not be determined"));
        continue;
      }
      ProvinceResolution res = resolver.resolve(unit, frame);
      out.put(key, res.isResolved()
          ? RowFactory.create(unit, frame, res.unitCode(), null, null)
          : RowFactory.create(unit, frame, null, res.failure() + "_UNIT", res.message()));
    }
    return new ArrayList<>(out.values());
  }

  static List<Row> resolveIndicators(Function<String, String> indicatorCode, List<Row> rawRows) {
    Set<String> seen = new LinkedHashSet<>();
    List<Row> out = new ArrayList<>();
    for (Row r : rawRows) {
      String raw = r.getString(RAW_INDICATOR);
      if (raw != null && seen.add(raw)) {
        out.add(RowFactory.create(raw, indicatorCode.apply(raw)));
      }
    }
    return out;
  }
}
