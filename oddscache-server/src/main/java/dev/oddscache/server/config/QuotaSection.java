package dev.oddscache.server.config;

import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.Stakes;
import dev.oddscache.server.http.ServerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code quota:} the panic quota table, {@link QuotaConfig} (SPEC §6), one row per stakes ({@code
 * high}, {@code medium}, {@code low}) with the keys of {@link QuotaThresholds}. A row may be
 * partial: missing keys keep the base row's values. TTLs are whole seconds (a bare number is
 * seconds); the tier bounds need a unit.
 */
final class QuotaSection {
  static final List<String> ROW_KEYS = List.of("tier1Until", "tier2Until", "tier3Until",
      "tier1TtlSeconds", "tier2TtlSeconds", "tier3TtlSeconds", "tier4TtlSeconds");

  private QuotaSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    QuotaConfig.Builder b = QuotaConfig.from(base.quota());
    for (Map.Entry<String, Stakes> e : s.enumKeys(Stakes.class).entrySet()) {
      ConfigSection row = s.child(e.getKey()).orElse(null);
      if (row != null) {
        b.thresholds(row(row, base.quota().thresholds(e.getValue())));
      }
    }
    return base.withQuota(b.build());
  }

  private static QuotaThresholds row(ConfigSection s, QuotaThresholds base) {
    s.allow(ROW_KEYS);
    Row r = new Row(base);
    r = s.duration("tier1Until", r, (x, v) -> x.until(1, v));
    r = s.duration("tier2Until", r, (x, v) -> x.until(2, v));
    r = s.duration("tier3Until", r, (x, v) -> x.until(3, v));
    r = s.wholeSeconds("tier1TtlSeconds", r, (x, v) -> x.ttl(1, v));
    r = s.wholeSeconds("tier2TtlSeconds", r, (x, v) -> x.ttl(2, v));
    r = s.wholeSeconds("tier3TtlSeconds", r, (x, v) -> x.ttl(3, v));
    r = s.wholeSeconds("tier4TtlSeconds", r, (x, v) -> x.ttl(4, v));
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
