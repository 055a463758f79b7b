package vn.provincecompare.ingest.undp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.ingest.undp.UndpLabelMapping.Action;

class UndpLabelMappingTest {

  private static final String HEADER = "layout,first_year,last_year,match,label,action,indicator_code,note\n";

  private static UndpLabelMapping parse(String rows) {
    return UndpLabelMapping.parse("m.csv", new StringReader(HEADER + rows));
  }

  @Test
  void exactBeatsPrefixAndTheLongestPrefixWins() {
    UndpLabelMapping mapping = parse("""
        undp_rows,,,prefix,1:,indicator,PAPI_D1,
        undp_rows,,,prefix,1.1:,indicator,PAPI_SC11,
        undp_rows,,,prefix,1.1: Tri,skip,,a longer prefix
        undp_rows,,,exact,1.1: Tri thức công dân,indicator,PAPI_SC11,
        """);
    assertThat(mapping.find("undp_rows", 2016, "1: Tham gia").orElseThrow().indicatorCode()).isEqualTo("PAPI_D1");
    assertThat(mapping.find("undp_rows", 2016, "1.1: Tri thức công dân").orElseThrow().line()).isEqualTo(5);
    assertThat(mapping.find("undp_rows", 2016, "1.1: Tri thức").orElseThrow().action()).isEqualTo(Action.SKIP);
    assertThat(mapping.find("undp_rows", 2016, "1.1: Other").orElseThrow().line()).isEqualTo(3);
    assertThat(mapping.find("undp_wide", 2016, "1: Tham gia")).isEmpty();
  }

  @Test
  void labelsAreComparedAfterNfcAndWhiteSpaceCleanUp() {
    UndpLabelMapping mapping = parse("undp_rows,,,exact,Tên tỉnh,unit_name,,\n");
    // Decomposed "ê" (e + combining circumflex) and "ỉ" (i + combining hook), a no-break space and trailing blanks, as exports carry them.
    String printed = "  Te\u0302n\u00A0ti\u0309nh  ";
    assertThat(mapping.find("undp_rows", 2015, printed)).isPresent();
    assertThat(UndpLabelMapping.normalize(printed)).isEqualTo("Tên tỉnh");
  }

  @Test
  void yearBoundsAreInclusive() {
    UndpLabelMapping mapping = parse("""
        undp_workbook,,2015,exact,People's Inspection Boards,indicator,PAPI_SC32,
        undp_workbook,2016,,exact,People's Inspection Boards,indicator,PAPI_SC33,
        """);
    assertThat(mapping.find("undp_workbook", 2015, "People's Inspection Boards").orElseThrow().indicatorCode())
        .isEqualTo("PAPI_SC32");
    assertThat(mapping.find("undp_workbook", 2016, "People's Inspection Boards").orElseThrow().indicatorCode())
        .isEqualTo("PAPI_SC33");
  }

  @Test
  void requireNamesFileLineFieldAndLabel() {
    UndpLabelMapping mapping = parse("undp_wide,,,prefix,1.1:,indicator,PAPI_SC11,\n");
    assertThatThrownBy(() -> mapping.require("undp_wide", 2024, "9.1: Something new ", "x.csv", 170, "A170"))
        .isInstanceOf(DataException.class)
        .hasMessage("x.csv, line 170, field 'A170': unknown label '9.1: Something new' (layout undp_wide, year"
            + " 2024); add it to m.csv with action indicator (and an indicator code), unit_code, unit_name or"
            + " skip, so that no row of a new file is lost silently");
  }

  @Test
  void overlappingDuplicateRulesAreRejected() {
    assertThatThrownBy(() -> parse("""
        undp_wide,2018,,prefix,1.1:,indicator,PAPI_SC11,
        undp_wide,,2019,prefix,1.1:,skip,,
        """))
        .isInstanceOf(DataException.class)
        .hasMessage("m.csv, line 3, field 'label': label '1.1:' (undp_wide) is already mapped on line 2 for"
            + " overlapping years; give the rules disjoint first_year/last_year or remove one");
  }

  @Test
  void badRulesSayWhatIsValid() {
    assertThatThrownBy(() -> parse("undp_wide,,,regex,1.1:,indicator,PAPI_SC11,\n"))
        .hasMessage("m.csv, line 2, field 'match': 'regex' is not valid; valid: [exact, prefix]");
    assertThatThrownBy(() -> parse("undp_wide,,,exact,Mã tỉnh,indicator,,\n"))
        .hasMessage("m.csv, line 2, field 'indicator_code': action indicator needs an indicator code such as"
            + " PAPI, PAPI_D1 or PAPI_SC11, found ''");
    assertThatThrownBy(() -> parse("undp_wide,,,exact,Mã tỉnh,skip,PAPI,\n"))
        .hasMessage("m.csv, line 2, field 'indicator_code': indicator code 'PAPI' given for action skip; only"
            + " action indicator takes one");
    assertThatThrownBy(() -> parse("undp_tall,,,exact,Mã tỉnh,skip,,\n"))
        .hasMessage("m.csv, line 2, field 'layout': unknown layout 'undp_tall'; valid: [undp_wide, undp_rows,"
            + " undp_workbook]");
    assertThatThrownBy(() -> parse("undp_wide,2019,2018,exact,Mã tỉnh,skip,,\n"))
        .hasMessage("m.csv, line 2, field 'last_year': last_year 2018 is before first_year 2019");
    assertThatThrownBy(() -> UndpLabelMapping.parse("m.csv", new StringReader("layout,label\nundp_wide,x\n")))
        .hasMessage("m.csv, line 1, field 'first_year': missing column 'first_year'; the header must be"
            + " layout,first_year,last_year,match,label,action,indicator_code,note");
  }
}
