package vn.provincecompare.catalog;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A raw unit string resolved in every frame, for sources that do not declare theirs.
 *
 * @param raw    the text as given
 * @param byFrame the resolution in each frame, oldest frame first
 */
public record ProvinceAnyFrameResolution(String raw, Map<String, ProvinceResolution> byFrame)
    implements Serializable {

  public ProvinceAnyFrameResolution {
    byFrame = Collections.unmodifiableMap(new LinkedHashMap<>(byFrame));
  }

  /** The frames the string names a unit in, oldest first ("Yên Bái" -> VN64, VN63; "Hà Tây" -> VN64). */
  public Set<String> frames() {
    return units().keySet();
  }

  /** The unit in each frame where the string resolves, oldest frame first. */
  public Map<String, Unit> units() {
    Map<String, Unit> units = new LinkedHashMap<>();
    byFrame.forEach((frame, r) -> {
      if (r.isResolved()) {
        units.put(frame, r.unit());
      }
    });
    return Collections.unmodifiableMap(units);
  }

  /** The resolutions that failed, for messages. */
  public List<ProvinceResolution> failures() {
    return byFrame.values().stream().filter(r -> !r.isResolved()).toList();
  }
}
