package dev.oddscache.server.cli;

import dev.oddscache.decision.Decision;
import java.util.Locale;

/** The human-readable form of {@code explain}. */
final class ExplainText {
  private ExplainText() {}

  static String render(Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append("TTL ").append(d.ttlSeconds()).append("s\n\n");
    row(sb, "zone", d.zone() + (d.baseTtlExplicit() ? " (base TTL overridden)" : ""));
    row(sb, "base TTL", d.baseTtlSeconds() + "s");
    row(sb, "status", d.status().name());
    row(sb, "breaker", d.breakerMode() + ", floor " + d.breakerFloorSeconds() + "s");
    row(sb, "stakes", d.stakes().name());
    String panic = d.tier() == 0
        ? "none (tier 0: not panicking, quota TTL 0s, not applied)"
        : String.format(Locale.ROOT, "%.1f min, tier %d %s, quota TTL %ds",
            d.panicDurationMinutes(), d.tier(), d.panicMode(), d.quotaTtlSeconds());
    row(sb, "panic", panic);
    if (d.alert() != null) {
      row(sb, "alert", d.alert());
    }
    sb.append("\nwhy:\n");
    for (String reason : d.reasons()) {
      sb.append("  - ").append(reason).append('\n');
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "  %-9s %s%n", label, value));
  }
}
