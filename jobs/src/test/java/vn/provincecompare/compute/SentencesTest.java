package vn.provincecompare.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.provincecompare.compute.Sentences.ScorecardFacts;

/** Sentences are pure functions of a row's values: no Spark needed. */
class SentencesTest {

  @Test
  void numbersUseTheDecimalCommaInVietnameseAndTheDecimalPointInEnglish() {
    assertThat(Sentences.numberVi(111.25)).isEqualTo("111,25");
    assertThat(Sentences.numberEn(111.25)).isEqualTo("111.25");
    assertThat(Sentences.numberVi(129.0)).isEqualTo("129");
    assertThat(Sentences.numberVi(64.5)).isEqualTo("64,5");
    // 1250.5 grouped by thousands: "1.250,5" / "1,250.5".
    assertThat(Sentences.numberVi(1250.5)).isEqualTo("1.250,5");
    assertThat(Sentences.numberEn(1250.5)).isEqualTo("1,250.5");
    // Two decimals, half up: -3.456 -> -3.46.
    assertThat(Sentences.numberVi(-3.456)).isEqualTo("-3,46");
    // A percent computed in floating point, 15 / 12 x 100, prints as 125.
    assertThat(Sentences.numberVi(15.0 / 12 * 100)).isEqualTo("125");
  }

  @Test
  void parIndexWorkedExample() {
    // Rank 26/63 in 2024; 2023 unobserved, so the change is against 2022 (rank 11): 11 - 26 = -15, down 15.
    // Top 20: 20 - 26 = -6, six places short.
    ScorecardFacts facts = new ScorecardFacts("Lào Cai", "PAR INDEX", 2024, 89.03, 26, 63, -15, 2022, "not_met",
        "rank_at_most", 20.0, -6.0, null, null, null);
    assertThat(Sentences.vietnamese(facts)).isEqualTo(
        "Lào Cai xếp thứ 26/63 về PAR INDEX năm 2024, giảm 15 bậc so với năm 2022; "
            + "chưa đạt mục tiêu top 20 (còn thiếu 6 bậc).");
    assertThat(Sentences.english(facts)).isEqualTo(
        "Lào Cai ranked 26/63 on PAR INDEX in 2024, down 15 places from 2022; "
            + "target top 20 not met (6 places short).");
  }

  @Test
  void upUnchangedAndMetRankTargets() {
    // 2023 rank 7 -> 2024 rank 6: up 1; top 10: 10 - 6 = 4 ahead.
    ScorecardFacts up = new ScorecardFacts("Lào Cai", "SIPAS", 2024, 84.92, 6, 63, 1, 2023, "met",
        "rank_at_most", 10.0, 4.0, null, null, null);
    assertThat(Sentences.vietnamese(up)).isEqualTo(
        "Lào Cai xếp thứ 6/63 về SIPAS năm 2024, tăng 1 bậc so với năm 2023; đạt mục tiêu top 10 (vượt 4 bậc).");
    assertThat(Sentences.english(up)).isEqualTo(
        "Lào Cai ranked 6/63 on SIPAS in 2024, up 1 place from 2023; target top 10 met (4 places ahead).");
    ScorecardFacts same = new ScorecardFacts("Lào Cai", "PAPI", 2024, 44.5, 29, 63, 0, 2023, "no_target",
        null, null, null, null, null, null);
    assertThat(Sentences.vietnamese(same)).isEqualTo(
        "Lào Cai xếp thứ 29/63 về PAPI năm 2024, giữ nguyên thứ hạng so với năm 2023.");
    assertThat(Sentences.english(same)).isEqualTo("Lào Cai ranked 29/63 on PAPI in 2024, unchanged from 2023.");
  }

