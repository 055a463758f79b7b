package vn.provincecompare.catalog;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.provincecompare.catalog.ProvinceResolution.Failure;
import vn.provincecompare.errors.UsageException;

/**
 * Resolves any spelling of a province name, or a GSO code, to a unit of a given frame.
 *
 * <p>How a spelling matches is {@link ProvinceNameIndex}'s; what an unknown name is told is
 * {@link UnknownProvinceMessage}'s.
 *
 * <p>Frame-aware: "Lào Cai" is VN63 {@code 10} but VN34 {@code 15}; "Yên Bái" is no VN34 unit, and the
 * message says, from the lineage, that it merged into Lào Cai (VN34 15) on 2025-07-01.
 *
 * <p>Immutable and serialisable, so it can be broadcast to Spark executors.
 */
public final class ProvinceNameResolver implements Serializable {
  private static final long serialVersionUID = 1L;

  private final UnitCatalog catalog;
  private final ProvinceNameIndex index;

  private ProvinceNameResolver(UnitCatalog catalog, ProvinceNameIndex index) {
    this.catalog = catalog;
    this.index = index;
  }

  /** Builds the name index of every frame of the catalog. */
  public static ProvinceNameResolver from(UnitCatalog catalog) {
    return new ProvinceNameResolver(catalog, ProvinceNameIndex.from(catalog));
  }

  public UnitCatalog catalog() {
    return catalog;
  }

  /**
   * Resolves a raw name or code in a frame.
   *
   * @throws UsageException if the frame is not one of the catalog's
   */
  public ProvinceResolution resolve(String raw, String frame) {
    requireFrame(frame);
    ProvinceResolution direct = index.match(raw, frame);
    if (direct.isResolved() || direct.failure() == Failure.AMBIGUOUS) {
      return direct;
    }
    return ProvinceResolution.failed(raw, frame, Failure.UNKNOWN, List.of(),
        UnknownProvinceMessage.of(index, raw, frame, direct.message()));
  }

  /** Resolves a raw name or code in every frame, for a source that does not declare its frame. */
  public ProvinceAnyFrameResolution resolveAnyFrame(String raw) {
    Map<String, ProvinceResolution> byFrame = new LinkedHashMap<>();
    for (String frame : catalog.frameCodes()) {
      byFrame.put(frame, resolve(raw, frame));
    }
    return new ProvinceAnyFrameResolution(raw, byFrame);
  }

  private void requireFrame(String frame) {
    if (frame == null || !catalog.hasFrame(frame)) {
      throw new UsageException("unknown unit frame '" + frame + "'; valid frames: "
          + String.join(", ", catalog.frameCodes()));
    }
  }
}
