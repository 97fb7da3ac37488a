package dev.oddscache.cache;

/**
 * Why a read was answered with a value past its effective TTL; {@link #NONE} when it was not.
 * Exactly one reason applies to a {@link CacheResult}.
 */
public enum StaleReason {
  /** Not stale: younger than its effective TTL, or loaded for this request. */
  NONE,
  /**
   * Served while one background refresh of the key runs ({@link Strategy#SERVE_STALE}): the
   * value was within its stale-while-revalidate window, or within the caller's {@code maxStale}.
   */
  REVALIDATING,
  /** The load failed and a stored value young enough for stale-if-error was served instead. */
  LOAD_FAILED,
  /** Every load slot was taken and a stored value was served instead (stale-on-overload). */
  OVERLOADED
}
