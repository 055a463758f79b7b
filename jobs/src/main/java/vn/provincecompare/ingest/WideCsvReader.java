package vn.provincecompare.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.provincecompare.errors.DataException;

/**
 * Format {@code wide_csv}: one row per unit, one column per indicator (the PAPI panel's {@code Province,SC11,...}).
 *
 * <p>The unit column is {@code columns.unit}; the year is a constant or comes from the file name; each other
 * column is an indicator ({@code indicator_columns}, else {@code indicator_prefix} + header) unless listed in
 * {@code ignore_columns}. A source's own unit codes (P01..P63) are translated through {@code unit_codebook}
 * into names, which the resolver then reads like any other spelling. An optional {@code columns.published_rank}
 * gives the published rank of the indicator named by option {@code rank_indicator}.
 */
public final class WideCsvReader implements RawReader {

  @Override
  public List<RawObservation> read(SourceSpec spec, Path repoRoot) {
    Map<String, String> codebook = spec.unitCodebook() == null ? Map.of() : codebook(repoRoot, spec.unitCodebook());
    List<RawObservation> out = new ArrayList<>();
    for (Path file : SourceFiles.resolve(repoRoot, spec.path())) {
      String name = SourceFiles.displayName(repoRoot, file);
      String year = spec.constants().get("year");
      if (spec.yearFromFilename() != null) {
        year = SourceFiles.yearFromFilename(spec.yearFromFilename(), file, name);
      }
      if (year == null) {
        throw DataException.inFile(name, "source " + spec.sourceId()
            + " gives no year: set constants.year or year_from_filename");
      }
      readFile(spec, CsvTable.read(file, name), year, codebook, out);
    }
    return out;
  }

  void readFile(SourceSpec spec, CsvTable table, String year, Map<String, String> codebook,
      List<RawObservation> out) {
    String unitColumn = spec.columns().getOrDefault("unit", "unit");
    int unitIndex = table.requireColumn(unitColumn, "unit");
    String rankColumn = spec.columns().get("published_rank");
    int rankIndex = rankColumn == null ? -1 : table.requireColumn(rankColumn, "published_rank");
    String rankIndicator = spec.option("rank_indicator", null);
    Set<String> ignored = new HashSet<>(spec.ignoreColumns());
    ignored.add(unitColumn);
    if (rankColumn != null) {
      ignored.add(rankColumn);
    }
    for (String declared : spec.indicatorColumns().keySet()) {
      table.requireColumn(declared, "indicator " + spec.indicatorColumns().get(declared));
    }
    List<Integer> valueColumns = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < table.header().size(); i++) {
      String h = table.header().get(i);
      if (ignored.contains(h)) {
        continue;
      }
      String code = spec.indicatorColumns().get(h);
      if (code == null && spec.indicatorPrefix() != null) {
        code = spec.indicatorPrefix() + h;
      }
      if (code == null) {
        throw new DataException(table.file(), 1, h, "column is neither the unit column, an indicator of "
            + "indicator_columns, nor in ignore_columns (set indicator_prefix to take every column)");
      }
      valueColumns.add(i);
      codes.add(code);
    }
    String publishedN = spec.constants().get("published_n");
    int width = table.header().size();
    for (CsvTable.Row row : table.rows()) {
      if (row.cells().size() != width) {
        out.add(RawObservation.rejected(spec.sourceId(), table.file(), row.line(), null, row.text(),
            "WRONG_FIELD_COUNT", "line has " + row.cells().size() + " fields, the header has " + width));
        continue;
      }
      String unit = row.cell(unitIndex);
      if (!codebook.isEmpty()) {
        String named = codebook.get(unit == null ? "" : unit.strip());
        if (named == null) {
          out.add(RawObservation.rejected(spec.sourceId(), table.file(), row.line(), unitColumn, row.text(),
              "UNKNOWN_UNIT_CODE", "unit code '" + unit + "' is not in the codebook " + spec.unitCodebook()));
          continue;
        }
        unit = named;
      }
      for (int k = 0; k < valueColumns.size(); k++) {
        int col = valueColumns.get(k);
        String code = codes.get(k);
        String rank = rankIndex >= 0 && code.equals(rankIndicator) ? row.cell(rankIndex) : null;
        out.add(RawObservation.of(spec.sourceId(), table.file(), row.line(), table.header().get(col), unit, year,
            code, row.cell(col), rank, rank == null ? null : publishedN, spec.frame(),
            row.cell(unitIndex) + " | " + table.header().get(col) + "=" + row.cell(col)));
      }
    }
  }

  private static Map<String, String> codebook(Path repoRoot, String path) {
    Path file = repoRoot.resolve(path);
    CsvTable table = CsvTable.read(file, path);
    int code = table.requireColumn("Variable_Code", "unit code");
    int name = table.requireColumn("Variable_Name", "unit name");
    Map<String, String> map = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      if (map.put(row.cell(code).strip(), row.cell(name)) != null) {
        throw new DataException(path, row.line(), "Variable_Code", "code " + row.cell(code) + " appears twice");
      }
    }
    return map;
  }
}
