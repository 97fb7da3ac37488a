package dev.oddscache.server.config;

import dev.oddscache.Markets;
import dev.oddscache.vix.DriftConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code vix.driftThresholds:} the drift threshold per market family, such as {@code
 * over_under: 0.03}. The mapping replaces the base's whole table (an empty one clears it), as a
 * list under {@code stakes:} replaces that stakes' keywords: what the file says is the table.
 * Keys are families, compared after trimming and lower-casing; a market id with a numbered line
 * ({@code over_under_25}) is refused with its family, since a threshold keyed by it would never
 * apply.
 */
final class DriftThresholds {
  private DriftThresholds() {}

  /** {@code base} with its family thresholds replaced by those of {@code s}. */
  static DriftConfig read(ConfigSection s, DriftConfig base) {
    DriftConfig.Builder b = DriftConfig.custom().threshold(base.threshold())
        .trackingTimeout(base.trackingTimeout());
    Map<String, String> spelled = new LinkedHashMap<>();
    for (String key : s.keys()) {
      String family = s.at(key, () -> Markets.normalise(key));
      String ofMarket = Markets.family(family);
      if (!ofMarket.equals(family)) {
        throw s.error(key, "a market of family " + ofMarket + ", not a family: thresholds apply"
            + " to a whole family; write " + ofMarket);
      }
      String earlier = spelled.putIfAbsent(family, key);
      if (earlier != null) {
        throw s.error(key, "repeats " + family + ", already set by " + earlier);
      }
      b = s.decimal(key, b, (bb, v) -> bb.familyThreshold(family, v));
    }
    return b.build();
  }
}
