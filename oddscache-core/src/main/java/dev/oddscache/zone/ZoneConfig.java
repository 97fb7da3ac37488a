package dev.oddscache.zone;

import dev.oddscache.internal.Durations;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Zone boundaries and base TTLs. Immutable; build with {@link #custom()}.
 *
 * <p>A zone's lower boundary is exclusive and its upper boundary inclusive: with the defaults, a
 * kickoff exactly 1 h away is {@link Zone#GOLDEN} and one exactly 3 h away is {@link
 * Zone#WARMUP}.
 */
public final class ZoneConfig {
  public static final Duration DEFAULT_PREMATCH_HORIZON = Duration.ofHours(24);
  public static final Duration DEFAULT_WARMUP_HORIZON = Duration.ofHours(3);
  public static final Duration DEFAULT_GOLDEN_HORIZON = Duration.ofHours(1);
  public static final Duration DEFAULT_IN_PLAY_DURATION = Duration.ofMinutes(150);

  public static final Duration DEFAULT_STANDARD_TTL = Duration.ofSeconds(300);
  public static final Duration DEFAULT_PREMATCH_TTL = Duration.ofSeconds(120);
  public static final Duration DEFAULT_WARMUP_TTL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_GOLDEN_TTL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_ACTIVE_TTL = Duration.ofSeconds(10);

  private static final ZoneConfig DEFAULTS = custom().build();

  private final Duration prematchHorizon;
  private final Duration warmupHorizon;
  private final Duration goldenHorizon;
  private final Duration inPlayDuration;
  private final long[] ttlSeconds;

  private ZoneConfig(Builder b) {
    this.prematchHorizon = b.prematchHorizon;
    this.warmupHorizon = b.warmupHorizon;
    this.goldenHorizon = b.goldenHorizon;
    this.inPlayDuration = b.inPlayDuration;
    this.ttlSeconds = new long[Zone.values().length];
    b.ttls.forEach((zone, ttl) -> ttlSeconds[zone.ordinal()] = ttl.toSeconds());
  }

  public static ZoneConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  public static Builder from(ZoneConfig base) {
    Objects.requireNonNull(base, "base");
    Builder b =
        new Builder()
            .prematchHorizon(base.prematchHorizon)
            .warmupHorizon(base.warmupHorizon)
            .goldenHorizon(base.goldenHorizon)
            .inPlayDuration(base.inPlayDuration);
    for (Zone zone : Zone.values()) {
      b.ttl(zone, Duration.ofSeconds(base.ttlSeconds(zone)));
    }
    return b;
  }

  /** Kickoffs further away than this are {@link Zone#STANDARD}. */
  public Duration prematchHorizon() {
    return prematchHorizon;
  }

  /** Kickoffs at most this far away (and beyond the golden horizon) are {@link Zone#WARMUP}. */
  public Duration warmupHorizon() {
    return warmupHorizon;
  }

  /** Kickoffs at most this far away (and not yet reached) are {@link Zone#GOLDEN}. */
  public Duration goldenHorizon() {
    return goldenHorizon;
  }

  /** How long after kickoff a match counts as {@link Zone#ACTIVE}. */
  public Duration inPlayDuration() {
    return inPlayDuration;
  }

  /** The base TTL of {@code zone}, in whole seconds. */
  public long ttlSeconds(Zone zone) {
    return ttlSeconds[zone.ordinal()];
  }

  /** Equal when every setting is equal, so configs read from files compare by value. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ZoneConfig other
        && prematchHorizon.equals(other.prematchHorizon)
        && warmupHorizon.equals(other.warmupHorizon)
        && goldenHorizon.equals(other.goldenHorizon)
        && inPlayDuration.equals(other.inPlayDuration)
        && java.util.Arrays.equals(ttlSeconds, other.ttlSeconds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prematchHorizon, warmupHorizon, goldenHorizon, inPlayDuration,
        java.util.Arrays.hashCode(ttlSeconds));
  }

  @Override
  public String toString() {
    return "ZoneConfig{prematch=" + prematchHorizon + ", warmup=" + warmupHorizon + ", golden="
        + goldenHorizon + ", inPlay=" + inPlayDuration + ", ttlSeconds="
        + java.util.Arrays.toString(ttlSeconds) + '}';
  }

  /** Not thread-safe. */
  public static final class Builder {
    private Duration prematchHorizon = DEFAULT_PREMATCH_HORIZON;
    private Duration warmupHorizon = DEFAULT_WARMUP_HORIZON;
    private Duration goldenHorizon = DEFAULT_GOLDEN_HORIZON;
    private Duration inPlayDuration = DEFAULT_IN_PLAY_DURATION;
    private final Map<Zone, Duration> ttls = new EnumMap<>(Zone.class);

    private Builder() {
      ttls.put(Zone.STANDARD, DEFAULT_STANDARD_TTL);
      ttls.put(Zone.PREMATCH, DEFAULT_PREMATCH_TTL);
      ttls.put(Zone.WARMUP, DEFAULT_WARMUP_TTL);
      ttls.put(Zone.GOLDEN, DEFAULT_GOLDEN_TTL);
      ttls.put(Zone.ACTIVE, DEFAULT_ACTIVE_TTL);
    }

    public Builder prematchHorizon(Duration value) {
      this.prematchHorizon = Durations.positive("prematchHorizon", value);
      return this;
    }

    public Builder warmupHorizon(Duration value) {
      this.warmupHorizon = Durations.positive("warmupHorizon", value);
      return this;
    }

    public Builder goldenHorizon(Duration value) {
      this.goldenHorizon = Durations.positive("goldenHorizon", value);
      return this;
    }

    public Builder inPlayDuration(Duration value) {
      this.inPlayDuration = Durations.positive("inPlayDuration", value);
      return this;
    }

    /** Sets a zone's base TTL; whole seconds only, because TTLs are decided in seconds. */
    public Builder ttl(Zone zone, Duration value) {
      Objects.requireNonNull(zone, "zone");
      String field = "ttl." + zone.name().toLowerCase(java.util.Locale.ROOT);
      Durations.nonNegative(field, value);
      if (value.getNano() != 0) {
        throw new IllegalArgumentException(field + " must be whole seconds, got " + value);
      }
      ttls.put(zone, value);
      return this;
    }

    /**
     * @throws IllegalArgumentException unless golden &lt; warmup &lt; prematch horizons
     */
    public ZoneConfig build() {
      if (goldenHorizon.compareTo(warmupHorizon) >= 0) {
        throw new IllegalArgumentException(
            "goldenHorizon must be shorter than warmupHorizon, got " + goldenHorizon + " >= " + warmupHorizon);
      }
      if (warmupHorizon.compareTo(prematchHorizon) >= 0) {
        throw new IllegalArgumentException(
            "warmupHorizon must be shorter than prematchHorizon, got " + warmupHorizon + " >= " + prematchHorizon);
      }
      return new ZoneConfig(this);
    }
  }
}
