package vn.provincecompare.catalog;

import java.io.Serializable;

/**
 * One row of {@code data/targets/targets.csv}: what a unit committed to reach on an indicator by a year.
 *
 * @param threshold the value, rank (top N) or change the kind compares with; null for {@code band_at_least}
 * @param bandCode  the band to reach for {@code band_at_least}, else null
 * @param baseYear  the year a {@code change_at_least} is measured from, else null
 */
public record Target(
    String targetId,
    String unitFrame,
    String unitCode,
    String indicatorCode,
    int targetYear,
    TargetKind kind,
    Double threshold,
    String bandCode,
    Integer baseYear,
    String source,
    String note) implements Serializable {}
