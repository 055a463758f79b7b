package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/** The catalog as Spark tables: declared schemas, row counts and whole rows for a few units. */
class UnitTablesTest extends SparkTestBase {

  private static UnitCatalog catalog;

  @BeforeAll
  static void load() {
    catalog = UnitCatalog.load(repoRoot().resolve("data/reference"));
  }

  @Test
  void unitsHaveTheDeclaredSchemaAndRegionNames() {
    Dataset<Row> units = UnitTables.units(spark, catalog);
    assertThat(units.schema()).isEqualTo(UnitTables.UNITS_SCHEMA);
    // 64 + 63 + 34 = 161 units.
    assertThat(units.count()).isEqualTo(161);
    List<Row> laoCai = units.where("name_vi = 'Lào Cai'").orderBy("unit_frame", "unit_code").collectAsList();
    assertThat(laoCai).containsExactly(
        RowFactory.create("VN34", "15", "Lào Cai", "Lao Cai", "Lao Cai", "province", "R1",
            "Trung du và miền núi phía Bắc", "Northern midlands and mountain areas"),
        RowFactory.create("VN63", "10", "Lào Cai", "Lao Cai", "Lao Cai", "province", "R1",
            "Trung du và miền núi phía Bắc", "Northern midlands and mountain areas"),
        RowFactory.create("VN64", "10", "Lào Cai", "Lao Cai", "Lao Cai", "province", "R1",
            "Trung du và miền núi phía Bắc", "Northern midlands and mountain areas"));
    // Bắc Ninh 24 of VN34 = Bắc Giang (R1) + Bắc Ninh (R2): no single region, so all three region columns null.
    Row bacNinh = units.where("unit_frame = 'VN34' AND unit_code = '24'").first();
    assertThat(bacNinh).isEqualTo(RowFactory.create("VN34", "24", "Bắc Ninh", "Bac Ninh", "Bac Ninh", "province",
        null, null, null));
  }

  @Test
  void lineageHasTheDeclaredSchemaAndDates() {
    Dataset<Row> lineage = UnitTables.lineage(spark, catalog);
    assertThat(lineage.schema()).isEqualTo(UnitTables.LINEAGE_SCHEMA);
    assertThat(lineage.count()).isEqualTo(127);
    Row haTay = lineage.where("from_frame = 'VN64' AND from_code = '28'").first();
    assertThat(haTay.getString(2)).isEqualTo("VN63");
    assertThat(haTay.getString(3)).isEqualTo("01");
    assertThat(haTay.getString(4)).isEqualTo("merged");
    assertThat(haTay.getDate(5)).isEqualTo(Date.valueOf("2008-08-01"));
    assertThat(lineage.where("to_frame = 'VN34' AND to_code = '15'").count()).isEqualTo(2);
  }

  @Test
  void framesHaveTheDeclaredSchemaWithNullsForTheCurrentFrame() {
    Dataset<Row> frames = UnitTables.frames(spark, catalog);
    assertThat(frames.schema()).isEqualTo(UnitTables.FRAMES_SCHEMA);
    List<Row> rows = frames.collectAsList();
    assertThat(rows).extracting(r -> r.getString(0)).containsExactly("VN64", "VN63", "VN34");
    Row vn34 = rows.get(2);
    assertThat(vn34.getDate(2)).isEqualTo(Date.valueOf("2025-07-01"));
    assertThat(vn34.isNullAt(3)).isTrue();
    assertThat(vn34.getInt(4)).isEqualTo(2024);
    assertThat(vn34.isNullAt(5)).isTrue();
    assertThat(vn34.getInt(6)).isEqualTo(34);
  }
}
