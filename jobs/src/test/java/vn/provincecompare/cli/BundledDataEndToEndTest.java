package vn.provincecompare.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.testing.SparkTestBase;

/**
 * The whole pipeline (ingest + compare) on the bundled real data, once, checked against facts a person read off
 * the sources: the PAPI and PCI files, the provincial portals, and DOMAIN.md's worked example.
 */
class BundledDataEndToEndTest extends SparkTestBase {
  @TempDir static Path out;
  static Pipeline.Summary summary;

  @BeforeAll
  static void runTheJob() {
    JobConfig config = JobConfig.defaults().overlay(new JobConfig(repoRoot().resolve("data").toString(), null,
        out.resolve("pc").toString(), null, null, null, null, null, null, null, null, null, 2, null));
    summary = Pipeline.run(spark, config, Pipeline.Stages.RUN);
  }

  private static Dataset<Row> table(String name) {
    return spark.read().parquet(summary.runDir().resolve(name).toString());
  }

  private static Row preferred(String indicator, String frame, String unit, int year) {
    List<Row> rows = table("indicator_values").filter(col("indicator_code").equalTo(indicator)
        .and(col("unit_frame").equalTo(frame)).and(col("unit_code").equalTo(unit)).and(col("year").equalTo(year))
        .and(col("is_preferred"))).collectAsList();
    assertThat(rows).as("%s %s %s %d", indicator, frame, unit, year).hasSize(1);
    return rows.get(0);
  }

  @Test
  void everyRowReadIsAcceptedOrQuarantined() {
    assertThat(summary.accounting()).contains("accounted for:    yes");
    assertThat(table("dq_results").filter(col("check_name").equalTo("ROW_ACCOUNTING")).first().getString(2))
        .isEqualTo("passed");
    // Every spelling in every bundled file resolves: no unit-resolution rejects.
    assertThat(table("quarantine").filter(col("reason_code").endsWith("_UNIT")).count()).isZero();
  }

  @Test
  void papi2023ThuaThienHueTotal() {
    // UNDP's 2023 table and TTXVN: 46,0415 (unweighted, 8 dimensions).
    assertThat(preferred("PAPI", "VN63", "46", 2023).<Double>getAs("value")).isCloseTo(46.0415, within(1e-4));
  }

  @Test
  void papi2014HasSixtyOneProvincesWithData() {
    // Bắc Giang and Đồng Tháp are blank in 2014 in both the panel and UNDP's workbook.
    long n = table("indicator_values").filter(col("indicator_code").equalTo("PAPI").and(col("year").equalTo(2014))
        .and(col("is_preferred")).and(col("value").isNotNull())).count();
    assertThat(n).isEqualTo(61);
  }

  @Test
  void pci2011LaoCaiFromVcciWorkbook() {
    Row r = table("indicator_values").filter(col("indicator_code").equalTo("PCI").and(col("year").equalTo(2011))
        .and(col("unit_code").equalTo("10")).and(col("source_id").equalTo("pci_vcci"))).first();
    assertThat(r.<Double>getAs("value")).isCloseTo(73.53, within(0.005));
    assertThat(r.<Integer>getAs("published_rank")).isEqualTo(1);
    assertThat(r.<Integer>getAs("published_n")).isEqualTo(63);
  }

  @Test
  void pci2013LaoCaiIsPresentAlthoughItsNameIsDecomposed() {
    Row r = table("indicator_values").filter(col("indicator_code").equalTo("PCI").and(col("year").equalTo(2013))
        .and(col("unit_code").equalTo("10")).and(col("source_id").equalTo("pci_vcci"))).first();
    // vccinews.com: Lào Cai 17th in 2013.
    assertThat(r.<Integer>getAs("published_rank")).isEqualTo(17);
  }
}
