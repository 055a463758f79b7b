package vn.provincecompare.ingest.excel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.provincecompare.errors.DataException;

/**
 * The tiers ("Nhóm xếp hạng": Rất tốt ... Thấp) VCCI published beside the PCI score, read through the same
 * layout as the scores. They are not observations: they are the evidence from which {@code bands_pci.csv} is
 * generated (see {@link PciTiersExport}) and against which it is checked.
 */
public final class PublishedTiers {

  /**
   * One published tier.
   *
   * @param year       the PCI year
   * @param rawUnit    the province text exactly as stored
   * @param tier       the tier text exactly as stored (a merged cell reads as its top-left text)
   * @param score      the score on the same row, full precision
   * @param sourceFile the workbook, relative to the repository
   * @param cellRef    the tier cell, as {@code Sheet!Y2}
   */
  public record PublishedTier(int year, String rawUnit, String tier, double score, String sourceFile,
      String cellRef) {}

  private PublishedTiers() {}

  public static List<PublishedTier> read(Path repoRoot, String layoutPath) {
    return read(ExcelLayout.load(repoRoot, layoutPath));
  }

  /**
   * Every (province, tier, score) of every layout group with a tier column. A blank tier cell is a province
   * without a published tier and is left out.
   *
   * @throws DataException when the score beside a tier is not a number, or the province repeated beside the
   *                       tier differs from the score's province: bands cannot be derived from such a sheet
   */
  public static List<PublishedTier> read(ExcelLayout layout) {
    List<PublishedTier> out = new ArrayList<>();
    try (LayoutSheets sheets = new LayoutSheets(layout)) {
      for (LayoutGroup g : layout.groups()) {
        if (g.tierCol() == null) {
          continue;
        }
        SheetCells cells = sheets.sheetFor(g);
        String sourceFile = layout.sourceFile(g.file());
        for (int r = g.firstRow(); r <= g.lastRow(); r++) {
          CellContent tier = cells.read(r, g.tierCol());
          if (tier.isBlank()) {
            continue;
          }
          CellContent unit = cells.read(r, g.unitCol());
          CellContent score = cells.read(r, g.valueCol());
          if (score.kind() != CellContent.Kind.NUMBER) {
            throw new DataException(sourceFile, r, score.ref(), "the score beside tier '" + tier.text()
                + "' reads '" + score.text() + "'; expected a number (" + sheets.where(g, "value_col") + ")");
          }
          if (g.tierUnitCol() != null) {
            CellContent tierUnit = cells.read(r, g.tierUnitCol());
            if (!tierUnit.text().equals(unit.text())) {
              throw new DataException(sourceFile, r, tierUnit.ref(), "the tier in " + tier.ref() + " is beside '"
                  + tierUnit.text() + "' but the score in " + score.ref() + " belongs to '" + unit.text()
                  + "'; expected the same province (" + sheets.where(g, "tier_unit_col") + ")");
            }
          }
          out.add(new PublishedTier(g.year(), unit.text(), tier.text(), score.number(), sourceFile, tier.ref()));
        }
      }
    }
    return out;
  }
}
