package vn.provincecompare.catalog;

import java.io.Serializable;

/** A spelling seen in a source that normalising the unit's names cannot produce ("TP.HCM", "BRVT"). */
public record UnitAlias(String alias, String frame, String code, String source) implements Serializable {
}
