package vn.provincecompare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.testing.SparkTestBase;

/** Exit codes and messages of the command line for mistakes caught before Spark starts. */
class CommandLineTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private PrintStream oldErr;
  private PrintStream oldOut;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
    System.setOut(oldOut);
  }

  private String data() {
    return SparkTestBase.repoRoot().resolve("data").toString();
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String cmd : new String[] {"ingest", "compare", "run"}) {
      assertThat(ProvinceCompare.execute(cmd, "--help")).isZero();
    }
    String help = stdout.toString(StandardCharsets.UTF_8);
    assertThat(help).contains("--focal=PROVINCE", "--out=DIR", "--baseline-year=YEAR", "--config=FILE");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(ProvinceCompare.execute("run", "--no-such-flag")).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("Unknown option: '--no-such-flag'");
  }

  @Test
  void aBadYearIsAUsageErrorThatSaysWhatIsValid() {
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", tmp.resolve("o").toString(),
        "--baseline-year", "1850")).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("baseline_year must be a year between 2000 and 2100, got 1850");
  }

  @Test
  void anUnknownProvinceIsAUsageErrorThatSaysWhatIsValid() {
    assertThat(ProvinceCompare.execute("run", "--data-dir", data(), "--out", tmp.resolve("o").toString(),
        "--focal", "Atlantis")).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("focal: 'Atlantis' is not a province of VN63")
        .contains("Valid: a GSO code of data/reference/units.csv or any spelling of a name");
  }

  @Test
  void anUnknownConfigKeyIsAUsageErrorListingTheValidKeys() throws IOException {
    Path config = tmp.resolve("c.json");
    Files.writeString(config, "{\n  \"focal\": [\"Lào Cai\"],\n  \"focus\": \"Yên Bái\"\n}\n");
    assertThat(ProvinceCompare.execute("run", "--config", config.toString())).isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("unknown key 'focus'; valid keys: data_dir, sources, out, keep_runs, "
        + "focal, focal_frame, peers, batch");
  }

  @Test
  void flagsOverrideTheConfigFile() throws IOException {
    Path config = tmp.resolve("c.json");
    Files.writeString(config, "{\"trend_years\": 5, \"top_n\": 20}");
    JobOptions options = new JobOptions();
    picocli.CommandLine cli = new picocli.CommandLine(new Object() {
      @picocli.CommandLine.Mixin JobOptions o = options;
    });
    cli.parseArgs("--config", config.toString(), "--top-n", "15");
    assertThat(options.config().trendYears()).isEqualTo(5);
    assertThat(options.config().topN()).isEqualTo(15);
    assertThat(options.config().coverageThreshold()).isEqualTo(0.9);
  }

  @Test
  void anOutputDirectoryTheToolDidNotCreateIsRefusedAndLeftAlone() throws IOException {
    Path mine = tmp.resolve("my-documents");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("thesis.docx"), "precious");
    assertThat(ProvinceCompare.execute("ingest", "--data-dir", data(), "--out", mine.toString()))
        .isEqualTo(ProvinceCompare.USAGE);
    assertThat(errText()).contains("is a non-empty directory that province-compare did not create");
    assertThat(Files.readString(mine.resolve("thesis.docx"))).isEqualTo("precious");
    try (var files = Files.list(mine)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void theRootHomeAndInputDirectoriesAreRefused() {
    assertThat(ProvinceCompare.execute("ingest", "--data-dir", data(), "--out", "/")).isEqualTo(2);
    assertThat(errText()).contains("is the file-system root");
    assertThat(ProvinceCompare.execute("ingest", "--data-dir", data(), "--out", System.getProperty("user.home")))
        .isEqualTo(2);
    assertThat(errText()).contains("is your home directory");
    assertThat(ProvinceCompare.execute("ingest", "--data-dir", data(), "--out", data() + "/raw/out"))
        .isEqualTo(2);
    assertThat(errText()).contains("is inside the input data directory");
  }

  @Test
  void aMissingDataDirectoryIsAUsageError() {
    assertThat(ProvinceCompare.execute("ingest", "--data-dir", tmp.resolve("nope").toString(), "--out",
        tmp.resolve("o").toString())).isEqualTo(2);
    assertThat(errText()).contains("is not a directory (expected the folder with reference/, targets/ and "
        + "raw/sources.json)");
  }

  @Test
  void aBrokenCatalogFileIsADataError() throws IOException {
    Path data = tmp.resolve("data");
    copyTree(SparkTestBase.repoRoot().resolve("data/reference"), data.resolve("reference"));
    copyTree(SparkTestBase.repoRoot().resolve("data/targets"), data.resolve("targets"));
    Files.writeString(data.resolve("reference/frames.csv"), "frame_code;name\nVN63;x\n");
    assertThat(ProvinceCompare.execute("ingest", "--data-dir", data.toString(), "--out",
        tmp.resolve("o").toString())).isEqualTo(ProvinceCompare.DATA_ERROR);
    assertThat(errText()).contains("data error:").contains("frames.csv");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
