package dev.oddscache.panic;

import dev.oddscache.internal.Durations;
import dev.oddscache.internal.MatchCap;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings shared by every {@link PanicClock} implementation. Immutable; build with {@link
 * #custom()}.
 */
public final class PanicClockConfig {
  public static final Duration DEFAULT_DEAD_MANS_SWITCH = Duration.ofHours(24);
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_CALM_GRACE = Duration.ZERO;
  /**
   * Matches a clock remembers in process memory. Sized for a season (a bookmaker covering fifty
   * leagues prices about 15,000 matches) while a panic lasts hours at most, so real panics never
   * come near it; it bounds what requests naming made-up matches as panicking can cost (a few
   * hundred bytes each).
   */
  public static final int DEFAULT_MAX_MATCHES = 20_000;

  private static final PanicClockConfig DEFAULTS = custom().build();

  private final Duration deadMansSwitch;
  private final Duration refreshInterval;
  private final Duration calmGrace;
  private final int maxMatches;

  private PanicClockConfig(Builder b) {
    this.deadMansSwitch = b.deadMansSwitch;
    this.refreshInterval = b.refreshInterval;
    this.calmGrace = b.calmGrace;
    this.maxMatches = b.maxMatches;
  }

  public static PanicClockConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  public static Builder from(PanicClockConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder()
        .deadMansSwitch(base.deadMansSwitch)
        .refreshInterval(base.refreshInterval)
        .calmGrace(base.calmGrace)
        .maxMatches(base.maxMatches);
  }

  /** How long a panic start survives without being refreshed (the expiry of the shared key). */
  public Duration deadMansSwitch() {
    return deadMansSwitch;
  }

  /** The shortest interval between two refreshes of a panic's expiry by one process. */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /** How long a match must stay calm before its panic is declared over. */
  public Duration calmGrace() {
    return calmGrace;
  }

  /**
   * The most matches the clock remembers in process memory; beyond, it forgets calm matches
   * before panicking ones, the least recently asked for first. The shared store keeps its own
   * keys until they expire.
   */
  public int maxMatches() {
    return maxMatches;
  }

  /** Equal when every setting is equal, so configs read from files compare by value. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PanicClockConfig other
        && deadMansSwitch.equals(other.deadMansSwitch)
        && refreshInterval.equals(other.refreshInterval)
        && calmGrace.equals(other.calmGrace)
        && maxMatches == other.maxMatches;
  }

  @Override
  public int hashCode() {
    return Objects.hash(deadMansSwitch, refreshInterval, calmGrace, maxMatches);
  }

  @Override
  public String toString() {
    return "PanicClockConfig{deadMansSwitch=" + deadMansSwitch + ", refreshInterval="
        + refreshInterval + ", calmGrace=" + calmGrace + ", maxMatches=" + maxMatches + '}';
  }

  /** Not thread-safe. */
  public static final class Builder {
    private Duration deadMansSwitch = DEFAULT_DEAD_MANS_SWITCH;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private Duration calmGrace = DEFAULT_CALM_GRACE;
    private int maxMatches = DEFAULT_MAX_MATCHES;

    private Builder() {}

    /** @throws IllegalArgumentException if {@code value} is below 1 */
    public Builder maxMatches(int value) {
      this.maxMatches = MatchCap.atLeastOne("maxMatches", value);
      return this;
    }

    public Builder deadMansSwitch(Duration value) {
      this.deadMansSwitch = Durations.positive("deadMansSwitch", value);
      return this;
    }

    public Builder refreshInterval(Duration value) {
      this.refreshInterval = Durations.positive("refreshInterval", value);
      return this;
    }

    public Builder calmGrace(Duration value) {
      this.calmGrace = Durations.nonNegative("calmGrace", value);
      return this;
    }

    /**
     * @throws IllegalArgumentException if the refresh interval is not shorter than the dead man's
     *     switch (a live panic would expire between two refreshes)
     */
    public PanicClockConfig build() {
      if (refreshInterval.compareTo(deadMansSwitch) >= 0) {
        throw new IllegalArgumentException("refreshInterval must be shorter than deadMansSwitch,"
            + " got " + refreshInterval + " >= " + deadMansSwitch);
      }
      return new PanicClockConfig(this);
    }
  }
}
