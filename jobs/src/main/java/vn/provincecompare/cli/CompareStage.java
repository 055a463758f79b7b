package vn.provincecompare.cli;
final class CompareStage {
  static void run(org.apache.spark.sql.SparkSession s, vn.provincecompare.config.JobConfig c, vn.provincecompare.catalog.Catalog k, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> iv, vn.provincecompare.publish.RunWriter w) { throw new UnsupportedOperationException("WIP"); }
}
