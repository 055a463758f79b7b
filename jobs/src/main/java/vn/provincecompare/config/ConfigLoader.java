package vn.provincecompare.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import vn.provincecompare.errors.UsageException;

/** Reads a JSON config file strictly: an unknown key is an error that lists the valid ones. */
public final class ConfigLoader {
  private ConfigLoader() {}

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public static JobConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UsageException("--config " + file + " cannot be read: " + e.getMessage(), e);
    }
    try {
      return JSON.readValue(text, JobConfig.class);
    } catch (UnrecognizedPropertyException e) {
      // @JsonProperty does not target record components; it lands on the component's private field.
      String valid = Arrays.stream(JobConfig.class.getDeclaredFields())
          .map(f -> f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class))
          .filter(java.util.Objects::nonNull)
          .map(com.fasterxml.jackson.annotation.JsonProperty::value)
          .collect(Collectors.joining(", "));
      throw new UsageException("--config " + file + ": unknown key '" + e.getPropertyName() + "'; valid keys: "
          + valid, e);
    } catch (JsonProcessingException e) {
      throw new UsageException("--config " + file + ": " + e.getOriginalMessage() + " (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
    }
  }

  /** The config as a JSON tree, for the run manifest. */
  public static com.fasterxml.jackson.databind.JsonNode toTree(JobConfig config) {
    return JSON.valueToTree(config);
  }

  /** The config as JSON text. */
  public static String toJson(JobConfig config) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
