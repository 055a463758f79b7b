package vn.provincecompare.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RankLeverage} on a three-dimension sum, worked by hand (no Spark: the computation is plain arithmetic).
 * <pre>
 *   unit  D1  D2  D3  total  rank
 *   U1    5   6   7   18     1
 *   U2    8   4   5   17     2
 *   U3    3   9   4   16     3
 *   U4    6   5   3   14     4   (focal)
 *   medians: D1 (5+6)/2 = 5.5, D2 (5+6)/2 = 5.5, D3 (4+5)/2 = 4.5; leaders 8, 9, 7
 *   U4 D1 median: already 6 >= 5.5: 0 points, rank 4
 *   U4 D1 leader: +2 -> 16, ties U3, rank 3: gains 1
 *   U4 D2 median: +0.5 -> 14.5, rank 4: gains 0
 *   U4 D2 leader: +4 -> 18, ties U1, rank 1: gains 3
 *   U4 D3 median: +1.5 -> 15.5, rank 4: gains 0
 *   U4 D3 leader: +4 -> 18, rank 1: gains 3
 * </pre>
 */
class RankLeverageTest {

  @Test
  void placesGainedWhenOneDimensionReachesTheMedianOrTheLeader() {
    Map<String, double[]> values = Map.of(
        "U1", new double[] {5, 6, 7},
        "U2", new double[] {8, 4, 5},
        "U3", new double[] {3, 9, 4},
        "U4", new double[] {6, 5, 3});

    List<String> got = RankLeverage.forUnit(List.of("D1", "D2", "D3"), values, "U4").stream()
        .map(l -> l.subIndex() + " " + l.target() + " +" + l.pointsNeeded() + " " + l.rankNow() + "->"
            + l.rankAfter() + " gains " + l.placesGained())
        .toList();

    assertThat(got).containsExactly(
        "D1 MEDIAN +0.0 4->4 gains 0",
        "D1 LEADER +2.0 4->3 gains 1",
        "D2 MEDIAN +0.5 4->4 gains 0",
        "D2 LEADER +4.0 4->1 gains 3",
        "D3 MEDIAN +1.5 4->4 gains 0",
        "D3 LEADER +4.0 4->1 gains 3");
  }
}
