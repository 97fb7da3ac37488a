package dev.oddscache.tools.sim;

import dev.oddscache.server.config.DurationText;
import java.time.Duration;
import java.util.Objects;

/**
 * A policy name of a scenario, parsed: {@code oddscache}, {@code oddscache-ttl}, {@code bypass},
 * {@code fixed-ttl} (the zone's TTL) or {@code fixed-ttl:D} (a fixed TTL of D, such as {@code
 * fixed-ttl:1s}, {@code fixed-ttl:500ms}, {@code fixed-ttl:2m}).
 *
 * @param name the name as written, used in the output
 * @param kind which policy
 * @param ttl the fixed TTL of {@code fixed-ttl:D}, or null
 */
record PolicySpec(String name, Kind kind, Duration ttl) {
  /** The accepted forms, for error messages. */
  static final String ACCEPTED = "oddscache, oddscache-ttl, bypass, fixed-ttl, or fixed-ttl:D "
      + "with D a positive duration such as 500ms, 1s, 2m";
  private static final String FIXED_TTL = "fixed-ttl";

  /** The policies a scenario may name. */
  enum Kind {
    /** The product, default configuration. */
    ODDSCACHE,
    /** The product with price drift off: the seeds' timer rule. */
    ODDSCACHE_TTL,
    /** The seeds' starting point. */
    BYPASS,
    /** A plain single-flight TTL cache: the zone's TTL, or {@link #ttl()}. */
    FIXED_TTL
  }

  /**
   * @throws ScenarioException naming {@code field}, the value and {@link #ACCEPTED}
   */
  static PolicySpec parse(String field, String name) {
    if (name == null) {
      throw bad(field, null);
    }
    switch (name) {
      case "oddscache":
        return new PolicySpec(name, Kind.ODDSCACHE, null);
      case "oddscache-ttl":
        return new PolicySpec(name, Kind.ODDSCACHE_TTL, null);
      case "bypass":
        return new PolicySpec(name, Kind.BYPASS, null);
      case FIXED_TTL:
        return new PolicySpec(name, Kind.FIXED_TTL, null);
      default:
        break;
    }
    if (!name.startsWith(FIXED_TTL + ":")) {
      throw bad(field, name);
    }
    Duration ttl;
    try {
      ttl = DurationText.parse(name.substring(FIXED_TTL.length() + 1));
    } catch (IllegalArgumentException e) {
      throw bad(field, name);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw bad(field, name);
    }
    return new PolicySpec(name, Kind.FIXED_TTL, ttl);
  }

  /**
   * Whether two specs run the same policy ({@code fixed-ttl:1s} and {@code fixed-ttl:1000ms},
   * say).
   */
  boolean sameAs(PolicySpec other) {
    return kind == other.kind && Objects.equals(ttl, other.ttl);
  }

  private static ScenarioException bad(String field, String name) {
    return new ScenarioException(field + " must be one of " + ACCEPTED + ", got "
        + (name == null ? "null" : "'" + name + "'"));
  }
}
