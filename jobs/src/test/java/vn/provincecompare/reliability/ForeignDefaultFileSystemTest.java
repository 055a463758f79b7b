package vn.provincecompare.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.cli.Pipeline;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.publish.PublishedTables;
import vn.provincecompare.testing.SparkTestBase;

/**
 * On YARN the cluster's Hadoop configuration usually makes HDFS the default file system, so a path without a
 * scheme handed to Spark means HDFS, while the driver's java.nio (staging directory, manifest, rename, pointer)
 * means the local disk. Every path the job gives Spark must therefore say {@code file:}, or the tables of a run
 * land somewhere its publication never looks. Here the default file system is one that does not exist: any
 * scheme-less path reaching Spark fails the run.
 */
class ForeignDefaultFileSystemTest extends SparkTestBase {
  @TempDir Path tmp;
  private String previousDefault;

  @BeforeEach
  void foreignDefaultFileSystem() {
    // The session's shared state (warehouse path) is resolved before the default changes, as on a cluster.
    spark.range(1).count();
    previousDefault = spark.sparkContext().hadoopConfiguration().get("fs.defaultFS");
    spark.sparkContext().hadoopConfiguration().set("fs.defaultFS", "nosuchfs://cluster-namenode/");
  }

  @AfterEach
  void restoreDefault() {
    spark.sparkContext().hadoopConfiguration().set("fs.defaultFS", previousDefault);
  }

  /** Ingest, then compare from the ingest's published tables: every place the job hands Spark a path. */
  @Test
  void aRunWritesAndReadsEveryTableOnTheDriversFileSystem() throws Exception {
    Path data = SmallData.create(tmp, 2019, 2021);
    // A space in the path: a percent-encoded file: URI would name another directory.
    Path out = tmp.resolve("out dir");
    JobConfig ingest = JobConfig.defaults().overlay(new JobConfig(data.toString(), null, out.toString(), null,
        null, null, null, false, null, null, null, null, 2, null, true, false)).validated();
    JobConfig compare = ingest.overlay(new JobConfig(null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, true)).validated();

    Pipeline.Summary ingested = Pipeline.run(spark, ingest, Pipeline.Stages.INGEST);
    Pipeline.Summary summary = Pipeline.run(spark, compare, Pipeline.Stages.COMPARE);

    Path run = out.resolve("runs").resolve(summary.runId());
    // compare publishes the ingest's three tables again as the same files (copied, not rewritten by Spark,
    // which would name its part files anew), with the ingest's row counts: 63 units x 2 indicators x 3 years.
    for (String t : java.util.List.of("indicator_values", "quarantine", "dq_results")) {
      try (var a = Files.list(ingested.runDir().resolve(t)); var b = Files.list(run.resolve(t))) {
        assertThat(b.map(p -> p.getFileName().toString()).sorted().toList()).as("files of %s", t)
            .isEqualTo(a.map(p -> p.getFileName().toString()).sorted().toList());
      }
      assertThat(summary.rowCounts().get(t)).as("rows of %s", t).isEqualTo(ingested.rowCounts().get(t));
    }
    assertThat(summary.rowCounts().get("indicator_values")).isEqualTo(63L * 2 * 3);
    assertThat(out.resolve("current")).isSymbolicLink();
    for (PublishedTables.Table t : PublishedTables.ALL) {
      assertThat(run.resolve(t.name()).resolve("_SUCCESS")).as(t.name()).isRegularFile();
      assertThat(run.resolve("csv").resolve(t.name() + ".csv")).as(t.name() + ".csv").isRegularFile();
    }
    // Lào Cai, the default focal province, is VN63 10.
    assertThat(run.resolve("report/10.html")).isRegularFile();
    // The ingest's run and the compare's, nothing left in staging.
    try (var runs = Files.list(out.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(2)
          .endsWith(summary.runId()).noneMatch(n -> n.startsWith(".staging-"));
    }
  }
}
