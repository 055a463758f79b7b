package vn.provincecompare.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;

/** Each catalog defect stops loading with a message naming file, line, field and what would be valid. */
class IndicatorCatalogValidationTest {

  @TempDir
  Path dir;

  /** A valid row; tests override single columns. */
  static Map<String, String> row(String code) {
    Map<String, String> r = new LinkedHashMap<>();
    for (String c : IndicatorCatalog.COLUMNS) {
      r.put(c, "");
    }
    r.put("indicator_code", code);
    r.put("family", "FAM");
    r.put("short_name", code + " short");
    r.put("name_vi", code + " vi");
    r.put("name_en", code + " en");
    r.put("publisher", "Publisher");
    r.put("kind", "composite");
    r.put("unit", "points");
    r.put("value_type", "index_score");
    r.put("scale_min", "0");
    r.put("scale_max", "10");
    r.put("direction", "higher_is_better");
    r.put("merger_combine", "never");
    return r;
  }

  static Map<String, String> with(Map<String, String> r, String... columnValuePairs) {
    Map<String, String> copy = new LinkedHashMap<>(r);
    for (int i = 0; i < columnValuePairs.length; i += 2) {
      copy.put(columnValuePairs[i], columnValuePairs[i + 1]);
    }
    return copy;
  }

  /** Writes indicators.csv from rows (line 1 header, rows from line 2) and empty bands and breaks files. */
  @SafeVarargs
  final Path reference(Map<String, String>... rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", IndicatorCatalog.COLUMNS));
    for (Map<String, String> r : rows) {
      lines.add(String.join(",", r.values()));
    }
    Files.write(dir.resolve("indicators.csv"), lines, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("bands.csv"), String.join(",", BandCatalog.COLUMNS) + "\n");
    Files.writeString(dir.resolve("method_breaks.csv"), String.join(",", MethodBreakCatalog.COLUMNS) + "\n");
    return dir;
  }

  private String file() {
    return dir.resolve("indicators.csv").toString();
  }

  @Test
  void aValidTinyCatalogLoads() throws IOException {
    IndicatorCatalog c = IndicatorCatalog.load(reference(
        with(row("TOT"), "derivation", "sum_of_children", "scale_max", "20"),
        with(row("TOT_A"), "parent_code", "TOT", "kind", "dimension"),
        with(row("TOT_B"), "parent_code", "TOT", "kind", "dimension", "direction", "lower_is_better")));
    assertThat(c.childrenOf("TOT")).extracting(Indicator::code).containsExactly("TOT_A", "TOT_B");
    assertThat(c.isLowerBetter("TOT_B")).isTrue();
  }

