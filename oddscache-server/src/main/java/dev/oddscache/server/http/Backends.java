package dev.oddscache.server.http;

import dev.oddscache.Ticker;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.store.memory.InMemoryStore;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import java.util.concurrent.Executor;

/**
 * Where the server keeps its state: in memory by default; on Redis with {@code --redis} (store,
 * panic clock, breaker window and optionally near cache and lease).
 */
final class Backends implements AutoCloseable {
  private final ServerSettings settings;
  private final Ticker ticker;

  private Backends(ServerSettings settings, Ticker ticker) {
    this.settings = settings;
    this.ticker = ticker;
  }

  static Backends create(ServerSettings settings, Ticker ticker, Executor executor) {
    return new Backends(settings, ticker);
  }

  void configure(OddsCache.Builder<CachedResponse> builder) {
    builder.store(new InMemoryStore<>(InMemoryStoreConfig.<CachedResponse>custom()
        .maximumSize(settings.maxStoreEntries()).build(), ticker));
  }

  @Override
  public void close() {}
}
