package vn.provincecompare.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.testing.SparkTestBase;

/**
 * {@code sources.json} as scripts write it (issue 14.7): checked as a whole before any data is read, each message
 * naming the source, the key and what is valid. No Spark session: nothing here needs one.
 */
class SourcesManifestTest {
  @TempDir Path tmp;

  static final List<String> FRAMES = List.of("VN64", "VN63", "VN34");

  private String read(String json) throws IOException {
    Path f = tmp.resolve("sources.json");
    Files.writeString(f, json, StandardCharsets.UTF_8);
    try {
      SourcesManifest.read(f, "raw/sources.json", Readers.all().keySet(), FRAMES);
      return "ok";
    } catch (DataException e) {
      return e.getMessage();
    }
  }

  private static String source(String keys) {
    return "{\"sources\": [{\"source_id\": \"papi_2024\", " + keys + "}]}";
  }

  @Test
  void aNullKeyNamesTheSourceAndTheKey() throws IOException {
    // Before: format null reached Set.contains(null) of an immutable set, a NullPointerException (exit 1).
    assertThat(read(source("\"format\": null, \"path\": \"a.csv\", \"priority\": 10")))
        .isEqualTo("raw/sources.json, field 'format': source 'papi_2024': 'format' is null; expected a non-blank "
            + "string");
    assertThat(read(source("\"format\": \"long_csv\", \"path\": \"a.csv\", \"priority\": 10, \"columns\": null")))
        .isEqualTo("raw/sources.json, field 'columns': source 'papi_2024': 'columns' is null; expected an object, "
            + "or leave the key out");
    assertThat(read("{\"sources\": [null]}")).isEqualTo("raw/sources.json, field 'sources': source #1 is null; "
        + "expected an object with the keys [source_id, format, path, priority]");
  }

  @Test
  void missingOrMistypedKeysNameTheSource() throws IOException {
    assertThat(read(source("\"format\": \"long_csv\", \"path\": \"a.csv\"")))
        .isEqualTo("raw/sources.json, field 'priority': source 'papi_2024' has no 'priority'; every source needs "
            + "[source_id, format, path, priority]");
    assertThat(read(source("\"format\": \"long_csv\", \"path\": \"a.csv\", \"priority\": \"10\"")))
        .isEqualTo("raw/sources.json, field 'priority': source 'papi_2024': 'priority' is \"10\"; expected an "
            + "integer");
    assertThat(read("{\"sources\": [{\"format\": \"long_csv\", \"path\": \" \", \"priority\": 1}]}"))
        .isEqualTo("raw/sources.json, field 'source_id': source #1 has no 'source_id'; every source needs "
            + "[source_id, format, path, priority]");
  }

  @Test
  void aFrameNotInFramesCsvNamesTheSourceAndTheValidFrames() throws IOException {
    // Before: the run stopped later in the name resolver, naming neither the source nor sources.json.
    assertThat(read(source("\"format\": \"long_csv\", \"path\": \"a.csv\", \"priority\": 10, \"frame\": \"VN36\"")))
        .isEqualTo("raw/sources.json, field 'frame': source 'papi_2024' has frame 'VN36'; valid frames: "
            + "[VN64, VN63, VN34] (data/reference/frames.csv) or by_published_n");
  }

  @Test
  void theBundledManifestPasses() {
    Path root = SparkTestBase.repoRoot();
    SourcesManifest m = SourcesManifest.read(root.resolve("data/raw/sources.json"), "data/raw/sources.json",
        Readers.all().keySet(), FRAMES);
    assertThat(m.sources()).hasSize(21);
  }

