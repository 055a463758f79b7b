package vn.provincecompare.catalog;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One predecessor -> successor step between consecutive frames. Every unit of a frame that has a successor
 * frame has exactly one outgoing link.
 *
 * @param relation {@code unchanged} (same territory, possibly renamed) or {@code merged} (the successor also
 *                 took in other units, so its series is not comparable with this one's)
 */
public record LineageLink(String fromFrame, String fromCode, String toFrame, String toCode, String relation,
    LocalDate effectiveDate, String source) implements Serializable {

  public boolean isMerged() {
    return "merged".equals(relation);
  }
}
