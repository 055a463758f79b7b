package vn.provincecompare.ingest.undp;

import java.nio.file.Path;
import java.util.List;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.RawObservation;

/** Reads a UNDP source of {@code data/raw/sources.json} with the reader its format names. */
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
}
