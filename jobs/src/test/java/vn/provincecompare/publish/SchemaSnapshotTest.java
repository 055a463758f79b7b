package vn.provincecompare.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.publish.SchemaContract.Column;
import vn.provincecompare.testing.SparkTestBase;

/**
 * The build gate of the dashboard contract: every published table's declared schema against its committed
 * snapshot. Renaming, removing or retyping a column fails until the snapshot is regenerated AND the table's
 * {@code schema_version} in {@link PublishedTables} is bumped, in the same commit; adding a column passes.
 *
 * <p>Regenerate: {@code mvn -B -o -pl jobs test -Dtest=SchemaSnapshotTest -Dschema.snapshot.update=true}. It
 * still refuses to record a breaking change whose schema_version was not bumped.
 */
class SchemaSnapshotTest extends SparkTestBase {
  static final boolean UPDATE = Boolean.getBoolean("schema.snapshot.update");

  static Path snapshotDir() {
    return SparkTestBase.repoRoot().resolve("jobs/src/test/resources/schema-snapshot");
  }

  @Test
  void everyPublishedTableHasADeclaredSchema() {
    assertThat(SchemaContract.declared().keySet())
        .containsExactlyInAnyOrderElementsOf(PublishedTables.ALL.stream().map(PublishedTables.Table::name).toList());
  }

