package vn.provincecompare.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.cli.ProvinceCompare;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.testing.SparkTestBase;

/** The --report and --csv switches: off by default, and --report refused where it cannot work (before Spark). */
class ReportOptionsTest {

  @Test
  void bothAreOffByDefault() {
    assertThat(JobConfig.defaults().report()).isFalse();
    assertThat(JobConfig.defaults().csv()).isFalse();
  }

  @Test
  void reportOnIngestIsAUsageErrorThatSaysWhereItWorks(@TempDir Path out) {
    Result r = run("ingest", "--report", "--data-dir", SparkTestBase.repoRoot().resolve("data").toString(),
        "--out", out.resolve("pc").toString());
    assertThat(r.code).isEqualTo(ProvinceCompare.USAGE);
    assertThat(r.err).contains("--report writes one page per focal province from the compare stage's tables: use "
        + "it with 'compare' or 'run' and at least one --focal province");
  }

  @Test
  void reportWithoutFocalProvincesIsAUsageError(@TempDir Path out) throws Exception {
    Path config = out.resolve("no-focal.json");
    java.nio.file.Files.writeString(config, "{\"focal\": [], \"report\": true}");
    Result r = run("run", "--config", config.toString(), "--data-dir",
        SparkTestBase.repoRoot().resolve("data").toString(), "--out", out.resolve("pc").toString());
    assertThat(r.code).isEqualTo(ProvinceCompare.USAGE);
    assertThat(r.err).contains("at least one --focal province");
  }

  private record Result(int code, String err) {}

  private static Result run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int code = ProvinceCompare.execute(args);
      return new Result(code, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }
}
