package vn.provincecompare.catalog;

import java.io.Serializable;

/** One of the 6 GSO socio-economic regions ({@code R1}..{@code R6}). */
public record UnitRegion(String code, String nameVi, String nameEn) implements Serializable {
}