  @Test
  void columnsUseReaderSafeTypesAndSnakeCaseNames() {
    List<String> problems = new ArrayList<>();
    SchemaContract.declared().forEach((table, schema) -> {
      for (StructField f : schema.fields()) {
        String type = f.dataType().simpleString();
        if (!SchemaContract.READER_SAFE_TYPES.contains(type)) {
          problems.add(table + "." + f.name() + " is " + type + "; allowed: " + SchemaContract.READER_SAFE_TYPES);
        }
        if (!f.name().matches(SchemaContract.SNAKE_CASE)) {
          problems.add(table + "." + f.name() + " is not snake_case");
        }
        if (type.equals("boolean") && !(f.name().startsWith("is_") || f.name().startsWith("has_"))) {
          problems.add(table + "." + f.name() + " is a boolean not named is_* or has_*");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  /**
   * The files are what the contract says, not only the StructType constants: a run on two real sources (the DTI
   * 2022 ranking of the 63 and Lào Cai's published facts, among them DTI 2024 of the 34, so that the merger tables
   * have rows), and every table's Parquet schema, read by parquet-hadoop as pyarrow or DuckDB would, is its
   * snapshot's columns in order, with their types and nullability (a not-null column is a required Parquet column).
   */
  @Test
  void everyWrittenTableHasTheSchemaOfItsSnapshot(@TempDir Path tmp) throws IOException {
    Path data = tmp.resolve("data");
    Path repo = repoRoot();
    for (String dir : List.of("data/reference", "data/targets")) {
      try (java.util.stream.Stream<Path> files = Files.list(repo.resolve(dir))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.createDirectories(tmp.resolve(dir));
          Files.copy(f, tmp.resolve(dir).resolve(f.getFileName()));
        }
      }
    }
    com.fasterxml.jackson.databind.node.ObjectNode sources = SchemaContract.JSON.createObjectNode();
    com.fasterxml.jackson.databind.node.ArrayNode kept = sources.putArray("sources");
    for (JsonNode source : SchemaContract.JSON.readTree(repo.resolve("data/raw/sources.json").toFile())
        .path("sources")) {
      String id = source.path("source_id").asText();
      if (id.equals("dti_2022_ranking") || id.equals("lao_cai_published_facts")) {
        kept.add(source);
        Path file = Path.of(source.path("path").asText());
        Files.createDirectories(tmp.resolve(file).getParent());
        Files.copy(repo.resolve(file), tmp.resolve(file));
      }
    }
    assertThat(kept).hasSize(2);
    Files.writeString(data.resolve("raw/sources.json"), SchemaContract.JSON.writeValueAsString(sources));
    vn.provincecompare.config.JobConfig config = vn.provincecompare.config.JobConfig.defaults().overlay(
        new vn.provincecompare.config.JobConfig(data.toString(), null, tmp.resolve("out").toString(), null, null,
            null, null, null, null, null, null, null, 2, null)).validated();
    vn.provincecompare.cli.Pipeline.Summary run = vn.provincecompare.cli.Pipeline.run(spark, config,
        vn.provincecompare.cli.Pipeline.Stages.RUN);

    assertThat(run.rowCounts().get("predecessor_history")).as("rows of predecessor_history").isPositive();
    for (PublishedTables.Table t : PublishedTables.ALL) {
      assertThat(SchemaContract.writtenColumns(run.runDir().resolve(t.name()))).as("written schema of %s", t.name())
          .containsExactlyElementsOf(SchemaContract.snapshotColumns(t.name()));
    }
  }

  @Test
  void publishedSchemasMatchTheirSnapshots() throws IOException {
    List<String> failures = check(snapshotDir(), SchemaContract.declared(),
        t -> PublishedTables.byName(t).schemaVersion(), UPDATE);
    if (!failures.isEmpty()) {
      fail(String.join("\n\n", failures));
    }
  }

  /** The gate, for any snapshot folder, schemas and versions: the failures, empty when the contract holds. */
  static List<String> check(Path dir, Map<String, StructType> declared, ToIntFunction<String> versions,
      boolean update) throws IOException {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, StructType> e : declared.entrySet()) {
      String table = e.getKey();
      int codeVersion = versions.applyAsInt(table);
      List<Column> current = SchemaContract.columns(e.getValue());
      Path file = dir.resolve(table + ".json");
      if (!Files.isRegularFile(file)) {
        if (update) {
          write(file, table, codeVersion, current);
        } else {
          failures.add("no schema snapshot for published table '" + table + "' (" + file + "): create it with mvn -B "
              + "-o -pl jobs test -Dtest=SchemaSnapshotTest -Dschema.snapshot.update=true and commit it");
        }
        continue;
      }
      JsonNode snap = SchemaContract.JSON.readTree(file.toFile());
      int snapVersion = snap.path("schema_version").asInt();
      List<Column> recorded = SchemaContract.columns(snap);
      List<String> breaking = SchemaContract.breakingChanges(recorded, current);
      boolean bumped = codeVersion > snapVersion;
      if (!breaking.isEmpty() && !bumped) {
        failures.add(SchemaContract.howToUpdate(table, codeVersion, snapVersion, breaking));
      } else if (codeVersion < snapVersion) {
        failures.add("schema_version of '" + table + "' is " + codeVersion + " in PublishedTables.java but the "
            + "snapshot records " + snapVersion + ": a version never goes down");
      } else if (update) {
        if (bumped || !SchemaContract.addedColumns(recorded, current).isEmpty()) {
          write(file, table, codeVersion, current);
        }
      } else if (bumped) {
        failures.add("schema_version of '" + table + "' was bumped to " + codeVersion + " but its snapshot still "
            + "records " + snapVersion + ": regenerate it in the same commit (mvn -B -o -pl jobs test "
            + "-Dtest=SchemaSnapshotTest -Dschema.snapshot.update=true)");
      }
    }
    return failures;
  }

  private static void write(Path file, String table, int version, List<Column> columns) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, SchemaContract.snapshotText(table, version, columns));
  }

  @Test
  void theGateFailsOnARenameUntilTheVersionIsBumpedAndPassesOnAnAddedColumn(@TempDir Path dir) throws IOException {
    StructType v1 = new StructType().add("unit_code", DataTypes.StringType, false).add("rank", DataTypes.IntegerType);
    assertThat(check(dir, Map.of("t", v1), t -> 1, true)).isEmpty();
    assertThat(Files.readString(dir.resolve("t.json"))).isEqualTo("""
        {
          "table": "t",
          "schema_version": 1,
          "columns": [
            {"name": "unit_code", "type": "string", "nullable": false},
            {"name": "rank", "type": "int", "nullable": true}
          ]
        }
        """);

    StructType added = v1.add("percentile", DataTypes.DoubleType);
    assertThat(check(dir, Map.of("t", added), t -> 1, false)).isEmpty();

    StructType renamed = new StructType().add("unit_code", DataTypes.StringType, false)
        .add("rank_overall", DataTypes.IntegerType);
    List<String> failures = check(dir, Map.of("t", renamed), t -> 1, false);
    assertThat(failures).singleElement().asString()
        .contains("column 'rank' (int) was removed or renamed").contains("make it 2");
    // Regenerating alone does not make it pass: the version must move too.
    assertThat(check(dir, Map.of("t", renamed), t -> 1, true)).hasSize(1);
    // Bumped but not regenerated: still a failure, naming the regeneration command.
    assertThat(check(dir, Map.of("t", renamed), t -> 2, false)).singleElement().asString()
        .contains("was bumped to 2 but its snapshot still records 1");
    // Both together: passes, and the snapshot now records version 2.
    assertThat(check(dir, Map.of("t", renamed), t -> 2, true)).isEmpty();
    assertThat(check(dir, Map.of("t", renamed), t -> 2, false)).isEmpty();
    assertThat(Files.readString(dir.resolve("t.json"))).contains("\"schema_version\": 2");
  }

  // The comparison itself, on a hand-made three-column table.

  static final List<Column> SNAP = List.of(new Column("unit_code", "string", false),
      new Column("rank", "int", true), new Column("value", "double", true));

  @Test
  void addingAColumnIsNotBreaking() {
    List<Column> now = new ArrayList<>(SNAP);
    now.add(new Column("percentile", "double", true));
    assertThat(SchemaContract.breakingChanges(SNAP, now)).isEmpty();
    assertThat(SchemaContract.addedColumns(SNAP, now)).containsExactly("percentile");
  }

  @Test
  void renamingRetypingAndLoosenedNullabilityAreBreaking() {
    List<Column> now = List.of(new Column("unit_code", "string", true), new Column("rank_n", "int", true),
        new Column("value", "decimal(10,2)", true));
    assertThat(SchemaContract.breakingChanges(SNAP, now)).containsExactly(
        "column 'unit_code' became nullable (readers may rely on it never being null)",
        "column 'rank' (int) was removed or renamed",
        "column 'value' was retyped from double to decimal(10,2)");
  }

  @Test
  void theFailureSaysToBumpTheVersionAndRegenerateTheSnapshotTogether() {
    String message = SchemaContract.howToUpdate("rankings", 1, 1, List.of("column 'rank' (int) was removed or renamed"));
    assertThat(message)
        .contains("published table 'rankings' changed")
        .contains("column 'rank' (int) was removed or renamed")
        .contains("in the same commit")
        .contains("bump schema_version of rankings in jobs/src/main/java/vn/provincecompare/publish/PublishedTables.java")
        .contains("make it 2")
        .contains("-Dtest=SchemaSnapshotTest -Dschema.snapshot.update=true")
        .contains("adding a new column is always allowed");
  }
}