  @Test
  void aPathThatIsADirectoryIsReportedAsOne() throws IOException {
    Files.createDirectories(tmp.resolve("raw/papi"));
    assertThatThrownBy(() -> SourceFiles.resolve(tmp, "raw/papi")).isInstanceOf(DataException.class)
        .hasMessageStartingWith("raw/papi: is a directory, not a file (looked at ")
        .hasMessageEndingWith("); give a file, or a pattern of files such as raw/papi/*.csv");
  }
  /** The verdict of the data-folder check on one source's keys, for a data folder {@code tmp/data}. */
  private String inside(String keys) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data/raw"));
    Path f = tmp.resolve("sources.json");
    Files.writeString(f, source("\"format\": \"wide_csv\", \"priority\": 10, " + keys), StandardCharsets.UTF_8);
    try {
      SourcesManifest.read(f, "data/raw/sources.json", Readers.all().keySet(), FRAMES)
          .checkFilesInsideDataFolder(tmp, data.getParent(), "data/raw/sources.json");
      return "ok";
    } catch (DataException e) {
      return e.getMessage().replace(tmp.toString(), "<tmp>");
    }
  }

  @Test
  void aPathThatLeavesTheDataFolderIsRefusedNamingTheSourceAndKey() throws IOException {
    String fix = "; every file a run reads must lie inside the data folder, so that manifest.json lists it with its "
        + "SHA-256 among the inputs: copy the file into <tmp>/data/raw and name it from there";
    Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("x.csv"), "unit,year\n");
    assertThat(inside("\"path\": \"data/raw/a.csv\"")).isEqualTo("ok");
    // Paths are relative to the data folder's parent: '..' climbs out of it, so does a sibling folder.
    assertThat(inside("\"path\": \"data/../elsewhere/x.csv\"")).isEqualTo("data/raw/sources.json, field 'path': "
        + "source 'papi_2024': 'path' 'data/../elsewhere/x.csv' leaves the data folder <tmp>/data (it resolves to "
        + "<tmp>/elsewhere/x.csv)" + fix);
    assertThat(inside("\"path\": \"../x.csv\"")).startsWith("data/raw/sources.json, field 'path': source "
        + "'papi_2024': 'path' '../x.csv' leaves the data folder <tmp>/data (it resolves to ");
    assertThat(inside("\"path\": \"/etc/passwd\"")).isEqualTo("data/raw/sources.json, field 'path': source "
        + "'papi_2024': 'path' '/etc/passwd' leaves the data folder <tmp>/data (it resolves to /etc/passwd)" + fix);
    // The other keys that name files.
    assertThat(inside("\"path\": \"data/raw/a.csv\", \"unit_codebook\": \"elsewhere/codes.csv\""))
        .startsWith("data/raw/sources.json, field 'unit_codebook': source 'papi_2024': 'unit_codebook' "
            + "'elsewhere/codes.csv' leaves the data folder <tmp>/data");
    assertThat(inside("\"path\": \"data/raw/a.csv\", \"options\": {\"mapping\": \"data/../m.csv\"}"))
        .startsWith("data/raw/sources.json, field 'options.mapping': source 'papi_2024': 'options.mapping' "
            + "'data/../m.csv' leaves the data folder <tmp>/data");
    // A glob's folder outside.
    assertThat(inside("\"path\": \"elsewhere/*.csv\"")).startsWith("data/raw/sources.json, field 'path': source "
        + "'papi_2024': 'path' 'elsewhere/*.csv' leaves the data folder <tmp>/data");
  }

  @Test
  void aLinkFollowedByDotDotIsJudgedWhereTheSystemGoesNotByItsText() throws IOException {
    // data/raw/lnk -> <tmp>/elsewhere/deep; data/raw/lnk/../codes.csv reads to the eye as data/raw/codes.csv, but
    // the system follows the link first and opens <tmp>/elsewhere/codes.csv.
    Path deep = Files.createDirectories(tmp.resolve("elsewhere/deep"));
    Files.writeString(deep.getParent().resolve("codes.csv"), "code,name\n");
    Path raw = Files.createDirectories(tmp.resolve("data/raw"));
    Files.createSymbolicLink(raw.resolve("lnk"), deep);
    assertThat(inside("\"path\": \"data/raw/a.csv\", \"unit_codebook\": \"data/raw/lnk/../codes.csv\""))
        .startsWith("data/raw/sources.json, field 'unit_codebook': source 'papi_2024': 'unit_codebook' "
            + "'data/raw/lnk/../codes.csv' leads out of the data folder <tmp>/data through a symbolic link")
        .contains("is <tmp>/elsewhere/codes.csv)");
  }

  @Test
  void aFileNameWithAnUnclosedBracketIsADataErrorNotACrash() throws IOException {
    Files.createDirectories(tmp.resolve("data/raw"));
    assertThat(inside("\"path\": \"data/raw/PAPI [2024.csv\"")).startsWith("data/raw/PAPI [2024.csv: "
        + "'PAPI [2024.csv' is not a valid file pattern (");
    assertThatThrownBy(() -> SourceFiles.resolve(tmp, "data/raw/PAPI {2024.csv")).isInstanceOf(DataException.class)
        .hasMessageStartingWith("data/raw/PAPI {2024.csv: 'PAPI {2024.csv' is not a valid file pattern (");
  }

  @Test
  void aSymbolicLinkOutOfTheDataFolderIsRefusedAsOne() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("elsewhere")).resolve("x.csv");
    Files.writeString(outside, "unit,year\n");
    Path raw = Files.createDirectories(tmp.resolve("data/raw"));
    Files.createSymbolicLink(raw.resolve("link.csv"), outside);
    String fix = "; every file a run reads must lie inside the data folder, so that manifest.json lists it with its "
        + "SHA-256 among the inputs: copy the file into <tmp>/data/raw and name it from there";
    assertThat(inside("\"path\": \"data/raw/link.csv\"")).isEqualTo("data/raw/sources.json, field 'path': source "
        + "'papi_2024': 'path' 'data/raw/link.csv' leads out of the data folder <tmp>/data through a symbolic link "
        + "(<tmp>/data/raw/link.csv is <tmp>/elsewhere/x.csv)" + fix);
    // Matched by a glob, and a linked folder.
    assertThat(inside("\"path\": \"data/raw/*.csv\"")).startsWith("data/raw/sources.json, field 'path': source "
        + "'papi_2024': 'path' 'data/raw/*.csv' leads out of the data folder <tmp>/data through a symbolic link "
        + "(<tmp>/data/raw/link.csv is <tmp>/elsewhere/x.csv)");
    Files.delete(raw.resolve("link.csv"));
    Files.createSymbolicLink(raw.resolve("linked"), outside.getParent());
    assertThat(inside("\"path\": \"data/raw/linked/*.csv\"")).startsWith("data/raw/sources.json, field 'path': "
        + "source 'papi_2024': 'path' 'data/raw/linked/*.csv' leads out of the data folder <tmp>/data through a "
        + "symbolic link (<tmp>/data/raw/linked is <tmp>/elsewhere)");
    // A link that stays inside is a file of the data folder like any other.
    Files.writeString(raw.resolve("real.csv"), "unit,year\n");
    Files.createSymbolicLink(raw.resolve("alias.csv"), raw.resolve("real.csv"));
    assertThat(inside("\"path\": \"data/raw/alias.csv\"")).isEqualTo("ok");
  }
}
