package dev.oddscache.cache;

import dev.oddscache.internal.Durations;
import java.time.Duration;

/**
 * Per-call freshness bounds, like HTTP {@code Cache-Control} request directives: bet
 * placement can demand fresh prices while browsing accepts stale ones.
 *
 * @param maxStale the most a served value may be past its TTL; null = the cache's stale window.
 *     Also bounds stale-if-error and stale-on-overload: a caller that says 0 never gets stale data.
 * @param minFresh the value must stay fresh for at least this long; a value that would not is
 *     reloaded, and nothing stale is served
 * @param noCache always load a fresh value (coalesced with concurrent loads of the key)
 */
public record ReadOptions(Duration maxStale, Duration minFresh, boolean noCache) {
  public static final ReadOptions DEFAULT = new ReadOptions(null, Duration.ZERO, false);

  public ReadOptions {
    if (maxStale != null) {
      Durations.nonNegative("maxStale", maxStale);
    }
    minFresh = minFresh == null ? Duration.ZERO : Durations.nonNegative("minFresh", minFresh);
  }

  public static ReadOptions withMaxStale(Duration value) {
    return new ReadOptions(value, Duration.ZERO, false);
  }

  public static ReadOptions withMinFresh(Duration value) {
    return new ReadOptions(null, value, false);
  }

  public static ReadOptions reload() {
    return new ReadOptions(null, Duration.ZERO, true);
  }

  /** Whether a value {@code pastTtlMillis} past its TTL may be served under these bounds. */
  boolean allowsStale(long pastTtlMillis) {
    return minFresh.isZero() && (maxStale == null || pastTtlMillis <= maxStale.toMillis());
  }
}
