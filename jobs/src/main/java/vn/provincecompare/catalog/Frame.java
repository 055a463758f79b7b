package vn.provincecompare.catalog;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A unit frame: one set of provincial units that existed together, with the years of data published on it.
 *
 * @param code          {@code VN64}, {@code VN63}, {@code VN34}
 * @param name          a description for reports
 * @param validFrom     first day the units existed as a set
 * @param validTo       last day, or null while the frame is current
 * @param firstDataYear first data year published on this frame
 * @param lastDataYear  last data year published on this frame, or null while the frame is current
 * @param nUnits        the number of units, checked against {@code units.csv} on load
 */
public record Frame(String code, String name, LocalDate validFrom, LocalDate validTo, int firstDataYear,
    Integer lastDataYear, int nUnits) implements Serializable {
}
