package dev.oddscache.cache;

import dev.oddscache.decision.Decision;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.util.concurrent.CompletableFuture;

/** One in-flight load of one key, shared by every request that waits for it (single-flight). */
final class Load<V> {
  final String key;
  final Tags tags;
  final Decision decision;
  final InvalidationGenerations.Stamp stamp;
  final CompletableFuture<StoredValue<V>> future = new CompletableFuture<>();

  Load(String key, Tags tags, Decision decision, InvalidationGenerations.Stamp stamp) {
    this.key = key;
    this.tags = tags;
    this.decision = decision;
    this.stamp = stamp;
  }
}
