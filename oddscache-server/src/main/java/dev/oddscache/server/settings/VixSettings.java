package dev.oddscache.server.settings;

import dev.oddscache.internal.Durations;
import dev.oddscache.vix.VixConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The volatility detector's settings and how long the server keeps a quiet match's state in it.
 * Immutable; build with {@link #custom()}.
 *
 * @param detector the detector's own settings
 * @param evictIdleAfter how long a match keeps its detector state without an accepted tick;
 *     positive and at least the detector's hold
 */
public record VixSettings(VixConfig detector, Duration evictIdleAfter) {
  /**
   * How long a match may go without an accepted odds tick before the volatility detector drops
   * its state. A football match lasts about two hours and its feed rarely pauses for more than
   * half-time, so six hours leaves every live match alone and still releases a finished match the
   * same day, instead of holding a season's worth of matches.
   */
  public static final Duration DEFAULT_EVICT_IDLE_AFTER = Duration.ofHours(6);

  private static final VixSettings DEFAULTS =
      new VixSettings(VixConfig.ofDefaults(), DEFAULT_EVICT_IDLE_AFTER);

  public VixSettings {
    Objects.requireNonNull(detector, "detector");
    Durations.positive("evictIdleAfter", evictIdleAfter);
    // Shorter than the hold would end a held PANIC early: its match, and the status with it,
    // would be dropped before the status decays.
    if (evictIdleAfter.compareTo(detector.hold()) < 0) {
      throw new IllegalArgumentException("evictIdleAfter must be at least the vix hold ("
          + detector.hold() + "), got " + evictIdleAfter);
    }
  }

  public static VixSettings ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return from(DEFAULTS);
  }

  public static Builder from(VixSettings base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /**
   * The hold and the idle horizon are checked against each other at {@link #build()}, so either
   * may move first. Not thread-safe.
   */
  public static final class Builder {
    private VixConfig.Builder detector;
    private Duration evictIdleAfter;

    private Builder(VixSettings base) {
      detector = VixConfig.from(base.detector);
      evictIdleAfter = base.evictIdleAfter;
    }

    public Builder detector(VixConfig value) {
      detector = VixConfig.from(Objects.requireNonNull(value, "detector"));
      return this;
    }

    /** Changes some of the detector's settings, keeping the others. */
    public Builder detector(Consumer<VixConfig.Builder> change) {
      change.accept(detector);
      return this;
    }

    public Builder evictIdleAfter(Duration value) {
      evictIdleAfter = Durations.positive("evictIdleAfter", value);
      return this;
    }

    public VixSettings build() {
      return new VixSettings(detector.build(), evictIdleAfter);
    }
  }
}
