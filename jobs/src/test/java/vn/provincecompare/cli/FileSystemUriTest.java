package vn.provincecompare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.testing.SparkTestBase;

/**
 * Hadoop file-system URIs (hdfs://, s3a://, file:) as --out, --data-dir or --sources are refused with a usage
 * error that says why and what to do, before Spark starts. Before this check java.nio read {@code hdfs://nn/out}
 * as the relative path {@code hdfs:/nn/out} and published the run there on the local disk, exit 0.
 */
class FileSystemUriTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
  }

  private String data() {
    return SparkTestBase.repoRoot().resolve("data").toString();
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anHdfsOutIsAUsageErrorNamingTheLimitationAndWritesNothing() throws IOException {
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", "hdfs://namenode:8020/pc-out"))
        .isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText())
        .contains("out must be a path on the driver's file system, got the URI hdfs://namenode:8020/pc-out")
        .contains("cannot reach HDFS or S3")
        .contains("shared file system mounted at the same path on the driver and every executor")
        .contains("hadoop distcp OUT/runs/RUN_ID");
    // What the unchecked path did: a directory named "hdfs:" in the working directory.
    assertThat(Paths.get("hdfs:")).doesNotExist();
  }

  @Test
  void anS3aOutAndAFileUriOutAreRefusedAlike() {
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", "s3a://bucket/pc-out"))
        .isEqualTo(ProvinceCompare.USAGE);
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", "file://" + tmp.resolve("o")))
        .isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("got the URI s3a://bucket/pc-out")
        .contains("got the URI file://" + tmp.resolve("o"));
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void aDataDirUriSaysTheReadersRunOnTheDriver() {
    assertThat(ProvinceCompare.execute("run", "--data-dir", "s3a://bucket/data", "--out",
        tmp.resolve("o").toString())).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText())
        .contains("data_dir must be a path on the driver's file system, got the URI s3a://bucket/data")
        .contains("the readers open the raw files with the driver's own file system")
        .contains("Copy the data folder to the driver first");
  }

  @Test
  void aSourcesUriIsRefusedToo() {
    assertThat(ProvinceCompare.execute("ingest", "--data-dir", data(), "--sources", "hdfs:///pc/sources.json",
        "--out", tmp.resolve("o").toString())).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("sources must be a path on the driver's file system, got the URI "
        + "hdfs:///pc/sources.json");
  }

  @Test
  void aPreparedTableUriIsRefusedToo() {
    assertThat(ProvinceCompare.execute("compare", "--data-dir", data(), "--indicator-values",
        "s3a://bucket/values", "--out", tmp.resolve("o").toString())).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("indicator_values must be a path on the driver's file system, got the URI "
        + "s3a://bucket/values").contains("Copy it to the driver first");
  }

  @Test
  void aPathWithAColonAfterItsFirstSegmentIsAPathNotAUri() {
    // "./" makes a first segment with a colon a path (RFC 3986, 4.2); absolute paths never start with a scheme.
    String relative = "./" + Paths.get("").toAbsolutePath().relativize(tmp.resolve("x:y"));
    for (String out : new String[] {tmp.resolve("runs 10:30").toString(), relative}) {
      assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", out, "--focal", "Atlantis"))
          .isEqualTo(ProvinceCompare.USAGE);
    }
    // Both got past the path checks to the catalog's check of the focal province, which comes later.
    assertThat(errText()).doesNotContain("got the URI")
        .contains("focal: 'Atlantis' is not a province of VN63");
  }
}