  @Test
  void valueOnlyRowsStateTheValueAndThePercentOfTarget() {
    // 89 / 80 x 100 = 111.25 (published "đạt tỷ lệ 89% = 111,25% so với chỉ tiêu Đề án").
    ScorecardFacts met = new ScorecardFacts("Lào Cai", "TTHC trực tuyến", 2025, 89.0, null, null, null, null,
        "met", "value_at_least", 80.0, 9.0, 111.25, null, null);
    assertThat(Sentences.vietnamese(met)).isEqualTo(
        "Lào Cai đạt 89 về TTHC trực tuyến năm 2025; đạt mục tiêu (đạt 111,25% so với chỉ tiêu).");
    assertThat(Sentences.english(met)).isEqualTo(
        "Lào Cai scored 89 on TTHC trực tuyến in 2025; target met (111.25% of target).");
    // 94 / 100 x 100 = 94.
    ScorecardFacts notMet = new ScorecardFacts("Lào Cai", "Đo lường hài lòng", 2025, 94.0, null, null, null,
        null, "not_met", "value_at_least", 100.0, -6.0, 94.0, null, null);
    assertThat(Sentences.vietnamese(notMet)).isEqualTo(
        "Lào Cai đạt 94 về Đo lường hài lòng năm 2025; chưa đạt mục tiêu (đạt 94% so với chỉ tiêu).");
  }

  @Test
  void bandAndChangeTargets() {
    ScorecardFacts band = new ScorecardFacts("Lào Cai", "PAPI", 2024, 44.5, 29, 63, null, null, "not_met",
        "band_at_least", null, -1.0, null, "HIGH", null);
    assertThat(Sentences.vietnamese(band)).isEqualTo(
        "Lào Cai xếp thứ 29/63 về PAPI năm 2024; chưa đạt mục tiêu nhóm HIGH (còn thiếu 1 bậc nhóm).");
    assertThat(Sentences.english(band)).isEqualTo(
        "Lào Cai ranked 29/63 on PAPI in 2024; target band HIGH not met (1 band short).");
    // Change target +5 points versus 2021, improvement 3.5: 3.5 - 5 = -1.5 short.
    ScorecardFacts change = new ScorecardFacts("Lào Cai", "PCI", 2024, 68.56, 23, 63, 3, 2023, "not_met",
        "change_at_least", 5.0, -1.5, null, null, 2021);
    assertThat(Sentences.vietnamese(change)).isEqualTo(
        "Lào Cai xếp thứ 23/63 về PCI năm 2024, tăng 3 bậc so với năm 2023; "
            + "chưa đạt mục tiêu cải thiện 5 điểm so với năm 2021 (còn thiếu 1,5 điểm).");
    assertThat(Sentences.english(change)).isEqualTo(
        "Lào Cai ranked 23/63 on PCI in 2024, up 3 places from 2023; target +5 points vs 2021 not met "
            + "(1.5 points short).");
  }

  @Test
  void aChangeTargetOfALevelIndicatorIsStatedInPercent() {
    // 300 public service units in 2021, 285 in 2024: 15 / 300 = 5% fewer against a 10% target, 5 points short.
    ScorecardFacts units = new ScorecardFacts("Lào Cai", "Số đơn vị sự nghiệp công lập", 2024, 285.0, null, null,
        null, null, "not_met", "change_at_least", 10.0, -5.0, null, null, 2021, "percent", false, null);
    assertThat(Sentences.vietnamese(units)).isEqualTo(
        "Lào Cai đạt 285 về Số đơn vị sự nghiệp công lập năm 2024; "
            + "chưa đạt mục tiêu cải thiện 10% so với năm 2021 (còn thiếu 5 điểm phần trăm).");
    assertThat(Sentences.english(units)).isEqualTo(
        "Lào Cai scored 285 on Số đơn vị sự nghiệp công lập in 2024; target 10% better than 2021 not met "
            + "(5 percentage points short).");
  }

  @Test
  void aChangeTargetAcrossAMethodBreakSaysTheMethodChanged() {
    // PAR INDEX 88.44 in 2021 (old method), 89.03 in 2024 (the 2022-2030 method): 0.59 - 1 = -0.41 short.
    ScorecardFacts change = new ScorecardFacts("Lào Cai", "PAR INDEX", 2024, 89.03, 26, 63, null, null,
        "not_met", "change_at_least", 1.0, -0.41, null, null, 2021, "points", true, null);
    assertThat(Sentences.vietnamese(change)).isEqualTo(
        "Lào Cai xếp thứ 26/63 về PAR INDEX năm 2024; chưa đạt mục tiêu cải thiện 1 điểm so với năm 2021 "
            + "(còn thiếu 0,41 điểm); lưu ý: phương pháp tính đã thay đổi sau năm 2021.");
    assertThat(Sentences.english(change)).isEqualTo(
        "Lào Cai ranked 26/63 on PAR INDEX in 2024; target +1 points vs 2021 not met (0.41 points short); "
            + "note: the method changed after 2021.");
  }
}
