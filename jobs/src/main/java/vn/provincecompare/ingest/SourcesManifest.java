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
import vn.provincecompare.cells.CellText;
import vn.provincecompare.errors.DataException;

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

  private static void checkText(String file, String where, String key, com.fasterxml.jackson.databind.JsonNode v,
      String orElse) {
    if (!v.isTextual()) {
      throw new DataException(file, null, key, where + ": '" + key + "' is " + (v.isNull() ? "null" : v.toString())
          + "; expected a string" + (v.isValueNode() && !v.isNull() ? " (\"" + v.asText() + "\")" : "")
          + (v.isNull() ? orElse : ""));
    }
  }

  /** The keys of a source that name a file, besides {@code path}. */
  private static final List<String> FILE_OPTIONS = List.of("mapping");

  /**
   * Every file a source names ({@code path}, {@code unit_codebook}, {@code options.mapping}) must lie inside the
   * data folder, symbolic links resolved: manifest.json's inputs list the SHA-256 of every file of the data folder
   * and of nothing else, so a file outside it would be read without a fingerprint. Paths are relative to the data
   * folder's parent ({@code repoRoot}). Checked before any data is read; a path that matches nothing is left to the
   * reader, which says "file not found".
   */
  public void checkFilesInsideDataFolder(Path repoRoot, Path dataDir, String displayName) {
    Path data = dataDir.toAbsolutePath().normalize();
    Path dataReal;
    try {
      dataReal = data.toRealPath();
    } catch (IOException e) {
      throw DataException.inFile(data.toString(), "the data folder cannot be resolved: " + e.getMessage());
    }
    for (SourceSpec s : sources) {
      checkInside(repoRoot, data, dataReal, displayName, s.sourceId(), "path", s.path());
      if (s.unitCodebook() != null) {
        checkInside(repoRoot, data, dataReal, displayName, s.sourceId(), "unit_codebook", s.unitCodebook());
      }
      for (String option : FILE_OPTIONS) {
        if (s.options().containsKey(option)) {
          checkInside(repoRoot, data, dataReal, displayName, s.sourceId(), "options." + option,
              s.options().get(option));
        }
      }
    }
  }

  private static void checkInside(Path repoRoot, Path data, Path dataReal, String file, String id, String key,
      String value) {
    Path full = repoRoot.toAbsolutePath().normalize().resolve(value).normalize();
    String fix = "; every file a run reads must lie inside the data folder, so that manifest.json lists it with its "
        + "SHA-256 among the inputs: copy the file into " + data.resolve("raw") + " and name it from there";
    if (!full.startsWith(data)) {
      throw new DataException(file, null, key, "source '" + id + "': '" + key + "' '" + CellText.visible(value)
          + "' leaves the data folder " + data + " (it resolves to " + full + ")" + fix);
    }
    String name = full.getFileName() == null ? "" : full.getFileName().toString();
    boolean glob = name.contains("*") || name.contains("?") || name.contains("{") || name.contains("[");
    List<Path> targets = new java.util.ArrayList<>();
    Path dir = glob ? full.getParent() : full;
    targets.add(dir);
    // Readers that do not normalise open the path as written, where the system follows a link before a "..":
    // data/raw/link/../x.csv is then outside though its text is not. Its real path decides too.
    targets.add(repoRoot.toAbsolutePath().resolve(value));
    if (glob && Files.isDirectory(dir)) {
      var matcher = SourceFiles.glob(value, name);
      try (var files = Files.list(dir)) {
        files.filter(p -> matcher.matches(p.getFileName())).sorted().forEach(targets::add);
      } catch (IOException e) {
        throw DataException.inFile(value, "cannot list " + dir + ": " + e.getMessage());
      }
    }
    for (Path t : targets) {
      if (!Files.exists(t)) {
        continue;
      }
      Path real;
      try {
        real = t.toRealPath();
      } catch (IOException e) {
        throw DataException.inFile(value, "cannot be resolved: " + e.getMessage());
      }
      if (!real.startsWith(dataReal)) {
        throw new DataException(file, null, key, "source '" + id + "': '" + key + "' '" + CellText.visible(value)
            + "' leads out of the data folder " + data + " through a symbolic link (" + t + " is " + real + ")"
            + fix);
      }
    }
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
        // The maps and lists hold text: Jackson would turn 2022 into "2022" but a null into a crash later on.
        if ("object".equals(type)) {
          var entries = v.fields();
          while (entries.hasNext()) {
            var m = entries.next();
            checkText(file, where, e.getKey() + "." + m.getKey(), m.getValue(), ", or leave the key out");
          }
        } else if ("array".equals(type)) {
          for (int i = 0; i < v.size(); i++) {
            checkText(file, where, e.getKey() + "[" + (i + 1) + "]", v.get(i), "");
          }
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
