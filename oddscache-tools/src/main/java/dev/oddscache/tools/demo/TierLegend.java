package dev.oddscache.tools.demo;

import dev.oddscache.quota.PanicMode;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.Stakes;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tiers the demos print mean, tier 0 included, from the default panic quota: printed
 * before the story so that "tier 0 -> 1" reads as "the panic began".
 */
final class TierLegend {
  private TierLegend() {}

  /** Two lines, the second indented; no final line break. */
  static String text() {
    QuotaThresholds medium = QuotaConfig.ofDefaults().thresholds(Stakes.MEDIUM);
    List<String> tiers = new ArrayList<>();
    for (int tier = 1; tier <= 4; tier++) {
      tiers.add(tier + " " + PanicMode.ofTier(tier) + " (TTL " + medium.ttlSeconds(tier) + " s)");
    }
    return "tiers (tN): 0 = the match is not panicking, no quota; while it panics, the panic"
        + " quota's tier grows with how long the panic has lasted:" + System.lineSeparator()
        + "  " + String.join(", ", tiers) + " for MEDIUM stakes; HIGH stakes climb later, LOW"
        + " sooner.";
  }
}
