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
 * File-system URIs as --out, --data-dir or --sources (issue 17): local paths, {@code file:} and {@code hdfs://} go
 * through the one file-system layer; S3 and unknown schemes are refused with a usage error that says why and what
 * would be valid, before Spark starts; an unreachable namenode is a usage error in bounded time, not a hang.
 * Before any check java.nio read {@code hdfs://nn/out} as the relative path {@code hdfs:/nn/out} and published the
 * run there on the local disk, exit 0.
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
  void anS3aOutIsRefusedAsNotYetSupportedAndAnUnknownSchemeNamesTheValidOnes() throws IOException {
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", "s3a://bucket/pc-out"))
        .isEqualTo(ProvinceCompare.USAGE);
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", "gs://bucket/pc-out"))
        .isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("out s3a://bucket/pc-out: S3 (s3a://) is not supported yet")
        .contains("out gs://bucket/pc-out: unknown file-system scheme 'gs:'; give a local path, file:/path or "
            + "hdfs://namenode:port/path");
    // What the unchecked path did: a directory named "s3a:" in the working directory.
    assertThat(Paths.get("s3a:")).doesNotExist();
    assertThat(Paths.get("gs:")).doesNotExist();
  }

  @Test
  void anUnreachableNamenodeIsAUsageErrorWithinSeconds() {
    long t0 = System.nanoTime();
    // ".invalid" never resolves (RFC 2606).
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", "hdfs://namenode.invalid:8020/pc-out"))
        .isEqualTo(ProvinceCompare.USAGE);
    assertThat((System.nanoTime() - t0) / 1_000_000_000.0).isLessThan(30.0);
    assertThat(errText()).contains("hdfs://namenode.invalid:8020/pc-out: cannot reach the file system")
        .contains("UnknownHostException: namenode.invalid")
        .doesNotContain("\tat ");
  }

  @Test
  void aFileUriOutIsTheSameDirectoryAsThePlainPath() throws IOException {
    Path o = tmp.resolve("o dir");
    // A focal province no catalog knows stops the run after the output checks, before Spark starts.
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", "file://" + o, "--focal", "Atlantis"))
        .isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("focal: 'Atlantis' is not a province of VN63");
    // The directory with a space, not "o%20dir", marked as the tool's, with its runs/ folder.
    assertThat(o.resolve(".province-compare-output")).isRegularFile();
    assertThat(o.resolve("runs")).isDirectory();
    assertThat(tmp.resolve("o%20dir")).doesNotExist();
  }

  @Test
  void aDataDirOnS3IsRefusedToo() {
    assertThat(ProvinceCompare.execute("run", "--data-dir", "s3a://bucket/data", "--out",
        tmp.resolve("o").toString())).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("data_dir s3a://bucket/data: S3 (s3a://) is not supported yet");
  }

  @Test
  void aSourcesUriWithoutANamenodeIsAUsageError() {
    assertThat(ProvinceCompare.execute("ingest", "--data-dir", data(), "--sources", "hdfs:///pc/sources.json",
        "--out", tmp.resolve("o").toString())).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("hdfs:///pc/sources.json").doesNotContain("\tat ");
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
