package vn.provincecompare.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.excel.ExcelSheetReader;
import vn.provincecompare.ingest.undp.UndpSource;
import vn.provincecompare.ingest.undp.UndpSources;

/** Every raw format {@code sources.json} may name, and the reader for it. */
public final class Readers {
  private Readers() {}

  public static Map<String, RawReader> all() {
    Map<String, RawReader> readers = new LinkedHashMap<>();
    readers.put("long_csv", new LongCsvReader());
    readers.put("wide_csv", new WideCsvReader());
    readers.put("excel_layout", (spec, repoRoot) -> ExcelSheetReader.read(repoRoot, spec.path(), spec.sourceId()));
    RawReader undp = (spec, repoRoot) -> UndpSources.read(repoRoot, undpSource(spec));
    for (String format : UndpSources.FORMATS) {
      readers.put(format, undp);
    }
    return readers;
  }

  private static UndpSource undpSource(SourceSpec spec) {
    String year = spec.constants().get("year");
    if (year == null || !year.matches("\\d{4}")) {
      throw new DataException(spec.path(), null, "constants.year", "UNDP source " + spec.sourceId()
          + " needs constants.year, a four-digit year");
    }
    return new UndpSource(spec.sourceId(), spec.format(), spec.path(), Integer.parseInt(year), spec.priority(),
        spec.frame(), spec.options());
  }
}
