package dev.oddscache.vix;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The drift epochs of a value's markets when the load that produced it started: what tells,
 * later, whether the prices behind the value have moved since ({@link VixDetector#drifted}).
 * Immutable and thread-safe.
 *
 * <p>{@link #NONE} means no drift information: the value was loaded while none of its markets
 * had a live feed, or by a version that recorded none; its freshness is then the TTL rule's.
 */
public final class DriftStamp {
  /** The epoch recorded for a market that had no recent tick. */
  public static final long UNTRACKED = -1;

  /** No drift information. */
  public static final DriftStamp NONE = new DriftStamp(null, new String[0], new long[0]);

  private final String matchId;
  private final String[] markets;
  private final long[] epochs;

  private DriftStamp(String matchId, String[] markets, long[] epochs) {
    this.matchId = matchId;
    this.markets = markets;
    this.epochs = epochs;
  }

  /**
   * A stamp of {@code markets} (normalised ids) of {@code matchId} at {@code epochs}, in the same
   * order; {@link #NONE} when {@code markets} is empty.
   *
   * @throws IllegalArgumentException if the sizes differ, a market is blank, or an epoch is below
   *     {@link #UNTRACKED}
   */
  public static DriftStamp of(String matchId, List<String> markets, long[] epochs) {
    Objects.requireNonNull(matchId, "matchId");
    Objects.requireNonNull(markets, "markets");
    Objects.requireNonNull(epochs, "epochs");
    if (markets.size() != epochs.length) {
      throw new IllegalArgumentException("markets and epochs must have the same size, got "
          + markets.size() + " and " + epochs.length);
    }
    if (markets.isEmpty()) {
      return NONE;
    }
    if (matchId.isBlank()) {
      throw new IllegalArgumentException("matchId must not be blank, got '" + matchId + "'");
    }
    String[] ids = new String[markets.size()];
    for (int i = 0; i < ids.length; i++) {
      String market = markets.get(i);
      if (market == null || market.isBlank()) {
        throw new IllegalArgumentException("market " + i + " must not be blank, got '"
            + market + "'");
      }
      if (epochs[i] < UNTRACKED) {
        throw new IllegalArgumentException("epoch of market " + market + " must be >= "
            + UNTRACKED + ", got " + epochs[i]);
      }
      ids[i] = market;
    }
    return new DriftStamp(matchId, ids, epochs.clone());
  }

  /** Built by the detector from arrays it owns. */
  static DriftStamp ofOwned(String matchId, String[] markets, long[] epochs) {
    return new DriftStamp(matchId, markets, epochs);
  }

  public boolean isNone() {
    return markets.length == 0;
  }

  /** The match of the markets; null for {@link #NONE}. */
  public String matchId() {
    return matchId;
  }

  public int size() {
    return markets.length;
  }

  /** The normalised id of the {@code i}-th market. */
  public String market(int i) {
    return markets[i];
  }

  /** The epoch recorded for the {@code i}-th market, or {@link #UNTRACKED}. */
  public long epoch(int i) {
    return epochs[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftStamp other
        && Objects.equals(matchId, other.matchId)
        && Arrays.equals(markets, other.markets)
        && Arrays.equals(epochs, other.epochs);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Objects.hashCode(matchId) + Arrays.hashCode(markets))
        + Arrays.hashCode(epochs);
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "DriftStamp{none}";
    }
    StringBuilder sb = new StringBuilder("DriftStamp{").append(matchId).append(':');
    for (int i = 0; i < markets.length; i++) {
      sb.append(i == 0 ? " " : ", ").append(markets[i]).append('=')
          .append(epochs[i] == UNTRACKED ? "untracked" : Long.toString(epochs[i]));
    }
    return sb.append('}').toString();
  }
}
