package dev.oddscache.redis.feed;

import dev.oddscache.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How the fleet's tick feed runs on Redis. Immutable; build with {@link #custom()}.
 *
 * <p>{@code maxLength} bounds the stream ({@code XADD … MAXLEN ~ maxLength}, trimmed by whole
 * nodes, so it may hold a little more); {@code replayWindow} is how far back a starting instance
 * reads to warm its detector; {@code maxBacklog} bounds the ticks kept for appending while Redis
 * is down (the oldest are dropped and counted beyond it); {@code applyWait} is how long a post
 * waits for its own ticks to come back from the stream and be applied, so that its answer
 * reports what the detector did with them and the next request to the same instance sees them.
 */
public final class FeedConfig {
  public static final long DEFAULT_MAX_LENGTH = 1_000_000;
  public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(15);
  public static final int DEFAULT_MAX_BACKLOG = 100_000;
  public static final Duration DEFAULT_APPLY_WAIT = Duration.ofSeconds(1);

  private static final FeedConfig DEFAULTS = custom().build();

  private final boolean enabled;
  private final long maxLength;
  private final Duration replayWindow;
  private final int maxBacklog;
  private final Duration applyWait;

  private FeedConfig(Builder b) {
    this.enabled = b.enabled;
    this.maxLength = b.maxLength;
    this.replayWindow = b.replayWindow;
    this.maxBacklog = b.maxBacklog;
    this.applyWait = b.applyWait;
  }

  public static FeedConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  public static Builder from(FeedConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder().enabled(base.enabled).maxLength(base.maxLength)
        .replayWindow(base.replayWindow).maxBacklog(base.maxBacklog).applyWait(base.applyWait);
  }

  /** Whether ticks go through the stream at all; false: each instance keeps its own detector. */
  public boolean enabled() {
    return enabled;
  }

  public long maxLength() {
    return maxLength;
  }

  public Duration replayWindow() {
    return replayWindow;
  }

  public int maxBacklog() {
    return maxBacklog;
  }

  public Duration applyWait() {
    return applyWait;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedConfig other && enabled == other.enabled
        && maxLength == other.maxLength && replayWindow.equals(other.replayWindow)
        && maxBacklog == other.maxBacklog && applyWait.equals(other.applyWait);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, maxLength, replayWindow, maxBacklog, applyWait);
  }

  @Override
  public String toString() {
    return "FeedConfig{enabled=" + enabled + ", maxLength=" + maxLength + ", replayWindow="
        + replayWindow + ", maxBacklog=" + maxBacklog + ", applyWait=" + applyWait + '}';
  }

  /** Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private long maxLength = DEFAULT_MAX_LENGTH;
    private Duration replayWindow = DEFAULT_REPLAY_WINDOW;
    private int maxBacklog = DEFAULT_MAX_BACKLOG;
    private Duration applyWait = DEFAULT_APPLY_WAIT;

    private Builder() {}

    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /** @throws IllegalArgumentException if {@code value} is below 1 */
    public Builder maxLength(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxLength must be >= 1, got " + value);
      }
      this.maxLength = value;
      return this;
    }

    public Builder replayWindow(Duration value) {
      this.replayWindow = Durations.nonNegative("replayWindow", value);
      return this;
    }

    /** @throws IllegalArgumentException if {@code value} is negative */
    public Builder maxBacklog(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxBacklog must be >= 0, got " + value);
      }
      this.maxBacklog = value;
      return this;
    }

    public Builder applyWait(Duration value) {
      this.applyWait = Durations.nonNegative("applyWait", value);
      return this;
    }

    public FeedConfig build() {
      return new FeedConfig(this);
    }
  }
}
