package vn.provincecompare.ingest;

import java.util.List;
import java.util.Map;
import vn.provincecompare.catalog.Frame;
import vn.provincecompare.cells.CellText;
import vn.provincecompare.errors.DataException;

/**
 * The frame a raw row's unit is placed in: the frame as written, or the one its published n implies, and one frame
 * for all rows of a published table.
 */
final class FramePlacement {
  private FramePlacement() {}

  /** Where the first row of one published table (file, indicator, year) was placed. */
  record Placement(String frame, int line) {}

  /**
   * A published table (one indicator in one year of one file) ranks the units of one frame, so its rows must all
   * land in one frame, whether the spec declares it, a column gives it per row or {@code by_published_n} derives it
   * from each row's published n. Two frames in one table would put part of a 63-unit ranking among the 34, so it
   * stops the run, naming the file, the table, both frames and a line of each. Different tables of one file may be
   * in different frames: {@code lao_cai_published_facts.csv} holds DTI 2024 of 34 beside DTI 2022 of 63, each a
   * separate publication. Rows without a frame (rejected, or a published n no frame has) are quarantined by the
   * row checks instead.
   */
  static void requireOneFrame(Map<List<String>, Placement> tables, RawObservation o, String frame) {
    if (frame == null || o.rejectReason() != null) {
      return;
    }
    List<String> table = java.util.Arrays.asList(o.sourceFile(), o.rawIndicator(), o.rawYear());
    Placement first = tables.putIfAbsent(table, new Placement(frame, o.line()));
    if (first != null && !first.frame().equals(frame)) {
      throw new DataException(o.sourceFile(), o.line(), null, "the published table " + o.rawIndicator() + " "
          + o.rawYear() + " has rows in two frames: " + first.frame() + " (line " + first.line() + ") and " + frame
          + " (line " + o.line() + "). A table ranks the units of one frame: give every row of it the same frame "
          + "(for by_published_n, the same published n: 63 for VN63, 34 for VN34), or make each frame's rows a "
          + "separate source in data/raw/sources.json");
    }
  }

  /**
   * A frame as written in a cell or the spec, read as its catalog code when the meaning is unambiguous: case and
   * spaces aside ({@code vn63}, {@code VN 63}, {@code VN63\u00A0}), and likewise {@code by_published_n}. Anything
   * else is kept as written, so that the row checks quarantine it as {@code UNKNOWN_FRAME} naming the file and line
   * instead of one cell stopping the run.
   */
  static String frameCode(List<Frame> frames, String written) {
    if (written == null) {
      return null;
    }
    String squeezed = written.replaceAll(CellText.PADDING, "");
    if (squeezed.equalsIgnoreCase(SourceSpec.FRAME_BY_PUBLISHED_N)) {
      return SourceSpec.FRAME_BY_PUBLISHED_N;
    }
    for (Frame f : frames) {
      if (f.code().equalsIgnoreCase(squeezed)) {
        return f.code();
      }
    }
    return written;
  }

  /** The frame whose unit count equals the published n and whose data years hold the year; else null. */
  static String frameByPublishedN(List<Frame> frames, String publishedN, String year) {
    if (publishedN == null || year == null) {
      return null;
    }
    Integer n = CellText.wholeNumber(publishedN);
    Integer y = CellText.year(year);
    if (n == null || y == null) {
      return null;
    }
    String found = null;
    for (Frame f : frames) {
      boolean yearFits = y >= f.firstDataYear() && (f.lastDataYear() == null || y <= f.lastDataYear());
      if (n == f.nUnits() && yearFits) {
        if (found != null) {
          return null;
        }
        found = f.code();
      }
    }
    return found;
  }
}
