package dev.oddscache.cache;

import dev.oddscache.decision.Decision;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.vix.DriftStamp;
import java.util.concurrent.CompletableFuture;

/** One in-flight load of one key, shared by every request that waits for it (single-flight). */
final class Load<V> {
  final String key;
  final Tags tags;
  final Decision decision;
  final InvalidationGenerations.Stamp stamp;
  /** The stored time of the value the requester already had; another process's must be newer. */
  final long knownStoredAtMillis;
  /** The value the requester already had, handed to {@code reload}; null for none. */
  final StoredValue<V> known;
  final CompletableFuture<StoredValue<V>> future = new CompletableFuture<>();
  /** The drift epochs of the key's markets when the loader was called; set before it is. */
  volatile DriftStamp drift = DriftStamp.NONE;

  Load(String key, Tags tags, Decision decision, InvalidationGenerations.Stamp stamp,
      StoredValue<V> known) {
    this.key = key;
    this.tags = tags;
    this.decision = decision;
    this.stamp = stamp;
    this.known = known;
    this.knownStoredAtMillis = known == null ? Long.MIN_VALUE : known.storedAtMillis();
  }
}
