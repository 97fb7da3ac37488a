package dev.oddscache.internal;

import java.time.Duration;
import java.util.Objects;

/** Validation helpers shared by the config builders, so every error names field and value. */
public final class Durations {
  private Durations() {}

  /** {@code value}, if it is not null and not negative. */
  public static Duration nonNegative(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
    return value;
  }

  /** {@code value}, if it is not null and strictly positive. */
  public static Duration positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
    return value;
  }

  /** {@code value}, if it is a finite number above 0. */
  public static double positiveFinite(String field, double value) {
    if (!(value > 0.0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(field + " must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** {@code value}, if it lies in [min, max]. */
  public static double inRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** {@code value} in milliseconds, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
  public static long saturatedMillis(Duration value) {
    return value.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE
        : value.toMillis();
  }
}
