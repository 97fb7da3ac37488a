package dev.oddscache.quota;

import dev.oddscache.internal.Durations;
import java.time.Duration;

/**
 * Whether a match is panicking and, if so, for how long, measured from the panic start that every
 * process shares ({@link dev.oddscache.panic.PanicClock}).
 *
 * <p>Panic is explicit rather than inferred from a zero duration: a panic that has just started
 * lasts 0 ms and is still a panic.
 *
 * @param panicking whether the match is panicking
 * @param durationMillis how long the panic has lasted, in milliseconds; 0 when not panicking
 */
public record PanicState(boolean panicking, long durationMillis) {

  /** Not panicking. */
  public static final PanicState NONE = new PanicState(false, 0);

  /**
   * @throws IllegalArgumentException if {@code durationMillis} is negative, or not 0 while not
   *     panicking
   */
  public PanicState {
    if (durationMillis < 0) {
      throw new IllegalArgumentException(
          "durationMillis must not be negative, got " + durationMillis);
    }
    if (!panicking && durationMillis != 0) {
      throw new IllegalArgumentException(
          "durationMillis must be 0 when not panicking, got " + durationMillis);
    }
  }

  /**
   * Panicking for {@code duration}, truncated to whole milliseconds (so a duration just below a
   * tier bound stays below it). Durations too long for a {@code long} of millis saturate.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   * @throws NullPointerException if {@code duration} is null
   */
  public static PanicState lasting(Duration duration) {
    Durations.nonNegative("duration", duration);
    long millis;
    try {
      millis = duration.toMillis();
    } catch (ArithmeticException overflow) {
      millis = Long.MAX_VALUE;
    }
    return new PanicState(true, millis);
  }

  /**
   * Panicking for {@code millis} milliseconds.
   *
   * @throws IllegalArgumentException if {@code millis} is negative
   */
  public static PanicState lastingMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("millis must not be negative, got " + millis);
    }
    return new PanicState(true, millis);
  }

  /**
   * Panicking since {@code startEpochMillis}, seen at {@code nowEpochMillis}. A start in the
   * future, which happens when another process with a clock ahead of ours recorded it, counts as a
   * panic that has just started rather than an error: the safe reading is the freshest tier.
   *
   * @throws IllegalArgumentException if {@code startEpochMillis} is negative (for instance the
   *     clock's "no panic" sentinel passed by mistake)
   */
  public static PanicState since(long startEpochMillis, long nowEpochMillis) {
    if (startEpochMillis < 0) {
      throw new IllegalArgumentException(
          "startEpochMillis must not be negative, got " + startEpochMillis);
    }
    // Compare before subtracting: now - start cannot overflow once now >= start >= 0.
    return new PanicState(
        true, nowEpochMillis <= startEpochMillis ? 0 : nowEpochMillis - startEpochMillis);
  }

  /** How long the panic has lasted; zero when not panicking. */
  public Duration duration() {
    return Duration.ofMillis(durationMillis);
  }
}
