package dev.oddscache.store.memory;

import com.github.benmanes.caffeine.cache.Weigher;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How big an {@link InMemoryStore} may grow: either a number of entries ({@link
 * Builder#maximumSize(long)}) or a total weight ({@link Builder#maximumWeight(long)} with a {@link
 * Builder#weigher(Weigher)}), never both. Immutable and thread-safe; build with {@link #custom()}.
 *
 * <p>The bound is enforced the way Caffeine enforces it: the store may briefly exceed it while
 * maintenance catches up, and the entries evicted are chosen by Caffeine's policy (W-TinyLFU).
 *
 * @param <V> the type of the cached values, which the weigher sees
 */
public final class InMemoryStoreConfig<V> {
  /** The size bound used when neither bound is configured. */
  public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

  private static final InMemoryStoreConfig<Object> DEFAULTS = new Builder<>().build();

  private final long maximumSize;
  private final long maximumWeight;
  private final Weigher<? super String, ? super V> weigher;

  private InMemoryStoreConfig(long maximumSize, long maximumWeight,
      Weigher<? super String, ? super V> weigher) {
    this.maximumSize = maximumSize;
    this.maximumWeight = maximumWeight;
    this.weigher = weigher;
  }

  /** At most {@value #DEFAULT_MAXIMUM_SIZE} entries. */
  @SuppressWarnings("unchecked") // no weigher, so nothing in it depends on V
  public static <V> InMemoryStoreConfig<V> ofDefaults() {
    return (InMemoryStoreConfig<V>) DEFAULTS;
  }

  /** A builder; without a bound set, {@link #build()} gives the default size bound. */
  public static <V> Builder<V> custom() {
    return new Builder<>();
  }

  /** A builder starting from {@code base}'s bound. */
  public static <V> Builder<V> from(InMemoryStoreConfig<V> base) {
    Objects.requireNonNull(base, "base");
    Builder<V> b = new Builder<>();
    if (base.isWeighted()) {
      b.maximumWeight(base.maximumWeight).weigher(base.weigher);
    } else {
      b.maximumSize(base.maximumSize);
    }
    return b;
  }

  /** Whether the store is bounded by weight rather than by number of entries. */
  public boolean isWeighted() {
    return weigher != null;
  }

  /** The maximum number of entries, when the store is bounded by size. */
  public OptionalLong maximumSize() {
    return isWeighted() ? OptionalLong.empty() : OptionalLong.of(maximumSize);
  }

  /** The maximum total weight, when the store is bounded by weight. */
  public OptionalLong maximumWeight() {
    return isWeighted() ? OptionalLong.of(maximumWeight) : OptionalLong.empty();
  }

  /** The weigher, when the store is bounded by weight. */
  public Optional<Weigher<? super String, ? super V>> weigher() {
    return Optional.ofNullable(weigher);
  }

  @Override
  public String toString() {
    return isWeighted()
        ? "InMemoryStoreConfig{maximumWeight=" + maximumWeight + ", weigher=" + weigher + '}'
        : "InMemoryStoreConfig{maximumSize=" + maximumSize + '}';
  }

  /**
   * Collects a bound. Setters reject bad values at once; {@link #build()} checks that exactly one
   * bound is configured. Not thread-safe.
   */
  public static final class Builder<V> {
    private long maximumSize = -1;
    private long maximumWeight = -1;
    private Weigher<? super String, ? super V> weigher;

    private Builder() {}

    /**
     * Bounds the store to {@code value} entries. Zero is accepted, as Caffeine accepts it: every
     * entry is evicted soon after it is written.
     *
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public Builder<V> maximumSize(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("maximumSize must not be negative, got " + value);
      }
      this.maximumSize = value;
      return this;
    }

    /**
     * Bounds the store to a total weight of {@code value}, as measured by the {@link
     * #weigher(Weigher)}, which must also be set.
     *
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public Builder<V> maximumWeight(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("maximumWeight must not be negative, got " + value);
      }
      this.maximumWeight = value;
      return this;
    }

    /**
     * Measures an entry from its key and value (not the metadata, which has a fixed size). It is
     * called inside the write of the entry, so it must be fast and must not touch the store; a
     * negative weight makes the write fail with {@link IllegalArgumentException}.
     */
    public Builder<V> weigher(Weigher<? super String, ? super V> value) {
      this.weigher = Objects.requireNonNull(value, "weigher");
      return this;
    }

    /**
     * @throws IllegalArgumentException when both bounds are set, or a weight bound and a weigher
     *     are not set together
     */
    public InMemoryStoreConfig<V> build() {
      boolean sized = maximumSize >= 0;
      boolean weightBound = maximumWeight >= 0;
      if (sized && weightBound) {
        throw new IllegalArgumentException("set maximumSize or maximumWeight, not both, got maximumSize="
            + maximumSize + " and maximumWeight=" + maximumWeight);
      }
      if (weightBound && weigher == null) {
        throw new IllegalArgumentException(
            "maximumWeight needs a weigher, got maximumWeight=" + maximumWeight + " and no weigher");
      }
      if (!weightBound && weigher != null) {
        throw new IllegalArgumentException(
            "weigher needs maximumWeight, got a weigher and "
                + (sized ? "maximumSize=" + maximumSize : "no maximumWeight"));
      }
      if (weightBound) {
        return new InMemoryStoreConfig<>(-1, maximumWeight, weigher);
      }
      return new InMemoryStoreConfig<>(sized ? maximumSize : DEFAULT_MAXIMUM_SIZE, -1, null);
    }
  }
}
