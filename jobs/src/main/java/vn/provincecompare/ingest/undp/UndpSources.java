package vn.provincecompare.ingest.undp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.provincecompare.ingest.DataException;
import vn.provincecompare.ingest.RawObservation;

/**
 * Loads UNDP source entries (the array in {@code data/raw/papi-undp/sources.fragment.json}, the same objects
 * that go into {@code data/raw/sources.json}) and reads them with the reader their format names.
 */
public final class UndpSources {

  /** The formats this package reads; each is also a layout of the label mapping. */
  public static final List<String> FORMATS = UndpLabelMapping.LAYOUTS;

  private UndpSources() {}

  /** Reads one source into raw observations, loading the label mapping its options name. */
  public static List<RawObservation> read(Path repoRoot, UndpSource source) {
    UndpLabelMapping mapping = UndpLabelMapping.load(repoRoot, source.option("mapping"));
    return read(repoRoot, source, mapping);
  }

  /** Reads one source with an already loaded mapping (several sources share one). */
  public static List<RawObservation> read(Path repoRoot, UndpSource source, UndpLabelMapping mapping) {
    return switch (source.format()) {
      case "undp_wide" -> UndpWideReader.read(repoRoot, source, mapping);
      case "undp_rows" -> UndpRowReader.read(repoRoot, source, mapping);
      case "undp_workbook" -> UndpWorkbookReader.read(repoRoot, source, mapping);
      default -> throw new DataException(source.path(), null, "format", "source " + source.sourceId()
          + " has format '" + source.format() + "', which the UNDP readers do not read; valid: " + FORMATS);
    };
  }

  /** Parses a JSON array of source entries (or an object with a {@code sources} array). */
  public static List<UndpSource> load(Path repoRoot, String relativePath) {
    Path path = repoRoot.resolve(relativePath);
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(path));
    } catch (IOException e) {
      throw new DataException(relativePath, null, null, "cannot read the source list: " + e.getMessage(), e);
    }
    JsonNode entries = root != null && root.isObject() ? root.get("sources") : root;
    if (entries == null || !entries.isArray()) {
      throw DataException.inFile(relativePath, "expected a JSON array of source entries (or {\"sources\": [...]})");
    }
    List<UndpSource> sources = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : entries) {
      sources.add(source(relativePath, index++, entry));
    }
    return sources;
  }

  private static UndpSource source(String file, int index, JsonNode entry) {
    String where = "sources[" + index + "]";
    String format = text(file, where, entry, "format");
    if (!FORMATS.contains(format)) {
      throw new DataException(file, null, where + ".format", "format '" + format + "' is not a UNDP format;"
          + " valid: " + FORMATS);
    }
    Map<String, String> options = new LinkedHashMap<>();
    JsonNode optionsNode = entry.get("options");
    if (optionsNode != null && optionsNode.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = optionsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> option = it.next();
        options.put(option.getKey(), option.getValue().asText());
      }
    } else {
      throw new DataException(file, null, where + ".options", "missing object 'options' (mapping, unit_key and"
          + " the layout positions of format " + format + ")");
    }
    return new UndpSource(text(file, where, entry, "source_id"), format, text(file, where, entry, "path"),
        integer(file, where, entry, "year"), integer(file, where, entry, "priority"),
        text(file, where, entry, "unit_frame"), options);
  }

  private static String text(String file, String where, JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new DataException(file, null, where + "." + field, "missing text field '" + field + "'");
    }
    return node.asText();
  }

  private static int integer(String file, String where, JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new DataException(file, null, where + "." + field, "missing integer field '" + field + "'");
    }
    return node.asInt();
  }
}
