package vn.provincecompare.compute;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The two values of the catalog's {@code direction} column and what they mean for ordering. Which indicator
 * has which direction is a catalog fact ({@code indicators.csv}); this only says how to read it.
 */
enum RankDirection {
  HIGHER_IS_BETTER("higher_is_better", 1),
  LOWER_IS_BETTER("lower_is_better", -1);

  private final String code;
  private final int betterSign;

  RankDirection(String code, int betterSign) {
    this.code = code;
    this.betterSign = betterSign;
  }

  /**
   * +1 where a larger value is better, -1 where a smaller one is, null for a direction the catalog does not
   * know (such an indicator gets no computed rank, rather than a guessed order). Multiplying a difference by
   * it makes "positive = better" whatever the direction; multiplying by -1 is exact in floating point.
   */
  static Column betterSign(Column direction) {
    Column sign = null;
    for (RankDirection d : values()) {
      sign = sign == null
          ? when(direction.equalTo(lit(d.code)), lit(d.betterSign))
          : sign.when(direction.equalTo(lit(d.code)), lit(d.betterSign));
    }
    return sign;
  }
}
