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
}
