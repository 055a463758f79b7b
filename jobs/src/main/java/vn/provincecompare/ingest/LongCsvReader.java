package vn.provincecompare.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vn.provincecompare.cells.CellText;
import vn.provincecompare.errors.DataException;

/**
 * Format {@code long_csv}: one row per observation,
 * {@code unit, year, indicator, value[, published_rank, published_n, unit_frame]}.
 *
 * <p>Each field comes from the column named in the spec's {@code columns} (default: the field's own name) or
 * from {@code constants}. The unit may be a code or any known spelling; value may be empty when only a published
 * rank is known. With option {@code year_from_date=true} a year column holding ISO dates (2025-03-31) gives
 * its year.
 */
public final class LongCsvReader implements RawReader {

  /** The logical fields of an observation. */
  enum Field {
    UNIT("unit", true), YEAR("year", true), INDICATOR("indicator", true), VALUE("value", false),
    PUBLISHED_RANK("published_rank", false), PUBLISHED_N("published_n", false), UNIT_FRAME("unit_frame", false);

    final String key;
    final boolean required;

    Field(String key, boolean required) {
      this.key = key;
      this.required = required;
    }
  }

  @Override
  public List<RawObservation> read(SourceSpec spec, Path repoRoot) {
    List<RawObservation> out = new ArrayList<>();
    for (Path file : SourceFiles.resolve(repoRoot, spec.path())) {
      String name = SourceFiles.displayName(repoRoot, file);
      readFile(spec, CsvTable.read(file, name), out);
    }
    return out;
  }

  void readFile(SourceSpec spec, CsvTable table, List<RawObservation> out) {
    Map<Field, Integer> columns = new EnumMap<>(Field.class);
    for (Field f : Field.values()) {
      if (spec.constants().containsKey(f.key)) {
        continue;
      }
      String declared = spec.columns().get(f.key);
      if (declared != null) {
        columns.put(f, table.requireColumn(declared, f.key));
      } else if (table.indexOf(f.key) >= 0) {
        columns.put(f, table.indexOf(f.key));
      } else if (f.required) {
        table.requireColumn(f.key, f.key);
      }
    }
    if (!columns.containsKey(Field.VALUE) && !columns.containsKey(Field.PUBLISHED_RANK)
        && !spec.constants().containsKey("value")) {
      throw new DataException(table.file(), 1, "value",
          "neither a value nor a published_rank column; the header has " + table.header());
    }
    boolean yearFromDate = Boolean.parseBoolean(spec.option("year_from_date", "false"));
    String valueField = columns.containsKey(Field.VALUE) ? table.header().get(columns.get(Field.VALUE))
        : table.header().get(columns.get(Field.PUBLISHED_RANK));
    int width = table.header().size();
    for (CsvTable.Row row : table.rows()) {
      if (row.cells().size() != width) {
        out.add(RawObservation.rejected(spec.sourceId(), table.file(), row.line(), null, row.text(),
            "WRONG_FIELD_COUNT", "line has " + row.cells().size() + " fields, the header has " + width
                + " (a delimiter or quote problem?)"));
        continue;
      }
      String year = field(spec, columns, row, Field.YEAR);
      if (yearFromDate && year != null && year.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
        year = year.strip().substring(0, 4);
      }
      String frame = field(spec, columns, row, Field.UNIT_FRAME);
      // A blank frame cell means the source's frame, as a missing column does.
      if (frame == null || CellText.unpadded(frame).isEmpty()) {
        frame = spec.frame();
      }
      out.add(RawObservation.of(spec.sourceId(), table.file(), row.line(), valueField,
          field(spec, columns, row, Field.UNIT), year, field(spec, columns, row, Field.INDICATOR),
          field(spec, columns, row, Field.VALUE), field(spec, columns, row, Field.PUBLISHED_RANK),
          field(spec, columns, row, Field.PUBLISHED_N), frame, row.text()));
    }
  }

  private static String field(SourceSpec spec, Map<Field, Integer> columns, CsvTable.Row row, Field f) {
    String constant = spec.constants().get(f.key);
    if (constant != null) {
      return constant;
    }
    Integer i = columns.get(f);
    return i == null ? null : row.cell(i);
  }
}
