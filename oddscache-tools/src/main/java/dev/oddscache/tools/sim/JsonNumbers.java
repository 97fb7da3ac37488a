package dev.oddscache.tools.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers that keep the JSON output byte-for-byte stable: ordered maps, fixed decimals. */
final class JsonNumbers {
  private JsonNumbers() {}

  /** {@code value} rounded half-even to {@code decimals} places, written without exponent. */
  static BigDecimal fixed(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN);
  }

  /** Milliseconds as seconds with three decimals. */
  static BigDecimal seconds(long millis) {
    return BigDecimal.valueOf(millis, 3);
  }

  /** An insertion-ordered map from alternating keys and values. */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
