package dev.oddscache.decision;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Calm decisions kept by key, so that the next request for the same key and context reuses one
 * instead of deciding again: a bounded table of {@link #SLOTS} entries, two candidate slots per
 * key (a key whose two slots are taken by other keys replaces one of them). Memory is bounded
 * whatever the keys; a key that lost its slot is decided again, never served another key's
 * decision. Thread-safe: an entry is immutable, so a plain read sees it whole.
 */
final class ReusableDecisions {
  /** A power of two; 128 KiB of references. */
  static final int SLOTS = 1 << 15;

  private final AtomicReferenceArray<Reusable> slots = new AtomicReferenceArray<>(SLOTS);

  /** The entry kept for {@code key}, or null. */
  Reusable get(String key) {
    int i = index(key);
    Reusable r = slots.getPlain(i);
    if (r != null && r.key.equals(key)) {
      return r;
    }
    r = slots.getPlain(i ^ 1);
    return r != null && r.key.equals(key) ? r : null;
  }

  void put(Reusable r) {
    int i = index(r.key);
    Reusable first = slots.getPlain(i);
    if (first != null && !first.key.equals(r.key)) {
      Reusable second = slots.getPlain(i ^ 1);
      // Both taken by other keys: the newer replaces the one in the slot its hash picks.
      if (second == null || second.key.equals(r.key) || (r.key.hashCode() & SLOTS) != 0) {
        i ^= 1;
      }
    }
    slots.setRelease(i, r);
  }

  private static int index(String key) {
    int h = key.hashCode();
    h ^= h >>> 16;
    return (h * 0x9E3779B9) >>> 17 & (SLOTS - 1);
  }

  /**
   * A decision made for {@code key} and {@code context} at {@code fromMillis}, which holds until
   * {@code untilMillis} (its zone's next boundary) while the breaker mode it was made in and its
   * match's {@code matchVersion} do not change. {@code status} is the request status the breaker
   * and the panic clock are given at each reuse.
   */
  static final class Reusable {
    final String key;
    final MatchContext context;
    final long valueBaseTtlSeconds;
    final Decision decision;
    final Status status;
    final long fromMillis;
    final long untilMillis;
    final long matchVersion;

    Reusable(String key, MatchContext context, long valueBaseTtlSeconds, Decision decision,
        Status status, long fromMillis, long untilMillis, long matchVersion) {
      this.key = key;
      this.context = context;
      this.valueBaseTtlSeconds = valueBaseTtlSeconds;
      this.decision = decision;
      this.status = status;
      this.fromMillis = fromMillis;
      this.untilMillis = untilMillis;
      this.matchVersion = matchVersion;
    }

    /** Whether it was made for this context and base TTL, and {@code now} is within its span. */
    boolean holdsFor(MatchContext context, long valueBaseTtlSeconds, long now) {
      return now >= fromMillis && now < untilMillis
          && valueBaseTtlSeconds == this.valueBaseTtlSeconds
          && (context == this.context || context.equals(this.context));
    }
  }
}
