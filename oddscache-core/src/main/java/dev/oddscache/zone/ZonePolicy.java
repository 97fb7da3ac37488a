package dev.oddscache.zone;

import java.time.Instant;
import java.util.Objects;

/**
 * The pure function from (kickoff, now) to a {@link Zone} and its base TTL. Immutable and
 * thread-safe.
 */
public final class ZonePolicy {
  private static final ZonePolicy DEFAULTS = new ZonePolicy(ZoneConfig.ofDefaults());
  /** Kickoffs farther than this from the epoch (~73 million years) are far from any now. */
  private static final long FAR_SECONDS = Long.MAX_VALUE / 1000 / 4;

  private final ZoneConfig config;
  private final long prematchMillis;
  private final long warmupMillis;
  private final long goldenMillis;
  private final long inPlayMillis;

  public ZonePolicy(ZoneConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.prematchMillis = config.prematchHorizon().toMillis();
    this.warmupMillis = config.warmupHorizon().toMillis();
    this.goldenMillis = config.goldenHorizon().toMillis();
    this.inPlayMillis = config.inPlayDuration().toMillis();
  }

  public static ZonePolicy ofDefaults() {
    return DEFAULTS;
  }

  public ZoneConfig config() {
    return config;
  }

  /** The zone at {@code nowMillis} of a match kicking off at {@code kickoff} (null if unknown). */
  public Zone zoneOf(Instant kickoff, long nowMillis) {
    if (kickoff == null) {
      return Zone.STANDARD;
    }
    long seconds = kickoff.getEpochSecond();
    if (seconds > FAR_SECONDS || seconds < -FAR_SECONDS) {
      // toEpochMilli would overflow (an HTTP client can send year +999999999); such a kickoff is
      // nowhere near now, which is STANDARD on either side.
      return Zone.STANDARD;
    }
    return zoneOf(kickoff.toEpochMilli(), nowMillis);
  }

  /**
   * The first instant after {@code nowMillis} at which {@link #zoneOf(Instant, long)} may give
   * another zone: until then the zone at {@code nowMillis} holds. {@link Long#MAX_VALUE} when it
   * holds for good (no kickoff, a kickoff long past, or one beyond the range of milliseconds).
   * Lets a decision made at {@code nowMillis} be reused until its zone can change.
   */
  public long zoneUntilMillis(Instant kickoff, long nowMillis) {
    if (kickoff == null) {
      return Long.MAX_VALUE;
    }
    long seconds = kickoff.getEpochSecond();
    if (seconds > FAR_SECONDS || seconds < -FAR_SECONDS) {
      return Long.MAX_VALUE;
    }
    long k = kickoff.toEpochMilli();
    long untilKickoff = k - nowMillis;
    if (untilKickoff > prematchMillis) {
      return k - prematchMillis;
    }
    if (untilKickoff > warmupMillis) {
      return k - warmupMillis;
    }
    if (untilKickoff > goldenMillis) {
      return k - goldenMillis;
    }
    if (untilKickoff > 0) {
      return k;
    }
    return -untilKickoff <= inPlayMillis ? k + inPlayMillis + 1 : Long.MAX_VALUE;
  }

  /** The zone at {@code nowMillis} of a match kicking off at {@code kickoffMillis}. */
  public Zone zoneOf(long kickoffMillis, long nowMillis) {
    long untilKickoff = kickoffMillis - nowMillis;
    if (untilKickoff > prematchMillis) {
      return Zone.STANDARD;
    }
    if (untilKickoff > warmupMillis) {
      return Zone.PREMATCH;
    }
    if (untilKickoff > goldenMillis) {
      return Zone.WARMUP;
    }
    if (untilKickoff > 0) {
      return Zone.GOLDEN;
    }
    return -untilKickoff <= inPlayMillis ? Zone.ACTIVE : Zone.STANDARD;
  }

  /** The configured base TTL of {@code zone}, in seconds. */
  public long baseTtlSeconds(Zone zone) {
    return config.ttlSeconds(zone);
  }
}
