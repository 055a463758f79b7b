package vn.provincecompare.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provincecompare.compute.BoundaryChanges;
import vn.provincecompare.compute.Changes;
import vn.provincecompare.compute.Peers;
import vn.provincecompare.compute.PredecessorHistory;
import vn.provincecompare.compute.Rankings;
import vn.provincecompare.compute.Scorecards;
import vn.provincecompare.compute.TargetGaps;
import vn.provincecompare.validate.ValidateTables;

/**
 * The dashboard contract of the published tables: which declared schema each table is written with, the column
 * types every reader takes as they are, and the comparison of a table's schema with its committed snapshot
 * ({@code jobs/src/test/resources/schema-snapshot/<table>.json}).
 */
public final class SchemaContract {
  private SchemaContract() {}

  public static final ObjectMapper JSON = new ObjectMapper();

  /** Spark types whose Parquet form DuckDB, pyarrow, pandas, Superset, Metabase and Power BI all read as is. */
  static final Set<String> READER_SAFE_TYPES = Set.of("string", "int", "bigint", "double", "boolean", "date");

  static final String SNAKE_CASE = "[a-z][a-z0-9]*(_[a-z0-9]+)*";

  /** The schema each published table is declared with (one StructType constant per table, in its stage). */
  static Map<String, StructType> declared() {
    Map<String, StructType> m = new LinkedHashMap<>();
    m.put(PublishedTables.INDICATOR_VALUES.name(), ValidateTables.INDICATOR_VALUES);
    m.put(PublishedTables.QUARANTINE.name(), ValidateTables.QUARANTINE);
    m.put(PublishedTables.DQ_RESULTS.name(), ValidateTables.DQ_RESULTS);
    m.put(PublishedTables.RANKINGS.name(), Rankings.SCHEMA);
    m.put(PublishedTables.CHANGES.name(), Changes.SCHEMA);
    m.put(PublishedTables.TARGET_GAPS.name(), TargetGaps.SCHEMA);
    m.put(PublishedTables.SCORECARD.name(), Scorecards.SCHEMA);
    m.put(PublishedTables.PEERS.name(), Peers.SCHEMA);
    m.put(PublishedTables.PREDECESSOR_HISTORY.name(), PredecessorHistory.SCHEMA);
    m.put(PublishedTables.BOUNDARY_CHANGES.name(), BoundaryChanges.SCHEMA);
    return m;
  }

  /** One column as the snapshot records it. */
  public record Column(String name, String type, boolean nullable) {}

  static List<Column> columns(StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add(new Column(f.name(), f.dataType().simpleString(), f.nullable()));
    }
    return cols;
  }

  /** The snapshot file: JSON with one column per line, so a schema change reads as a one-line diff. */
  static String snapshotText(String table, int schemaVersion, List<Column> columns) {
    StringBuilder s = new StringBuilder("{\n  \"table\": \"").append(table).append("\",\n  \"schema_version\": ")
        .append(schemaVersion).append(",\n  \"columns\": [\n");
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      s.append("    {\"name\": \"").append(c.name()).append("\", \"type\": \"").append(c.type())
          .append("\", \"nullable\": ").append(c.nullable()).append('}').append(i + 1 < columns.size() ? "," : "")
          .append('\n');
    }
    return s.append("  ]\n}\n").toString();
  }

  /** The committed snapshot of a published table. */
  public static List<Column> snapshotColumns(String table) throws IOException {
    return columns(JSON.readTree(SchemaSnapshotTest.snapshotDir().resolve(table + ".json").toFile()));
  }

  /**
   * The columns as a reader of the written files sees them: the Parquet schema of every part file of a table
   * (parquet-hadoop, not Spark), each column's Spark type name from its physical type and annotation, nullable when
   * the column is optional. Every part file of a table must have the same schema.
   */
  public static List<Column> writtenColumns(Path tableDir) throws IOException {
    List<Column> found = null;
    try (java.util.stream.Stream<Path> files = Files.list(tableDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList()) {
        List<Column> cols = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
            new org.apache.hadoop.fs.Path(f.toUri()), new Configuration()))) {
          for (Type field : reader.getFooter().getFileMetaData().getSchema().getFields()) {
            cols.add(new Column(field.getName(), sparkTypeName(field.asPrimitiveType()),
                field.getRepetition() != Type.Repetition.REQUIRED));
          }
        }
        if (found != null && !found.equals(cols)) {
          throw new AssertionError(tableDir + ": part files with different schemas: " + found + " and " + cols);
        }
        found = cols;
      }
    }
    if (found == null) {
      throw new AssertionError("no Parquet file in " + tableDir);
    }
    return found;
  }

  private static String sparkTypeName(PrimitiveType t) {
    LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
    return switch (t.getPrimitiveTypeName()) {
      case BINARY -> a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? "string" : "binary " + a;
      case INT32 -> a == null ? "int" : a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? "date"
          : "int32 " + a;
      case INT64 -> a == null ? "bigint" : "int64 " + a;
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      default -> t.getPrimitiveTypeName() + " " + a;
    };
  }

  public static List<Column> columns(JsonNode snapshot) {
    List<Column> cols = new ArrayList<>();
    for (JsonNode c : snapshot.path("columns")) {
      cols.add(new Column(c.path("name").asText(), c.path("type").asText(), c.path("nullable").asBoolean()));
    }
    return cols;
  }

  /**
   * What would break a dashboard built on the snapshot: a column removed or renamed (the snapshot's name is gone),
   * retyped, or become nullable. A new column breaks nothing, nor does a nullable column becoming required.
   */
  static List<String> breakingChanges(List<Column> snapshot, List<Column> current) {
    Map<String, Column> now = new LinkedHashMap<>();
    current.forEach(c -> now.put(c.name(), c));
    List<String> out = new ArrayList<>();
    for (Column was : snapshot) {
      Column is = now.get(was.name());
      if (is == null) {
        out.add("column '" + was.name() + "' (" + was.type() + ") was removed or renamed");
      } else if (!is.type().equals(was.type())) {
        out.add("column '" + was.name() + "' was retyped from " + was.type() + " to " + is.type());
      } else if (is.nullable() && !was.nullable()) {
        out.add("column '" + was.name() + "' became nullable (readers may rely on it never being null)");
      }
    }
    return out;
  }

  static List<String> addedColumns(List<Column> snapshot, List<Column> current) {
    Set<String> was = new java.util.HashSet<>();
    snapshot.forEach(c -> was.add(c.name()));
    return current.stream().map(Column::name).filter(n -> !was.contains(n)).toList();
  }

  /** The failure message for a breaking change: what changed, and the two edits that must go in one commit. */
  static String howToUpdate(String table, int codeVersion, int snapshotVersion, List<String> changes) {
    return "published table '" + table + "' changed in a way that breaks dashboards and notebooks built on it:\n  - "
        + String.join("\n  - ", changes) + "\n"
        + "If this is intended, in the same commit:\n"
        + "  1. bump schema_version of " + table + " in jobs/src/main/java/vn/provincecompare/publish/"
        + "PublishedTables.java (it is " + codeVersion + "; the snapshot records " + snapshotVersion + ", so make it "
        + (snapshotVersion + 1) + "),\n"
        + "  2. regenerate the snapshot: mvn -B -o -pl jobs test -Dtest=SchemaSnapshotTest "
        + "-Dschema.snapshot.update=true (writes jobs/src/test/resources/schema-snapshot/" + table + ".json),\n"
        + "  3. say what changed in docs/tables and docs/dashboards.md.\n"
        + "Otherwise keep the column as it was (adding a new column is always allowed).";
  }
}
