package dev.oddscache.metrics;

/**
 * Names of every Micrometer meter oddscache registers, in Micrometer's dotted form. A Prometheus
 * registry renders them with underscores and adds {@code _total} to counters, e.g. {@code
 * oddscache.breaker.transitions} becomes {@code oddscache_breaker_transitions_total}.
 */
public final class MeterNames {
  private MeterNames() {}

  /** Gauge: breaker mode level, 0 NORMAL, 1 HIGH_VOLATILITY, 2 CIRCUIT_OPEN. */
  public static final String BREAKER_MODE = "oddscache.breaker.mode";

  /** Gauge: panic ratio of the breaker window, in [0, 1]. */
  public static final String BREAKER_PANIC_RATIO = "oddscache.breaker.panic.ratio";

  /** Counter: breaker transitions, tagged {@link #TAG_FROM} and {@link #TAG_TO}. */
  public static final String BREAKER_TRANSITIONS = "oddscache.breaker.transitions";

  /** Gauge: requests in the breaker window. */
  public static final String BREAKER_SAMPLES = "oddscache.breaker.samples";

  /** Tag: the mode a transition left. */
  public static final String TAG_FROM = "from";

  /** Tag: the mode a transition entered. */
  public static final String TAG_TO = "to";
}
