package vn.provincecompare.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;

class LongCsvReaderTest {
  @TempDir Path repo;

  private SourceSpec spec(String path, Map<String, String> columns, Map<String, String> constants,
      Map<String, String> options) {
    return new SourceSpec("facts", "long_csv", path, 90, "by_published_n", true, columns, constants, null, null,
        null, null, null, options, null);
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(repo.resolve(name).getParent());
    Files.writeString(repo.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void mapsColumnsAndKeepsRawText() throws IOException {
    write("raw/facts.csv", "index,year,province,score,rank,out_of\n"
        + "PAR_INDEX,2024,Lào Cai,89.03,26,63\n"
        + "PAR_INDEX,2017,Lào Cai,,21,63\n");
    List<RawObservation> obs = new LongCsvReader().read(spec("raw/facts.csv",
        Map.of("unit", "province", "indicator", "index", "value", "score", "published_rank", "rank",
            "published_n", "out_of"), null, null), repo);
    assertThat(obs).containsExactly(
        RawObservation.of("facts", "raw/facts.csv", 2, "score", "Lào Cai", "2024", "PAR_INDEX", "89.03", "26", "63",
            "by_published_n", "PAR_INDEX,2024,Lào Cai,89.03,26,63"),
        RawObservation.of("facts", "raw/facts.csv", 3, "score", "Lào Cai", "2017", "PAR_INDEX", "", "21", "63",
            "by_published_n", "PAR_INDEX,2017,Lào Cai,,21,63"));
  }

  @Test
  void constantsAndYearFromDate() throws IOException {
    write("raw/op.csv", "indicator_vi,as_of,actual\nTỷ lệ,2025-03-31,64.5\n");
    List<RawObservation> obs = new LongCsvReader().read(spec("raw/op.csv",
        Map.of("indicator", "indicator_vi", "value", "actual", "year", "as_of"), Map.of("unit", "Lào Cai"),
        Map.of("year_from_date", "true")), repo);
    assertThat(obs).singleElement().satisfies(o -> {
      assertThat(o.rawYear()).isEqualTo("2025");
      assertThat(o.rawUnit()).isEqualTo("Lào Cai");
      assertThat(o.rawValue()).isEqualTo("64.5");
    });
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsIsRejectedNotLost() throws IOException {
    write("raw/facts.csv", "unit,year,indicator,value\nLào Cai,2024,PCI,68.56\nLào Cai,2023,PCI,67,38\n");
    List<RawObservation> obs = new LongCsvReader().read(spec("raw/facts.csv", null, null, null), repo);
    assertThat(obs).hasSize(2);
    assertThat(obs.get(1).rejectReason()).isEqualTo("WRONG_FIELD_COUNT");
    assertThat(obs.get(1).line()).isEqualTo(3);
    assertThat(obs.get(1).rejectMessage()).isEqualTo("line has 5 fields, the header has 4 (a delimiter or quote "
        + "problem?)");
    assertThat(obs.get(1).rawRecord()).isEqualTo("Lào Cai,2023,PCI,67,38");
  }

  @Test
  void aMissingRequiredColumnIsFatal() throws IOException {
    write("raw/facts.csv", "unit,indicator,value\nLào Cai,PCI,68.56\n");
    assertThatThrownBy(() -> new LongCsvReader().read(spec("raw/facts.csv", null, null, null), repo))
        .isInstanceOf(DataException.class)
        .hasMessage("raw/facts.csv, line 1, field 'year': required column 'year' (year) is missing; the header has "
            + "[unit, indicator, value]");
  }

  @Test
  void aMissingFileIsFatal() {
    assertThatThrownBy(() -> new LongCsvReader().read(spec("raw/none.csv", null, null, null), repo))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("raw/none.csv: file not found");
  }
}
