package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

class FixedOrderTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("g", DataTypes.StringType)
      .add("x", DataTypes.DoubleType);

  private double meanOf(List<Row> rows, int partitions) {
    Dataset<Row> df = spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    return df.groupBy(col("g")).agg(FixedOrder.mean(col("x")).as("m")).first().getDouble(1);
  }

  @Test
  void theMeanIsTheAscendingSumWhateverOrderAndPartitionsTheRowsComeIn() {
    // Floating point: (0.1 + 0.2) + 0.3 = 0.30000000000000004 + 0.3 = 0.6000000000000001,
    // but (0.3 + 0.2) + 0.1 = 0.5 + 0.1 = 0.6. Ascending order is the first.
    double ascending = ((0.1 + 0.2) + 0.3) / 3;
    assertThat(ascending).isNotEqualTo(((0.3 + 0.2) + 0.1) / 3);
    List<Row> descending = List.of(RowFactory.create("a", 0.3), RowFactory.create("a", 0.2),
        RowFactory.create("a", 0.1), RowFactory.create("a", null));
    List<Row> mixed = List.of(RowFactory.create("a", 0.2), RowFactory.create("a", null),
        RowFactory.create("a", 0.3), RowFactory.create("a", 0.1));
    for (int partitions = 1; partitions <= 3; partitions++) {
      assertThat(meanOf(descending, partitions)).as("descending, %d partitions", partitions).isEqualTo(ascending);
      assertThat(meanOf(mixed, partitions)).as("mixed, %d partitions", partitions).isEqualTo(ascending);
    }
  }

  @Test
  void aGroupWithoutValuesHasANullMeanAsAvgDoes() {
    Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create("a", null), RowFactory.create("a", null)),
        SCHEMA);
    assertThat(df.groupBy(col("g")).agg(FixedOrder.mean(col("x")).as("m")).first().isNullAt(1)).isTrue();
  }
}
