package vn.provincecompare.ingest;

import java.nio.file.Path;
import java.util.List;

/** Reads one source of {@code data/raw/sources.json} into raw observations, losing no row. */
@FunctionalInterface
public interface RawReader {
  /**
   * @param spec     the source entry
   * @param repoRoot paths in the spec are relative to it
   */
  List<RawObservation> read(SourceSpec spec, Path repoRoot);
}
