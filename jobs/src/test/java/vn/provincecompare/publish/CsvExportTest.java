package vn.provincecompare.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.testing.SparkTestBase;

/** The CSV copy: bytes as Excel and Power BI need them, on rows that are awkward on purpose. */
class CsvExportTest extends SparkTestBase {
  static final StructType SCHEMA = new StructType()
      .add("unit_name_vi", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("value", DataTypes.DoubleType)
      .add("failed_count", DataTypes.LongType)
      .add("is_preferred", DataTypes.BooleanType)
      .add("raw_record", DataTypes.StringType);

  @Test
  void utf8WithBomCrlfAndRfc4180Quoting(@TempDir Path run) throws IOException {
    Dataset<Row> rows = spark.createDataFrame(List.of(
        RowFactory.create("Lào Cai", 2024, 89.03, 3L, true, "10,2024,PAR_INDEX,89.03"),
        RowFactory.create("Thừa Thiên Huế", 2023, 46.0415, 0L, false, "say \"KCDL\"\nnext line"),
        RowFactory.create(null, null, 1.0E-7, null, null, "")), SCHEMA);
    rows.coalesce(1).write().parquet(run.resolve("rankings").toString());

    Map<String, Long> written = CsvExport.writeAll(spark, run, List.of("rankings"));

    assertThat(written).containsExactly(Map.entry("rankings", 3L));
    byte[] bytes = Files.readAllBytes(run.resolve("csv/rankings.csv"));
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    // Written by hand from the rows above: header; a field with a comma is quoted; a quote is doubled and the field
    // quoted, the line break kept inside the quotes; null and "" -> empty field (a spreadsheet has no null);
    // 1.0E-7 -> 0.0000001 (no exponent).
    String expected = "\uFEFF"
        + "unit_name_vi,year,value,failed_count,is_preferred,raw_record\r\n"
        + "Lào Cai,2024,89.03,3,true,\"10,2024,PAR_INDEX,89.03\"\r\n"
        + "Thừa Thiên Huế,2023,46.0415,0,false,\"say \"\"KCDL\"\"\nnext line\"\r\n"
        + ",,0.0000001,,,\r\n";
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void doublesReadBackAsTheSameNumber() {
    assertThat(CsvExport.cell(-6.0)).isEqualTo("-6");
    assertThat(CsvExport.cell(1.5E12)).isEqualTo("1500000000000");
    for (double d : new double[] {89.03, 46.0415, 41.74890074200001, 111.28750000000001, -6.0, 1.0E-7, 1.5E12}) {
      String text = CsvExport.cell(d);
      assertThat(text).doesNotContain("E");
      assertThat(new BigDecimal(text).doubleValue()).isEqualTo(d);
    }
  }

  @Test
  void aTypeOutsideTheContractIsRefusedNamingTableAndColumn(@TempDir Path run) {
    StructType decimal = new StructType().add("amount", DataTypes.createDecimalType(10, 2));
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(new BigDecimal("1.25"))), decimal);
    assertThatThrownBy(() -> CsvExport.write("target_gaps", rows, run.resolve("x.csv")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("table target_gaps, column amount: type decimal(10,2) is outside the dashboard contract (string, "
            + "int, bigint, double, boolean, date); see docs/dashboards.md");
  }
}
