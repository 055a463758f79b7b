package vn.provincecompare.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.catalog.Catalog;
import vn.provincecompare.catalog.IndicatorTables;
import vn.provincecompare.catalog.UnitTables;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Cells as other tools write them (issue 14), through one ingest over the bundled catalog: each row's fate is
 * written beside it. Line numbers are the obs ids, so a failure names the row.
 */
class HostileCellsTest extends SparkTestBase {
  private static final List<Row> RAW = new ArrayList<>();
  private static TreeMap<Integer, String> fate;
  private static Map<Integer, String> messages;
  private static Map<Integer, Double> accepted;

  private static void row(int line, String unit, String year, String indicator, String value, String rank,
      String n, String frame) {
    RAW.add(RowFactory.create((long) line, "hostile", 10, false, "raw/hostile.csv", line, "value", unit, year,
        indicator, value, rank, n, frame, "row " + line, null, null));
  }

  private static void row(int line, String year, String indicator, String value) {
    row(line, "Lào Cai", year, indicator, value, null, null, "VN63");
  }

  @BeforeAll
  static void ingest() {
    // Class 1: non-finite numbers. Double.parseDouble("1e400") is Infinity without an error.
    row(1, "2024", "OP_PROCESSING_TIME", "1e400");                  // NON_NUMERIC: overflow, no scale_max
    row(2, "2023", "OP_PROCESSING_TIME", "-1e400");                 // NON_NUMERIC
    row(3, "2022", "OP_PUBLIC_SERVICE_UNITS", "9".repeat(400));     // NON_NUMERIC: 400 digits overflow too
    row(4, "2021", "OP_PUBLIC_SERVICE_UNITS", "NaN");               // NON_NUMERIC (pandas, numpy)
    row(5, "2020", "OP_PUBLIC_SERVICE_UNITS", "Infinity");          // NON_NUMERIC (Java, JavaScript)
    row(6, "2019", "OP_PUBLIC_SERVICE_UNITS", "-Inf");              // NON_NUMERIC (R)
    row(7, "2018", "OP_PUBLIC_SERVICE_UNITS", "1.#INF");            // NON_NUMERIC (old Excel / MSVC)
    row(8, "2017", "OP_PUBLIC_SERVICE_UNITS", "∞");                 // NON_NUMERIC
    row(9, "2016", "OP_PROCESSING_TIME", "-3");                     // OFF_SCALE: days cannot be negative (min 0)
    row(10, "2015", "OP_PROCESSING_TIME", "1.7976931348623157e308"); // accepted: the largest finite double

    Catalog catalog = Catalog.load(repoRoot().resolve("data"));
    IngestStage.CatalogView view = new IngestStage.CatalogView(catalog.resolver(),
        UnitTables.frames(spark, catalog.units()), IndicatorTables.indicators(spark, catalog.indicators()),
        catalog.indicatorLookup(), catalog.alwaysMissingCodes(), catalog.offScaleMissingNumbers(),
        catalog.derivationLevels());
    IngestStage.Result result = new IngestStage(Readers.all()).run(spark, view, RAW);
    fate = new TreeMap<>();
    messages = new TreeMap<>();
    accepted = new TreeMap<>();
    for (Row q : result.quarantine().collectAsList()) {
      fate.put(q.<Integer>getAs("line"), q.getAs("reason_code"));
      messages.put(q.<Integer>getAs("line"), q.getAs("message"));
    }
    for (Row v : result.indicatorValues().filter(col("source_id").equalTo("hostile")).collectAsList()) {
      fate.put(v.<Integer>getAs("source_line"), "accepted");
      accepted.put(v.<Integer>getAs("source_line"), v.getAs("value"));
    }
    assertThat(result.accounting().balances()).isTrue();
  }

  private static Map<Integer, String> fates(int from, int to) {
    return new TreeMap<>(fate.subMap(from, to + 1));
  }

  @Test
  void nonFiniteNumbersAreNotNumbersOnEveryIndicator() {
    assertThat(fates(1, 10)).containsExactlyEntriesOf(new TreeMap<>(Map.of(1, "NON_NUMERIC", 2, "NON_NUMERIC",
        3, "NON_NUMERIC", 4, "NON_NUMERIC", 5, "NON_NUMERIC", 6, "NON_NUMERIC", 7, "NON_NUMERIC", 8, "NON_NUMERIC",
        9, "OFF_SCALE", 10, "accepted")));
    assertThat(messages.get(1)).isEqualTo("field 'value': value '1e400' is not a finite number: it is beyond the "
        + "range of a double (about 1.8e308); a corrupted or mis-exported cell?");
    assertThat(messages.get(9)).startsWith("field 'value': value '-3' is off the scale 0.0- of OP_PROCESSING_TIME");
    assertThat(accepted.get(10)).isEqualTo(Double.MAX_VALUE);
  }
}
