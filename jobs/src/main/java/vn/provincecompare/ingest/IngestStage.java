package vn.provincecompare.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

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
import vn.provincecompare.cells.CellText;
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
 * duplicates, preference, derivation) runs in Spark.
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
   * published table whose rows land in two frames (see {@link #requireOneFrame}).
   */
  public List<Row> readAll(SourcesManifest manifest, Path repoRoot, List<Frame> frames) {
    List<Row> rows = new ArrayList<>();
    long id = 0;
    for (SourceSpec spec : manifest.sources()) {
      List<RawObservation> observations = readers.get(spec.format()).read(spec, repoRoot);
      Map<List<String>, Placement> tables = new LinkedHashMap<>();
      for (RawObservation o : observations) {
        String frame = frameCode(frames, o.unitFrame());
        if (SourceSpec.FRAME_BY_PUBLISHED_N.equals(frame)) {
          frame = frameByPublishedN(frames, o.rawPublishedN(), o.rawYear());
        }
        requireOneFrame(tables, o, frame);
        rows.add(RowFactory.create(id++, spec.sourceId(), spec.priority(), spec.roundedValues(), o.sourceFile(),
            o.line(), o.field(), o.rawUnit(), o.rawYear(), o.rawIndicator(), o.rawValue(), o.rawPublishedRank(),
            o.rawPublishedN(), frame, o.rawRecord(), o.rejectReason(), o.rejectMessage()));
      }
    }
    return rows;
  }

  /** Where the first row of one published table (file, indicator, year) was placed. */
  private record Placement(String frame, int line) {}

  /**
   * A published table (one indicator in one year of one file) ranks the units of one frame, so its rows must all
   * land in one frame, whether the spec declares it, a column gives it per row or {@code by_published_n} derives it
   * from each row's published n. Two frames in one table would put part of a 63-unit ranking among the 34, so it
   * stops the run, naming the file, the table, both frames and a line of each. Different tables of one file may be
   * in different frames: {@code lao_cai_published_facts.csv} holds DTI 2024 of 34 beside DTI 2022 of 63, each a
   * separate publication. Rows without a frame (rejected, or a published n no frame has) are quarantined by the
   * row checks instead.
   */
  static void requireOneFrame(Map<List<String>, Placement> tables, RawObservation o, String frame) {
    if (frame == null || o.rejectReason() != null) {
      return;
    }
    List<String> table = java.util.Arrays.asList(o.sourceFile(), o.rawIndicator(), o.rawYear());
    Placement first = tables.putIfAbsent(table, new Placement(frame, o.line()));
    if (first != null && !first.frame().equals(frame)) {
      throw new DataException(o.sourceFile(), o.line(), null, "the published table " + o.rawIndicator() + " "
          + o.rawYear() + " has rows in two frames: " + first.frame() + " (line " + first.line() + ") and " + frame
          + " (line " + o.line() + "). A table ranks the units of one frame: give every row of it the same frame "
          + "(for by_published_n, the same published n: 63 for VN63, 34 for VN34), or make each frame's rows a "
          + "separate source in data/raw/sources.json");
    }
  }

  /**
   * A frame as written in a cell or the spec, read as its catalog code when the meaning is unambiguous: case and
   * spaces aside ({@code vn63}, {@code VN 63}, {@code VN63\u00A0}), and likewise {@code by_published_n}. Anything
   * else is kept as written, so that the row checks quarantine it as {@code UNKNOWN_FRAME} naming the file and line
   * instead of one cell stopping the run.
   */
  static String frameCode(List<Frame> frames, String written) {
    if (written == null) {
      return null;
    }
    String squeezed = written.replaceAll(CellText.PADDING, "");
    if (squeezed.equalsIgnoreCase(SourceSpec.FRAME_BY_PUBLISHED_N)) {
      return SourceSpec.FRAME_BY_PUBLISHED_N;
    }
    for (Frame f : frames) {
      if (f.code().equalsIgnoreCase(squeezed)) {
        return f.code();
      }
    }
    return written;
  }

  /** The frame whose unit count equals the published n and whose data years hold the year; else null. */
  static String frameByPublishedN(List<Frame> frames, String publishedN, String year) {
    if (publishedN == null || year == null) {
      return null;
    }
    Integer n = CellText.wholeNumber(publishedN);
    Integer y = CellText.year(year);
    if (n == null || y == null) {
      return null;
    }
    String found = null;
    for (Frame f : frames) {
      boolean yearFits = y >= f.firstDataYear() && (f.lastDataYear() == null || y <= f.lastDataYear());
      if (n == f.nUnits() && yearFits) {
        if (found != null) {
          return null;
        }
        found = f.code();
      }
    }
    return found;
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
  private static Dataset<Row> checked(CatalogView catalog, List<Check> checks, Dataset<Row> unitResolution,
      Dataset<Row> indicatorResolution, Dataset<Row> raw) {
    return Consolidation.markDuplicates(RowChecks.checkRows(checks, unitResolution, indicatorResolution,
        catalog.indicatorTable(), catalog.frameTable(), raw)).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The failing rows in the quarantine's columns, counted per check by the write's own pass. */
  private static Dataset<Row> quarantine(Dataset<Row> checked, Observation observed, List<Check> checks) {
    List<String> checkNames = new ArrayList<>();
    checks.forEach(c -> checkNames.add(c.name()));
    QualityReport.SET_CHECKS.forEach(c -> checkNames.add(c[0]));
    Column[] metrics = Accounting.quarantineMetrics(checkNames, checks.stream().map(Check::name).toList());
    return checked.filter(col("reason_code").isNotNull())
        .observe(observed, first(metrics), rest(metrics))
        .select(ValidateTables.columns(ValidateTables.QUARANTINE));
  }

  /**
   * A canonical {@code indicator_values} prepared elsewhere ({@code compare --indicator-values}) after the same
   * row checks and duplicate marking as ingest's: its accepted rows as they were given, and its quarantine.
   *
   * @param accepted    the rows that passed, in the canonical columns, values as given (not re-parsed)
   * @param quarantine  the rows that failed, in the quarantine's columns
   * @param input       rows of the prepared table
   */
  public record PreparedResult(Dataset<Row> accepted, Dataset<Row> quarantine, long input, List<Check> checks,
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
      Row counted = accepted.agg(first(metrics), rest(metrics)).first();
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
  public static PreparedResult checkPrepared(CatalogView catalog, Dataset<Row> units, Dataset<Row> raw, long input,
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
    Dataset<Row> checked = checked(catalog, checks, unitResolution, indicatorResolution, raw);
    Observation quarantineObserved = new Observation();
    return new PreparedResult(ExternalIndicatorValues.accepted(checked.filter(col("reason_code").isNull())),
        quarantine(checked, quarantineObserved, checks), input, checks, quarantineObserved, checked);
  }

  private static Column first(Column[] columns) {
    return columns[0];
  }

  private static Column[] rest(Column[] columns) {
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