  @Test
  void unknownParent() throws IOException {
    Path ref = reference(row("A"), with(row("B"), "parent_code", "NOPE"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 3, field 'parent_code': unknown parent 'NOPE'; expected blank or an "
            + "indicator_code defined in indicators.csv");
  }

  @Test
  void unknownKind() throws IOException {
    Path ref = reference(with(row("A"), "kind", "index"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'kind': 'index' is not valid; valid: composite | dimension | "
            + "sub_dimension | sub_index | pillar | operational");
  }

  @Test
  void unknownValueType() throws IOException {
    Path ref = reference(with(row("A"), "value_type", "percent"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'value_type': 'percent' is not valid; valid: index_score | share | "
            + "level");
  }

  @Test
  void unknownDirection() throws IOException {
    Path ref = reference(with(row("A"), "direction", "up"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'direction': 'up' is not valid; valid: higher_is_better | "
            + "lower_is_better");
  }

  @Test
  void blankDirection() throws IOException {
    Path ref = reference(with(row("A"), "direction", ""));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'direction': is blank; valid: higher_is_better | lower_is_better");
  }

  @Test
  void unknownMergerCombineAndDerivation() throws IOException {
    Path ref = reference(with(row("A"), "merger_combine", "mean"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'merger_combine': 'mean' is not valid; valid: never | sum | "
            + "population_weighted_mean");
    Path ref2 = reference(with(row("A"), "derivation", "mean_of_children"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref2))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'derivation': 'mean_of_children' is not valid; valid: sum_of_children");
  }

  @Test
  void scaleMinAboveScaleMax() throws IOException {
    Path ref = reference(row("A"), with(row("B"), "scale_min", "10", "scale_max", "1"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 3, field 'scale_min': scale_min 10.0 is above scale_max 1.0; expected "
            + "scale_min <= scale_max");
  }

  @Test
  void aPlausibleRangeNarrowsTheScaleAndIsNotEmpty() throws IOException {
    // row("A") has the scale 0-10: 2-8 narrows it and loads; 8-2 is empty, 0-11 and -1-5 leave the scale.
    Path ok = reference(with(row("A"), "plausible_min", "2", "plausible_max", "8"));
    assertThat(IndicatorCatalog.load(ok).require("A").plausibleMin()).isEqualTo(2.0);
    Path empty = reference(with(row("A"), "plausible_min", "8", "plausible_max", "2"));
    assertThatThrownBy(() -> IndicatorCatalog.load(empty))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'plausible_min': plausible_min 8.0 is above plausible_max 2.0; "
            + "expected plausible_min <= plausible_max");
    Path wider = reference(with(row("A"), "plausible_min", "0", "plausible_max", "11"));
    assertThatThrownBy(() -> IndicatorCatalog.load(wider))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'plausible_max': plausible_max 11.0 lies outside the scale 0.0..10.0; "
            + "a plausible range lies within the scale");
    Path below = reference(with(row("A"), "plausible_min", "-1"));
    assertThatThrownBy(() -> IndicatorCatalog.load(below))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'plausible_min': plausible_min -1.0 lies outside the scale 0.0..10.0; "
            + "a plausible range lies within the scale");
  }

  @Test
  void aScaleThatIsNotANumber() throws IOException {
    Path ref = reference(with(row("A"), "scale_max", "ten"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'scale_max': 'ten' is not a number; expected the highest possible "
            + "value, or blank for unbounded (digits with '.' as decimal point)");
  }

  @Test
  void anIndexScoreNeedsBothBounds() throws IOException {
    Path ref = reference(with(row("A"), "scale_max", ""));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'scale_max': is blank but value_type index_score is a bounded score; "
            + "give both scale_min and scale_max");
  }

  @Test
  void aShareIsAPercentage() throws IOException {
    Path ref = reference(with(row("A"), "value_type", "share", "scale_max", "1000"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'scale_max': value_type share is a percentage; expected scale_min "
            + "and scale_max within 0..100 (usually 0 and 100)");
  }

  @Test
  void derivationWithoutChildren() throws IOException {
    Path ref = reference(row("A"), with(row("B"), "derivation", "sum_of_children"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 3, field 'derivation': is sum_of_children but no indicator names 'B' as "
            + "parent_code; add its children or leave derivation blank");
  }

  @Test
  void duplicateCode() throws IOException {
    Path ref = reference(row("A"), with(row("A"), "name_vi", "other vi", "name_en", "other en"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 3, field 'indicator_code': duplicate code 'A', first defined on line 2; each "
            + "indicator_code must appear once");
  }

  @Test
  void duplicateName() throws IOException {
    Path ref = reference(row("A"), with(row("B"), "name_vi", "A vi"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 3, field 'name_vi': 'A vi' is already the name_vi of line 2; names must be "
            + "unique so that a published label maps to one indicator");
  }

  @Test
  void aCodeThatIsNotUpperCase() throws IOException {
    Path ref = reference(row("papi"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'indicator_code': 'papi' is not a valid code; expected upper-case "
            + "letters, digits and '_', starting with a letter (e.g. PAPI_D1)");
  }

  @Test
  void yearsInTheWrongOrder() throws IOException {
    Path ref = reference(with(row("A"), "first_year", "2018", "last_year", "2011"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'last_year': last_year 2011 is before first_year 2018; expected "
            + "last_year >= first_year or blank");
  }

  @Test
  void aComponentOlderThanItsIndex() throws IOException {
    Path ref = reference(with(row("A"), "first_year", "2013"), with(row("A_X"), "parent_code", "A",
        "first_year", "2005"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 3, field 'first_year': first_year 2005 is before its parent A's first_year "
            + "2013; a component cannot exist before its index");
  }

  @Test
  void aParentLoop() throws IOException {
    Path ref = reference(with(row("A"), "parent_code", "B"), with(row("B"), "parent_code", "A"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(file() + ", line 2, field 'parent_code': the parent chain of 'A' loops (A -> B); expected a "
            + "tree");
  }

  @Test
  void aBandOfAnUnknownIndicatorIsRejectedWhileLoadingTheCatalog() throws IOException {
    Path ref = reference(row("A"));
    Files.writeString(ref.resolve("bands.csv"), String.join(",", BandCatalog.COLUMNS) + "\n"
        + "B,B_TOP,1,Cao,Top,value,5,,,,test\n");
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(ref.resolve("bands.csv") + ", line 2, field 'indicator_code': unknown indicator 'B'; expected "
            + "an indicator_code of indicators.csv");
  }

  @Test
  void aMissingMethodBreaksFileIsNamed() throws IOException {
    Path ref = reference(row("A"));
    Files.delete(ref.resolve("method_breaks.csv"));
    assertThatThrownBy(() -> IndicatorCatalog.load(ref))
        .isInstanceOf(DataException.class)
        .hasMessage(ref.resolve("method_breaks.csv") + ": file not found; expected a catalog CSV with the header "
            + "indicator_code,break_year,description,source");
  }
}
