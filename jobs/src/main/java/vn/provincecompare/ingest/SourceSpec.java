package vn.provincecompare.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One entry of {@code data/raw/sources.json}: where a raw source is, how to read it and how much to trust it.
 *
 * <p>Each logical field of an observation (unit, year, indicator, value, published_rank, published_n) comes either
 * from a column ({@code columns}) or is the same for the whole file ({@code constants}).
 *
 * @param sourceId    stable id, written to every row it produces
 * @param format      reader: {@code long_csv}, {@code wide_csv}, {@code excel_layout}, {@code undp_wide},
 *                    {@code undp_rows}, {@code undp_workbook}
 * @param path        file, glob ({@code data/raw/papi-panel/*.csv}) or layout file, relative to the repository
 * @param priority    lower wins when several sources hold the same (unit, indicator, year)
 * @param frame       {@code VN64}, {@code VN63}, {@code VN34}, or {@code by_published_n} (the frame whose unit
 *                    count equals the row's published n)
 * @param roundedValues true when the source publishes rounded figures: agreement with another source is then
 *                    judged at half a unit of the last printed decimal
 * @param columns     logical field -> column header
 * @param constants   logical field -> value for every row
 * @param yearFromFilename a regular expression whose first group is the year, for one-file-per-year sources
 * @param unitCodebook a CSV mapping the source's own unit codes to names ({@code Variable_Code,Variable_Name})
 * @param indicatorColumns for wide sources: column header -> indicator code
 * @param indicatorPrefix for wide sources: indicator code = prefix + column header, for columns not in
 *                    {@code indicatorColumns} and not the unit column
 * @param ignoreColumns for wide sources: columns that are not indicators
 * @param options     reader-specific settings
 * @param description what the source is, one line
 */
public record SourceSpec(
    @JsonProperty(value = "source_id", required = true) String sourceId,
    @JsonProperty(value = "format", required = true) String format,
    @JsonProperty(value = "path", required = true) String path,
    @JsonProperty(value = "priority", required = true) int priority,
    @JsonProperty("frame") String frame,
    @JsonProperty("rounded_values") boolean roundedValues,
    @JsonProperty("columns") Map<String, String> columns,
    @JsonProperty("constants") Map<String, String> constants,
    @JsonProperty("year_from_filename") String yearFromFilename,
    @JsonProperty("unit_codebook") String unitCodebook,
    @JsonProperty("indicator_columns") Map<String, String> indicatorColumns,
    @JsonProperty("indicator_prefix") String indicatorPrefix,
    @JsonProperty("ignore_columns") java.util.List<String> ignoreColumns,
    @JsonProperty("options") Map<String, String> options,
    @JsonProperty("description") String description) {

  public SourceSpec {
    columns = columns == null ? Map.of() : Map.copyOf(columns);
    constants = constants == null ? Map.of() : Map.copyOf(constants);
    indicatorColumns = indicatorColumns == null ? Map.of() : Map.copyOf(indicatorColumns);
    ignoreColumns = ignoreColumns == null ? java.util.List.of() : java.util.List.copyOf(ignoreColumns);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** The frame rule that picks a frame from each row's published n. */
  public static final String FRAME_BY_PUBLISHED_N = "by_published_n";

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
