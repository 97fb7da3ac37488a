package dev.oddscache.server.config;

import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.Stakes;
import dev.oddscache.server.settings.ServerSettings;
import java.time.Duration;
import java.util.Map;

/**
 * {@code quota:} the panic quota table, {@link QuotaConfig}: how a match's TTL grows the longer
 * its panic lasts, from tier 1 (TTL 0) to tier 4, one row per stakes ({@code high}, {@code
 * medium}, {@code low}) with the keys of {@link QuotaThresholds}. A row may be partial: missing
 * keys keep the base row's values. TTLs are whole seconds (a bare number is seconds); the tier
 * bounds need a unit.
 */
final class QuotaSection {
  private static final Keys<Row> ROW_KEYS = Keys.<Row>of()
      .duration("tier1Until", (r, v) -> r.until(1, v))
      .duration("tier2Until", (r, v) -> r.until(2, v))
      .duration("tier3Until", (r, v) -> r.until(3, v))
      .wholeSeconds("tier1TtlSeconds", (r, v) -> r.ttl(1, v))
      .wholeSeconds("tier2TtlSeconds", (r, v) -> r.ttl(2, v))
      .wholeSeconds("tier3TtlSeconds", (r, v) -> r.ttl(3, v))
      .wholeSeconds("tier4TtlSeconds", (r, v) -> r.ttl(4, v));

  private QuotaSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    QuotaConfig current = base.policy().quota();
    QuotaConfig.Builder b = QuotaConfig.from(current);
    for (Map.Entry<String, Stakes> e : s.enumKeys(Stakes.class).entrySet()) {
      ConfigSection row = s.child(e.getKey()).orElse(null);
      if (row != null) {
        b.thresholds(row(row, current.thresholds(e.getValue())));
      }
    }
    QuotaConfig quota = b.build();
    return ServerSettings.from(base).policy(p -> p.quota(quota)).build();
  }

  private static QuotaThresholds row(ConfigSection s, QuotaThresholds base) {
    Row r = ROW_KEYS.read(s, new Row(base));
    // The record checks the row as a whole (bounds increasing, TTLs not negative), so it is built
    // once from every key rather than one key at a time through valid-only intermediate rows.
    return s.build(r::build);
  }

  /** The row being read; mutable because {@link QuotaThresholds} validates on construction. */
  private static final class Row {
    private final Stakes stakes;
    private final Duration[] until;
    private final long[] ttl;

    Row(QuotaThresholds base) {
      stakes = base.stakes();
      until = new Duration[] {base.tier1Until(), base.tier2Until(), base.tier3Until()};
      ttl = new long[] {base.tier1TtlSeconds(), base.tier2TtlSeconds(), base.tier3TtlSeconds(),
          base.tier4TtlSeconds()};
    }

    Row until(int tier, Duration value) {
      until[tier - 1] = value;
      return this;
    }

    Row ttl(int tier, long seconds) {
      ttl[tier - 1] = seconds;
      return this;
    }

    QuotaThresholds build() {
      return new QuotaThresholds(stakes, until[0], until[1], until[2], ttl[0], ttl[1], ttl[2],
          ttl[3]);
    }
  }
}
