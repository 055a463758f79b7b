package vn.provincecompare.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import vn.provincecompare.testing.SparkTestBase;

/** docs/tables.md documents every column of every published table, in that table's section. */
class TablesDocumentationTest {

  @Test
  void everyColumnOfEveryPublishedTableIsDocumented() throws IOException {
    String doc = Files.readString(SparkTestBase.repoRoot().resolve("docs/tables.md"));
    List<String> missing = new ArrayList<>();
    for (PublishedTables.Table table : PublishedTables.ALL) {
      int start = doc.indexOf("## `" + table.name() + "`");
      if (start < 0) {
        missing.add(table.name() + " (no section)");
        continue;
      }
      int end = doc.indexOf("\n## ", start + 1);
      String section = doc.substring(start, end < 0 ? doc.length() : end);
      for (StructField f : table.schema().fields()) {
        if (!section.contains("| " + f.name() + " |") && !section.contains("| `" + f.name() + "` |")) {
          missing.add(table.name() + "." + f.name());
        }
      }
    }
    assertThat(missing).as("columns missing from docs/tables.md (edit docs/tables/<table>.md, then run "
        + "docs/build-tables-md.sh)").isEmpty();
  }
}
