package dev.oddscache.quota;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The quota table: one {@link QuotaThresholds} row per {@link Stakes}. Immutable and thread-safe;
 * build with {@link #custom()} or {@link #from(QuotaConfig)}.
 */
public final class QuotaConfig {
  /** HIGH stakes: tiers end at 60, 180 and 360 min; TTLs 0, 5, 30 and 60 s. */
  public static final QuotaThresholds DEFAULT_HIGH_THRESHOLDS =
      new QuotaThresholds(Stakes.HIGH, Duration.ofMinutes(60), Duration.ofMinutes(180),
          Duration.ofMinutes(360), 0, 5, 30, 60);

  /** MEDIUM stakes: tiers end at 30, 90 and 180 min; TTLs 0, 5, 30 and 60 s. */
  public static final QuotaThresholds DEFAULT_MEDIUM_THRESHOLDS =
      new QuotaThresholds(Stakes.MEDIUM, Duration.ofMinutes(30), Duration.ofMinutes(90),
          Duration.ofMinutes(180), 0, 5, 30, 60);

  /** LOW stakes: tiers end at 15, 45 and 90 min; TTLs 0, 5, 20 and 45 s. */
  public static final QuotaThresholds DEFAULT_LOW_THRESHOLDS =
      new QuotaThresholds(Stakes.LOW, Duration.ofMinutes(15), Duration.ofMinutes(45),
          Duration.ofMinutes(90), 0, 5, 20, 45);

  private static final QuotaConfig DEFAULTS = custom().build();

  private final Map<Stakes, QuotaThresholds> thresholds;

  private QuotaConfig(Map<Stakes, QuotaThresholds> thresholds) {
    this.thresholds = Collections.unmodifiableMap(new EnumMap<>(thresholds));
  }

  /** The three {@code DEFAULT_*_THRESHOLDS} rows above. */
  public static QuotaConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(QuotaConfig base) {
    Objects.requireNonNull(base, "base");
    Builder builder = new Builder();
    base.thresholds.values().forEach(builder::thresholds);
    return builder;
  }

  /** The row for {@code stakes}; never null. */
  public QuotaThresholds thresholds(Stakes stakes) {
    return thresholds.get(Objects.requireNonNull(stakes, "stakes"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuotaConfig other && thresholds.equals(other.thresholds);
  }

  @Override
  public int hashCode() {
    return thresholds.hashCode();
  }

  @Override
  public String toString() {
    return "QuotaConfig" + thresholds.values();
  }

  /** Starts with every row at its default. Not thread-safe. */
  public static final class Builder {
    private final Map<Stakes, QuotaThresholds> thresholds = new EnumMap<>(Stakes.class);

    private Builder() {
      thresholds.put(Stakes.HIGH, DEFAULT_HIGH_THRESHOLDS);
      thresholds.put(Stakes.MEDIUM, DEFAULT_MEDIUM_THRESHOLDS);
      thresholds.put(Stakes.LOW, DEFAULT_LOW_THRESHOLDS);
    }

    /**
     * Replaces the row for {@code value.stakes()}. The row's bounds and TTLs were validated when it
     * was constructed (see {@link QuotaThresholds}), so an invalid row never reaches the builder.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public Builder thresholds(QuotaThresholds value) {
      Objects.requireNonNull(value, "thresholds");
      thresholds.put(value.stakes(), value);
      return this;
    }

    public QuotaConfig build() {
      return new QuotaConfig(thresholds);
    }
  }
}
