package vn.provincecompare.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code data/raw/sources.json}: the list of raw sources one ingest reads. */
public record SourcesManifest(@JsonProperty(value = "sources", required = true) List<SourceSpec> sources) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public SourcesManifest {
    sources = List.copyOf(sources);
  }

  /** Reads and checks the manifest: ids unique, formats known. */
  public static SourcesManifest read(Path file, String displayName, Set<String> knownFormats) {
    return read(file, displayName, knownFormats, null);
  }

  /** The keys of a source and the JSON type each must have; null is never a valid value. */
  private static final java.util.Map<String, String> KEY_TYPES = java.util.Map.ofEntries(
      java.util.Map.entry("source_id", "string"), java.util.Map.entry("format", "string"),
      java.util.Map.entry("path", "string"), java.util.Map.entry("priority", "integer"),
      java.util.Map.entry("frame", "string"), java.util.Map.entry("rounded_values", "boolean"),
      java.util.Map.entry("columns", "object"), java.util.Map.entry("constants", "object"),
      java.util.Map.entry("year_from_filename", "string"), java.util.Map.entry("unit_codebook", "string"),
      java.util.Map.entry("indicator_columns", "object"), java.util.Map.entry("indicator_prefix", "string"),
      java.util.Map.entry("ignore_columns", "array"), java.util.Map.entry("options", "object"),
      java.util.Map.entry("description", "string"));

  private static final List<String> REQUIRED = List.of("source_id", "format", "path", "priority");

  /**
   * Reads and checks the manifest as a whole before any data is read: every source an object, its required keys
   * present, no key null or of the wrong type, ids unique, formats known and, when {@code frameCodes} is given,
   * each {@code frame} one of them or {@code by_published_n}. Each message names the source (by id, or by its
   * position when it has none), the key and the valid values.
   */
  public static SourcesManifest read(Path file, String displayName, Set<String> knownFormats,
      List<String> frameCodes) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw DataException.inFile(displayName, "sources manifest not found");
    } catch (IOException e) {
      throw DataException.inFile(displayName, "cannot be read: " + e.getMessage());
    }
    SourcesManifest manifest;
    try {
      checkShape(JSON.readTree(text), displayName, knownFormats, frameCodes);
      manifest = JSON.readValue(text, SourcesManifest.class);
    } catch (UnrecognizedPropertyException e) {
      throw new DataException(displayName, e.getLocation().getLineNr(), e.getPropertyName(),
          "unknown key; valid keys of a source: source_id, format, path, priority, frame, rounded_values, "
              + "columns, constants, year_from_filename, unit_codebook, indicator_columns, indicator_prefix, "
              + "ignore_columns, options, description", e);
    } catch (JsonProcessingException e) {
      throw new DataException(displayName, e.getLocation() == null ? null : e.getLocation().getLineNr(), null,
          e.getOriginalMessage(), e);
    }
    Set<String> ids = new HashSet<>();
    for (SourceSpec s : manifest.sources()) {
      if (!ids.add(s.sourceId())) {
        throw new DataException(displayName, null, "source_id", "source id '" + s.sourceId() + "' appears twice");
      }
      if (!knownFormats.contains(s.format())) {
        throw new DataException(displayName, null, "format", "source '" + s.sourceId() + "' has format '"
            + s.format() + "'; known formats: " + new java.util.TreeSet<>(knownFormats));
      }
    }
    return manifest;
  }

  private static void checkShape(com.fasterxml.jackson.databind.JsonNode root, String file, Set<String> formats,
      List<String> frameCodes) {
    if (root == null || !root.isObject() || !root.has("sources") || !root.get("sources").isArray()) {
      throw new DataException(file, null, "sources", "expected an object {\"sources\": [ ... ]} with a list of "
          + "sources");
    }
    int position = 0;
    for (com.fasterxml.jackson.databind.JsonNode s : root.get("sources")) {
      position++;
      String where = "source #" + position;
      if (s == null || !s.isObject()) {
        throw new DataException(file, null, "sources", where + " is " + (s == null || s.isNull() ? "null" : s.getNodeType()
            .toString().toLowerCase(java.util.Locale.ROOT)) + "; expected an object with the keys " + REQUIRED);
      }
      com.fasterxml.jackson.databind.JsonNode id = s.get("source_id");
      if (id != null && id.isTextual() && !id.asText().isBlank()) {
        where = "source '" + id.asText() + "'";
      }
      for (String key : REQUIRED) {
        if (!s.has(key)) {
          throw new DataException(file, null, key, where + " has no '" + key + "'; every source needs " + REQUIRED);
        }
      }
      var fields = s.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        String type = KEY_TYPES.get(e.getKey());
        if (type == null) {
          continue; // unknown keys are refused below, by the mapper, with the list of valid keys
        }
        com.fasterxml.jackson.databind.JsonNode v = e.getValue();
        boolean ok = switch (type) {
          case "string" -> v.isTextual() && !v.asText().isBlank();
          case "integer" -> v.isIntegralNumber() && v.canConvertToInt();
          case "boolean" -> v.isBoolean();
          case "object" -> v.isObject();
          default -> v.isArray();
        };
        if (!ok) {
          throw new DataException(file, null, e.getKey(), where + ": '" + e.getKey() + "' is " + (v.isNull() ? "null"
              : v.toString()) + "; expected " + ("integer".equals(type) ? "an integer" : "a" + ("object".equals(type)
              || "array".equals(type) ? "n " : " ") + ("string".equals(type) ? "non-blank string" : type))
              + (REQUIRED.contains(e.getKey()) ? "" : ", or leave the key out"));
        }
      }
      if (!formats.contains(s.get("format").asText())) {
        throw new DataException(file, null, "format", where + " has format '" + s.get("format").asText()
            + "'; known formats: " + new java.util.TreeSet<>(formats));
      }
      if (frameCodes != null && s.has("frame")) {
        String frame = s.get("frame").asText();
        if (!frameCodes.contains(frame) && !SourceSpec.FRAME_BY_PUBLISHED_N.equals(frame)) {
          throw new DataException(file, null, "frame", where + " has frame '" + CellText.visible(frame)
              + "'; valid frames: " + frameCodes + " (data/reference/frames.csv) or "
              + SourceSpec.FRAME_BY_PUBLISHED_N);
        }
      }
    }
  }
}
