package vn.provincecompare.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provincecompare.errors.DataException;

class WideCsvReaderTest {
  @TempDir Path repo;

  @Test
  void panelFilesGiveOneObservationPerCellWithYearFromTheFileName() throws IOException {
    Files.createDirectories(repo.resolve("raw"));
    Files.writeString(repo.resolve("raw/codebook.csv"), "Variable_Code,Variable_Name\nP06,Lao Cai\nP10,Yen Bai\n");
    Files.writeString(repo.resolve("raw/2023.csv"), "Province,SC11,SC12\nP06,0.95,1.52\nP10,,\nP99,1,1\n");
    Files.writeString(repo.resolve("raw/2024.csv"), "Province,SC11,SC12\nP06,0.97,1.50\n");
    SourceSpec spec = new SourceSpec("papi_panel", "wide_csv", "raw/20*.csv", 20, "VN63", false,
        Map.of("unit", "Province"), null, "^(\\d{4})\\.csv$", "raw/codebook.csv", null, "PAPI_", null, null, null);
    List<RawObservation> obs = new WideCsvReader().read(spec, repo);
    // 2023: P06 two cells + P10 two blank cells + P99 rejected (unknown code) = 5; 2024: two cells.
    assertThat(obs).hasSize(7);
    assertThat(obs.get(0)).isEqualTo(RawObservation.of("papi_panel", "raw/2023.csv", 2, "SC11", "Lao Cai", "2023",
        "PAPI_SC11", "0.95", null, null, "VN63", "P06 | SC11=0.95"));
    assertThat(obs.get(3).rawValue()).isEmpty();
    assertThat(obs.get(4).rejectReason()).isEqualTo("UNKNOWN_UNIT_CODE");
    assertThat(obs.get(4).rejectMessage()).isEqualTo("unit code 'P99' is not in the codebook raw/codebook.csv");
    assertThat(obs.get(6).rawYear()).isEqualTo("2024");
    assertThat(obs.get(6).rawIndicator()).isEqualTo("PAPI_SC12");
  }

  @Test
  void rankColumnAttachesToItsIndicatorOnly() throws IOException {
    Files.writeString(repo.resolve("top5.csv"), "rank,province,nhan_thuc_so,pdti\n1,TP. Đà Nẵng,1.0000,0.8002\n");
    SourceSpec spec = new SourceSpec("dti", "wide_csv", "top5.csv", 40, "VN63", true,
        Map.of("unit", "province", "published_rank", "rank"), Map.of("year", "2022", "published_n", "63"), null,
        null, Map.of("nhan_thuc_so", "DTI_AWARENESS", "pdti", "DTI"), null, null, Map.of("rank_indicator", "DTI"),
        null);
    List<RawObservation> obs = new WideCsvReader().read(spec, repo);
    assertThat(obs).extracting(RawObservation::rawIndicator, RawObservation::rawPublishedRank,
        RawObservation::rawPublishedN).containsExactly(
            org.assertj.core.groups.Tuple.tuple("DTI_AWARENESS", null, null),
            org.assertj.core.groups.Tuple.tuple("DTI", "1", "63"));
  }

  @Test
  void anUnmappedColumnIsFatalSoThatNothingIsSilentlyDropped() throws IOException {
    Files.writeString(repo.resolve("w.csv"), "province,a,b\nX,1,2\n");
    SourceSpec spec = new SourceSpec("w", "wide_csv", "w.csv", 1, "VN63", false, Map.of("unit", "province"),
        Map.of("year", "2020"), null, null, Map.of("a", "PCI"), null, null, null, null);
    assertThatThrownBy(() -> new WideCsvReader().read(spec, repo)).isInstanceOf(DataException.class)
        .hasMessage("w.csv, line 1, field 'b': column is neither the unit column, an indicator of indicator_columns, "
            + "nor in ignore_columns (set indicator_prefix to take every column)");
  }
}
