package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/** The catalog tables: declared schemas, typed columns, blanks as null, one row per catalog row. */
class IndicatorTablesTest extends SparkTestBase {

  static IndicatorCatalog catalog;
  static TargetCatalog targets;

  @BeforeAll
  static void load() {
    Path root = repoRoot();
    catalog = IndicatorCatalog.load(root.resolve("data/reference"));
    targets = TargetCatalog.load(root.resolve("data/targets"), catalog);
  }

  @Test
  void indicatorsTable() {
    Dataset<Row> t = IndicatorTables.indicators(spark, catalog);
    assertThat(t.schema()).isEqualTo(IndicatorTables.INDICATORS_SCHEMA);
    assertThat(t.count()).isEqualTo(106);
    Row sc52 = t.where(functions.col("indicator_code").equalTo("PAPI_SC52")).first();
    // PAPI_SC52: sub-dimension of D5, 0.25-5 points, 2011-2020 (blank from 2021)
    assertThat(sc52.<String>getAs("parent_code")).isEqualTo("PAPI_D5");
    assertThat(sc52.<String>getAs("kind")).isEqualTo("sub_dimension");
    assertThat(sc52.<Double>getAs("scale_min")).isEqualTo(0.25);
    assertThat(sc52.<Double>getAs("scale_max")).isEqualTo(5.0);
    assertThat(sc52.<Integer>getAs("first_year")).isEqualTo(2011);
    assertThat(sc52.<Integer>getAs("last_year")).isEqualTo(2020);
    assertThat(sc52.<String>getAs("derivation")).isNull();
    Row papi = t.where(functions.col("indicator_code").equalTo("PAPI")).first();
    assertThat(papi.<String>getAs("parent_code")).isNull();
    assertThat(papi.<String>getAs("derivation")).isEqualTo("sum_of_children");
    Row recruited = t.where(functions.col("indicator_code").equalTo("OP_CIVIL_SERVANTS_RECRUITED_BY_EXAM")).first();
    assertThat(recruited.<String>getAs("value_type")).isEqualTo("level");
    assertThat(recruited.<Double>getAs("scale_min")).isEqualTo(0.0);
    assertThat(recruited.<Double>getAs("scale_max")).isNull();
    assertThat(recruited.<String>getAs("merger_combine")).isEqualTo("sum");
  }

  @Test
  void bandsTable() {
    Dataset<Row> t = IndicatorTables.bands(spark, catalog);
    assertThat(t.schema()).isEqualTo(IndicatorTables.BANDS_SCHEMA);
    List<Row> papi = t.where(functions.col("indicator_code").equalTo("PAPI"))
        .orderBy(functions.col("band_rank").asc()).collectAsList();
    assertThat(papi).extracting(r -> r.<String>getAs("band_code"))
        .containsExactly("PAPI_HIGHEST", "PAPI_HIGH_AVERAGE", "PAPI_LOW_AVERAGE", "PAPI_LOWEST");
    Row lowest = papi.get(3);
    assertThat(lowest.<Integer>getAs("band_rank")).isEqualTo(4);
    assertThat(lowest.<Double>getAs("lower")).isNull();
    assertThat(lowest.<Double>getAs("upper")).isEqualTo(25.0);
    assertThat(lowest.<Integer>getAs("first_year")).isEqualTo(2011);
    assertThat(lowest.<Integer>getAs("last_year")).isNull();
    // 7 of bands.csv + 49 PCI tier bands of bands_pci.csv
    assertThat(t.count()).isEqualTo(7 + 49);
  }

  @Test
  void methodBreaksTable() {
    Dataset<Row> t = IndicatorTables.methodBreaks(spark, catalog);
    assertThat(t.schema()).isEqualTo(IndicatorTables.METHOD_BREAKS_SCHEMA);
    assertThat(t.count()).isEqualTo(31);
    List<Row> pci = t.where(functions.col("indicator_code").equalTo("PCI"))
        .orderBy(functions.col("break_year").asc()).select("indicator_code", "break_year").collectAsList();
    assertThat(pci).containsExactly(RowFactory.create("PCI", 2006), RowFactory.create("PCI", 2009),
        RowFactory.create("PCI", 2013));
  }

  @Test
  void missingValueCodesTable() {
    Dataset<Row> t = IndicatorTables.missingValueCodes(spark,
        MissingValueCodes.load(repoRoot().resolve("data/reference")));
    assertThat(t.schema()).isEqualTo(IndicatorTables.MISSING_VALUE_CODES_SCHEMA);
    List<Row> rows = t.select("code", "match", "applies_when").collectAsList();
    assertThat(rows).containsExactly(RowFactory.create("", "exact", "always"),
        RowFactory.create("KCDL", "exact", "always"), RowFactory.create("..", "exact", "always"),
        RowFactory.create("N/A", "exact", "always"), RowFactory.create("NA", "exact", "always"),
        RowFactory.create("-", "exact", "always"), RowFactory.create("0", "numeric", "off_scale"));
  }

  @Test
  void targetsTable() {
    Dataset<Row> t = TargetTables.targets(spark, targets);
    assertThat(t.schema()).isEqualTo(TargetTables.TARGETS_SCHEMA);
    assertThat(t.count()).isEqualTo(28);
    Row band = t.where(functions.col("target_id").equalTo("LCI-2025-PAPI-BAND"))
        .select("unit_frame", "unit_code", "indicator_code", "target_year", "kind", "threshold", "band_code",
            "base_year")
        .first();
    assertThat(band).isEqualTo(RowFactory.create("VN63", "10", "PAPI", 2025, "band_at_least", null,
        "PAPI_HIGH_AVERAGE", null));
    Row change = t.where(functions.col("target_id").equalTo("LCI-2025-OP_PUBLIC_SERVICE_UNITS-CHANGE"))
        .select("kind", "threshold", "band_code", "base_year").first();
    assertThat(change).isEqualTo(RowFactory.create("change_at_least", 10.0, null, 2021));
  }
}
