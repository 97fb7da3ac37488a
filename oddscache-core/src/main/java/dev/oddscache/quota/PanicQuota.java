package dev.oddscache.quota;

import java.time.Duration;
import java.util.Objects;

/**
 * The panic quota: turns how long a match has been panicking into the TTL that protects the
 * backend, by tiers that depend on the match's stakes.
 *
 * <p>{@link #decide} is a pure function of its arguments and the immutable config: no state, no
 * clock, no logging. It is thread-safe, and every process given the same panic start reaches the
 * same decision. Logging tier changes is the caller's job.
 */
public final class PanicQuota {
  private static final PanicQuota DEFAULTS = new PanicQuota(QuotaConfig.ofDefaults());

  private final QuotaConfig config;

  public PanicQuota(QuotaConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The quota with the table of {@link QuotaConfig#ofDefaults()}. */
  public static PanicQuota ofDefaults() {
    return DEFAULTS;
  }

  public QuotaConfig config() {
    return config;
  }

  /**
   * Decides the TTL for a request.
   *
   * <p>Not panicking: {@code baseTtlSeconds}, mode NORMAL, tier 0. Panicking for {@code d}: the
   * first tier of {@code stakes}' thresholds whose bound exceeds {@code d}, compared in exact
   * milliseconds; {@code d = 0} is tier 1.
   *
   * @param baseTtlSeconds the TTL in seconds to serve when not panicking; not negative
   * @param state whether the match is panicking and for how long
   * @param stakes which row of the table applies
   * @throws IllegalArgumentException if {@code baseTtlSeconds} is negative
   * @throws NullPointerException if {@code state} or {@code stakes} is null
   */
  public QuotaDecision decide(long baseTtlSeconds, PanicState state, Stakes stakes) {
    if (baseTtlSeconds < 0) {
      throw new IllegalArgumentException(
          "baseTtlSeconds must not be negative, got " + baseTtlSeconds);
    }
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stakes, "stakes");
    QuotaThresholds thresholds = config.thresholds(stakes);
    if (!state.panicking()) {
      return new QuotaDecision(
          baseTtlSeconds, PanicMode.NORMAL, 0, stakes, null, null, thresholds);
    }
    int tier = thresholds.tierFor(state.durationMillis());
    PanicMode mode = PanicMode.ofTier(tier);
    long ttl = thresholds.ttlSeconds(tier);
    double minutes = roundedMinutes(state.durationMillis());
    String alert = tier >= 3 ? alert(mode, stakes, minutes, thresholds.tierStart(tier), ttl) : null;
    return new QuotaDecision(ttl, mode, tier, stakes, minutes, alert, thresholds);
  }

  /** Minutes rounded half-up to 0.1, in integer arithmetic so that .x5 boundaries are exact. */
  static double roundedMinutes(long durationMillis) {
    long tenths = durationMillis / 6_000 + (durationMillis % 6_000 >= 3_000 ? 1 : 0);
    return tenths / 10.0;
  }

  private static String alert(
      PanicMode mode, Stakes stakes, double minutes, Duration tierStart, long ttlSeconds) {
    String meaning = mode == PanicMode.NEW_NORMAL
        ? "treating it as the new normal"
        : "degrading freshness to protect the backend";
    return "Panic quota tier " + mode.tier() + " (" + mode + ") for " + stakes
        + " stakes: panic has lasted " + minutes + " min (tier starts at " + format(tierStart)
        + "); " + meaning + ", caching with TTL " + ttlSeconds + " s";
  }

  private static String format(Duration d) {
    if (d.toSecondsPart() == 0 && d.toNanosPart() == 0) {
      return d.toMinutes() + " min";
    }
    return d.toMillis() / 60_000.0 + " min";
  }

  @Override
  public String toString() {
    return "PanicQuota{" + config + '}';
  }
}
