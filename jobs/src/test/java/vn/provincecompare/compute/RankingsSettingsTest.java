package vn.provincecompare.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import vn.provincecompare.errors.UsageException;

/** {@link ComputeSettings}: defaults, JSON, Java serialisation and the messages for bad settings. */
class RankingsSettingsTest {

  @Test
  void defaults() {
    ComputeSettings s = ComputeSettings.defaults();

    assertThat(s.coverageThreshold()).isEqualTo(0.9);
    assertThat(s.trendYears()).isEqualTo(3);
    assertThat(s.baselineYear()).isNull();
    assertThat(s.topN()).isEqualTo(10);
  }

  @Test
  void readsSnakeCaseJsonAndDefaultsWhatIsLeftOut() throws Exception {
    ObjectMapper json = new ObjectMapper();

    ComputeSettings s = json.readValue("{\"baseline_year\": 2020, \"top_n\": 20}", ComputeSettings.class);

    assertThat(s).isEqualTo(new ComputeSettings(0.9, 3, 2020, 20));
    assertThat(json.readValue(json.writeValueAsString(s), ComputeSettings.class)).isEqualTo(s);
  }

  @Test
  void survivesJavaSerialisation() throws Exception {
    ComputeSettings s = ComputeSettings.defaults().withBaselineYear(2019).withTrendYears(5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(s);
    }
  }

  @Test
  void rejectsNonsenseWithWhatWouldBeValid() {
    assertThatThrownBy(() -> ComputeSettings.defaults().withCoverageThreshold(90))
        .isInstanceOf(UsageException.class)
        .hasMessage("compute setting 'coverage_threshold' is 90.0; it must be a share in (0, 1], e.g. 0.9");
    assertThatThrownBy(() -> ComputeSettings.defaults().withCoverageThreshold(0))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("compute setting 'coverage_threshold' is 0.0;");
    assertThatThrownBy(() -> ComputeSettings.defaults().withTrendYears(1))
        .isInstanceOf(UsageException.class)
        .hasMessage("compute setting 'trend_years' is 1; a slope needs at least 2 years, e.g. 3");
    assertThatThrownBy(() -> ComputeSettings.defaults().withBaselineYear(20))
        .isInstanceOf(UsageException.class)
        .hasMessage("compute setting 'baseline_year' is 20; it must be a year between 1990 and 2100,"
            + " or absent for no baseline");
    assertThatThrownBy(() -> ComputeSettings.defaults().withTopN(0))
        .isInstanceOf(UsageException.class)
        .hasMessage("compute setting 'top_n' is 0; it must be at least 1, e.g. 10");
  }

  @Test
  void jsonWithABadValueNamesTheSetting() {
    ObjectMapper json = new ObjectMapper();

    assertThatThrownBy(() -> json.readValue("{\"top_n\": -3}", ComputeSettings.class))
        .rootCause()
        .isInstanceOf(UsageException.class)
        .hasMessage("compute setting 'top_n' is -3; it must be at least 1, e.g. 10");
  }
}
