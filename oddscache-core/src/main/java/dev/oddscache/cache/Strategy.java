package dev.oddscache.cache;

import java.util.Locale;

/** How a request was served; counted per request. */
public enum Strategy {
  /** The stored value was younger than the effective TTL. */
  SERVE_FRESH,
  /** Stale-while-revalidate: the stored value was served and one background refresh started. */
  SERVE_STALE,
  /** A miss or a too-stale value: the request waited for a load. */
  COMPUTE,
  /** Effective TTL 0: the request waited for a fresh (coalesced) load. */
  BYPASS;

  /** Lower-case label for metric tags: {@code serve_fresh}… */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
