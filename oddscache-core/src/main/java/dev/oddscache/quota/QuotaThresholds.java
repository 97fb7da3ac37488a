package dev.oddscache.quota;

import java.time.Duration;
import java.util.Objects;

/**
 * One row of the quota table: for matches of {@link #stakes()}, the panic durations at which each
 * tier ends and the TTL served in each tier.
 *
 * <p>A panic lasting {@code d} is in the first tier whose bound exceeds {@code d}: tier 1 while
 * {@code d < tier1Until}, tier 2 while {@code d < tier2Until}, tier 3 while {@code d < tier3Until},
 * tier 4 otherwise. Bounds are compared exactly, never through rounded minutes.
 *
 * <p>Every instance is valid: bounds are strictly increasing and positive, so every tier is
 * reachable and a panic that has just started ({@code d = 0}) is always tier 1; TTLs are not
 * negative. TTLs need not increase with the tier, though the defaults do.
 *
 * @param stakes the stakes this row applies to
 * @param tier1Until end of tier 1 (PANIC_FULL), exclusive
 * @param tier2Until end of tier 2 (PANIC_PARTIAL), exclusive
 * @param tier3Until end of tier 3 (DEGRADED), exclusive; tier 4 (NEW_NORMAL) has no end
 * @param tier1TtlSeconds TTL in tier 1, in seconds
 * @param tier2TtlSeconds TTL in tier 2, in seconds
 * @param tier3TtlSeconds TTL in tier 3, in seconds
 * @param tier4TtlSeconds TTL in tier 4, in seconds
 */
public record QuotaThresholds(
    Stakes stakes,
    Duration tier1Until,
    Duration tier2Until,
    Duration tier3Until,
    long tier1TtlSeconds,
    long tier2TtlSeconds,
    long tier3TtlSeconds,
    long tier4TtlSeconds) {

  /**
   * @throws IllegalArgumentException naming the field and value if a bound is not positive, the
   *     bounds are not strictly increasing, or a TTL is negative
   * @throws NullPointerException naming the field if an argument is null
   */
  public QuotaThresholds {
    Objects.requireNonNull(stakes, "stakes");
    Objects.requireNonNull(tier1Until, "tier1Until");
    Objects.requireNonNull(tier2Until, "tier2Until");
    Objects.requireNonNull(tier3Until, "tier3Until");
    if (tier1Until.isNegative() || tier1Until.isZero()) {
      throw new IllegalArgumentException(
          "tier1Until (" + stakes + ") must be positive, got " + tier1Until);
    }
    requireLonger(stakes, "tier2Until", tier2Until, "tier1Until", tier1Until);
    requireLonger(stakes, "tier3Until", tier3Until, "tier2Until", tier2Until);
    requireTtl(stakes, "tier1TtlSeconds", tier1TtlSeconds);
    requireTtl(stakes, "tier2TtlSeconds", tier2TtlSeconds);
    requireTtl(stakes, "tier3TtlSeconds", tier3TtlSeconds);
    requireTtl(stakes, "tier4TtlSeconds", tier4TtlSeconds);
  }

  /** The tier, 1 to 4, of a panic that has lasted {@code durationMillis} (not negative). */
  public int tierFor(long durationMillis) {
    Duration d = Duration.ofMillis(durationMillis);
    if (d.compareTo(tier1Until) < 0) {
      return 1;
    }
    if (d.compareTo(tier2Until) < 0) {
      return 2;
    }
    if (d.compareTo(tier3Until) < 0) {
      return 3;
    }
    return 4;
  }

  /**
   * The TTL in seconds served in {@code tier}.
   *
   * @throws IllegalArgumentException if {@code tier} is not in [1, 4]
   */
  public long ttlSeconds(int tier) {
    return switch (tier) {
      case 1 -> tier1TtlSeconds;
      case 2 -> tier2TtlSeconds;
      case 3 -> tier3TtlSeconds;
      case 4 -> tier4TtlSeconds;
      default -> throw new IllegalArgumentException("tier must be in [1, 4], got " + tier);
    };
  }

  /**
   * The panic duration at which {@code tier} begins: zero for tier 1.
   *
   * @throws IllegalArgumentException if {@code tier} is not in [1, 4]
   */
  public Duration tierStart(int tier) {
    return switch (tier) {
      case 1 -> Duration.ZERO;
      case 2 -> tier1Until;
      case 3 -> tier2Until;
      case 4 -> tier3Until;
      default -> throw new IllegalArgumentException("tier must be in [1, 4], got " + tier);
    };
  }

  private static void requireLonger(
      Stakes stakes, String field, Duration value, String previousField, Duration previous) {
    if (value.compareTo(previous) <= 0) {
      throw new IllegalArgumentException(field + " (" + stakes + ") must be longer than "
          + previousField + " (" + previous + "), got " + value);
    }
  }

  private static void requireTtl(Stakes stakes, String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          field + " (" + stakes + ") must not be negative, got " + value);
    }
  }
}
