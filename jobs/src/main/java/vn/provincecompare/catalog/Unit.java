package vn.provincecompare.catalog;

import java.io.Serializable;

/**
 * A provincial unit of one frame. A code alone never identifies a unit: VN63 {@code 15} is Yên Bái, VN34
 * {@code 15} is the merged Lào Cai.
 *
 * @param frame      the frame code
 * @param code       the two-digit GSO code in that frame
 * @param nameVi     the Vietnamese name in NFC, as the index publishers spell it ("Hòa Bình")
 * @param nameAscii  the name without diacritics
 * @param nameEn     the English name the publishers use ("Hanoi", "Ho Chi Minh City")
 * @param unitType   {@code province} or {@code city} (centrally-run city)
 * @param regionCode {@code R1}..{@code R6}, or null for a VN34 unit whose predecessors span regions
 */
public record Unit(String frame, String code, String nameVi, String nameAscii, String nameEn, String unitType,
    String regionCode) implements Serializable {

  /** "Lào Cai (VN63 10)", for messages. */
  public String label() {
    return nameVi + " (" + frame + " " + code + ")";
  }
}
