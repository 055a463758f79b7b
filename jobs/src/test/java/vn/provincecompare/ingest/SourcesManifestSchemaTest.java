package vn.provincecompare.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.testing.SparkTestBase;

/**
 * {@code docs/sources.schema.json} (issue 14.7) documents what {@link SourcesManifest} checks at run time; this
 * test keeps the two in agreement: the bundled manifest satisfies both, and each broken manifest below is refused
 * by both (the code's message naming the source and the key). The frame rule and unique ids need the catalog or
 * the whole list and are the code's only (the schema's description says so); they are checked here with the code.
 */
class SourcesManifestSchemaTest {
  @TempDir static Path tmp;
  static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    String text = Files.readString(SparkTestBase.repoRoot().resolve("docs/sources.schema.json"));
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
  }

  static List<String> schemaErrors(String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  /** The code's verdict: "ok" or its message. Frames not given: the frame rule is the catalog's (tested below). */
  static String codeVerdict(String json) throws IOException {
    Path f = Files.createTempFile(tmp, "sources", ".json");
    Files.writeString(f, json, StandardCharsets.UTF_8);
    try {
      SourcesManifest.read(f, "raw/sources.json", Readers.all().keySet(), null);
      return "ok";
    } catch (DataException e) {
      return e.getMessage();
    }
  }

  /** A broken manifest and the start of the message the code gives for it. */
  record Broken(String name, String json, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String one(String keys) {
    return "{\"sources\": [{\"source_id\": \"s1\", \"format\": \"long_csv\", \"path\": \"data/raw/a.csv\", "
        + "\"priority\": 10" + keys + "}]}";
  }

  static final String R = "raw/sources.json";

  static List<Broken> broken() {
    return List.of(
        new Broken("not an object", "[]", R + ", field 'sources': expected an object {\"sources\": [ ... ]}"),
        new Broken("sources not a list", "{\"sources\": {}}", R + ", field 'sources': expected an object"),
        new Broken("unknown top-level key", "{\"sources\": [], \"version\": 2}", R + ", line 1, field 'version': "
            + "unknown key"),
        new Broken("a source that is a number", "{\"sources\": [3]}", R + ", field 'sources': source #1 is number; "
            + "expected an object"),
        new Broken("no path", "{\"sources\": [{\"source_id\": \"s1\", \"format\": \"long_csv\", \"priority\": 1}]}",
            R + ", field 'path': source 's1' has no 'path'"),
        new Broken("format null", one("").replace("\"long_csv\"", "null"), R + ", field 'format': source 's1': "
            + "'format' is null"),
        new Broken("unknown format", one("").replace("long_csv", "csv"), R + ", field 'format': source 's1' has "
            + "format 'csv'; known formats: [excel_layout, long_csv, undp_rows, undp_wide, undp_workbook, wide_csv]"),
        new Broken("blank source id", one("").replace("\"s1\"", "\"  \""), R + ", field 'source_id': source #1: "
            + "'source_id' is \"  \"; expected a non-blank string"),
        new Broken("priority as text", one("").replace("10", "\"10\""), R + ", field 'priority': source 's1': "
            + "'priority' is \"10\"; expected an integer"),
        new Broken("priority a fraction", one("").replace("10", "1.5"), R + ", field 'priority': source 's1': "
            + "'priority' is 1.5; expected an integer"),
        new Broken("priority beyond an int", one("").replace("10", "3000000000"), R + ", field 'priority': source "
            + "'s1': 'priority' is 3000000000; expected an integer"),
        new Broken("misspelt key", one(", \"colums\": {}"), R + ", line 1, field 'colums': unknown key; valid keys"),
        new Broken("rounded_values as text", one(", \"rounded_values\": \"true\""), R + ", field 'rounded_values': "
            + "source 's1': 'rounded_values' is \"true\"; expected a boolean, or leave the key out"),
        new Broken("columns a list", one(", \"columns\": [\"unit\"]"), R + ", field 'columns': source 's1': "
            + "'columns' is [\"unit\"]; expected an object, or leave the key out"),
        new Broken("a column null", one(", \"columns\": {\"unit\": null}"), R + ", field 'columns.unit': source "
            + "'s1': 'columns.unit' is null; expected a string, or leave the key out"),
        new Broken("a constant as a number", one(", \"constants\": {\"year\": 2022}"), R + ", field "
            + "'constants.year': source 's1': 'constants.year' is 2022; expected a string (\"2022\")"),
        new Broken("an option as a boolean", one(", \"options\": {\"year_from_date\": true}"), R + ", field "
            + "'options.year_from_date': source 's1': 'options.year_from_date' is true; expected a string "
            + "(\"true\")"),
        new Broken("an ignored column null", one(", \"ignore_columns\": [\"Rank\", null]"), R + ", field "
            + "'ignore_columns[2]': source 's1': 'ignore_columns[2]' is null; expected a string"));
  }

  @Test
  void theBundledManifestSatisfiesTheSchemaAndTheCode() throws IOException {
    String bundled = Files.readString(SparkTestBase.repoRoot().resolve("data/raw/sources.json"));
    assertThat(schemaErrors(bundled)).isEmpty();
    assertThat(codeVerdict(bundled)).isEqualTo("ok");
  }

  @Test
  void everyKeyOfTheOptionalKindsIsAcceptedByBoth() throws IOException {
    String full = one(", \"frame\": \"VN63\", \"rounded_values\": true, \"columns\": {\"unit\": \"province\"}, "
        + "\"constants\": {\"year\": \"2022\"}, \"year_from_filename\": \"^(\\\\d{4})\\\\.csv$\", "
        + "\"unit_codebook\": \"data/raw/codes.csv\", \"indicator_columns\": {\"Total\": \"PAPI\"}, "
        + "\"indicator_prefix\": \"PAPI_\", \"ignore_columns\": [\"Rank\"], \"options\": {\"sheet\": \"2011\"}, "
        + "\"description\": \"one line\"");
    assertThat(schemaErrors(full)).isEmpty();
    assertThat(codeVerdict(full)).isEqualTo("ok");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void aBrokenManifestIsRefusedByTheSchemaAndByTheCode(Broken b) throws IOException {
    assertThat(schemaErrors(b.json())).as("schema errors for %s", b.name()).isNotEmpty();
    assertThat(codeVerdict(b.json())).startsWith(b.message());
  }

  @Test
  void theSchemaListsExactlyTheFormatsThereAreReadersFor() throws IOException {
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        SparkTestBase.repoRoot().resolve("docs/sources.schema.json").toFile());
    Set<String> enumerated = new TreeSet<>();
    tree.at("/$defs/source/properties/format/enum").forEach(n -> enumerated.add(n.asText()));
    assertThat(enumerated).isEqualTo(new TreeSet<>(Readers.all().keySet()));
    // And the keys it documents are the keys SourceSpec reads.
    Set<String> documented = new TreeSet<>();
    tree.at("/$defs/source/properties").fieldNames().forEachRemaining(documented::add);
    Set<String> read = new TreeSet<>();
    Class<?>[] types = java.util.Arrays.stream(SourceSpec.class.getRecordComponents())
        .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      for (var p : SourceSpec.class.getDeclaredConstructor(types).getParameters()) {
        read.add(p.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class).value());
      }
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    assertThat(documented).isEqualTo(read);
  }

  @Test
  void whatOnlyTheCodeCanCheckItChecks() throws IOException {
    // Unique ids need the whole list, frames the catalog: the schema accepts both, the code refuses them.
    String twice = "{\"sources\": [{\"source_id\": \"s1\", \"format\": \"long_csv\", \"path\": \"a.csv\", "
        + "\"priority\": 1}, {\"source_id\": \"s1\", \"format\": \"long_csv\", \"path\": \"b.csv\", \"priority\": 2}]}";
    assertThat(schemaErrors(twice)).isEmpty();
    assertThat(codeVerdict(twice)).isEqualTo(R + ", field 'source_id': source id 's1' appears twice");
    Path f = tmp.resolve("frame.json");
    Files.writeString(f, one(", \"frame\": \"VN36\""));
    assertThat(schemaErrors(one(", \"frame\": \"VN36\""))).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourcesManifest.read(f, R, Readers.all().keySet(),
        List.of("VN64", "VN63", "VN34"))).hasMessageStartingWith(R + ", field 'frame': source 's1' has frame 'VN36'");
  }
}
