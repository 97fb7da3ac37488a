package dev.oddscache.cache;

import java.util.concurrent.CompletableFuture;

/**
 * What {@link OddsCache#get} and {@link OddsCache#getAsync} do differently around the read they
 * share ({@link ReadPath#read}): which loader type asks whether a stored value answers the
 * request, and how each hands back a fresh hit or waits for the slower paths. Stateless; one
 * shared instance each, so that a fresh hit allocates nothing but its result.
 *
 * @param <L> the loader type
 * @param <R> what the caller gets back
 */
interface ReadMode<V, L, R> {

  boolean accepts(L loader, V stored);

  R fresh(CacheResult<V> result);

  /** Everything but a fresh hit; for {@code get}, the loader runs on the calling thread. */
  R notFresh(ReadPath<V> reads, ReadRequest<V> request, L loader);

  @SuppressWarnings("unchecked")
  static <V> ReadMode<V, AsyncLoader<V>, CompletableFuture<CacheResult<V>>> async() {
    return (ReadMode<V, AsyncLoader<V>, CompletableFuture<CacheResult<V>>>) Async.INSTANCE;
  }

  @SuppressWarnings("unchecked")
  static <V> ReadMode<V, Loader<V>, CacheResult<V>> sync() {
    return (ReadMode<V, Loader<V>, CacheResult<V>>) Sync.INSTANCE;
  }

  /** {@code getAsync}: never blocks. */
  final class Async<V> implements ReadMode<V, AsyncLoader<V>, CompletableFuture<CacheResult<V>>> {
    static final Async<?> INSTANCE = new Async<>();

    private Async() {}

    @Override
    public boolean accepts(AsyncLoader<V> loader, V stored) {
      return loader.accepts(stored);
    }

    @Override
    public CompletableFuture<CacheResult<V>> fresh(CacheResult<V> result) {
      return CompletableFuture.completedFuture(result);
    }

    @Override
    public CompletableFuture<CacheResult<V>> notFresh(ReadPath<V> reads, ReadRequest<V> request,
        AsyncLoader<V> loader) {
      return reads.serveNotFresh(request, loader);
    }
  }

  /** {@code get}: waits for the answer; the loader is adapted only when it may run. */
  final class Sync<V> implements ReadMode<V, Loader<V>, CacheResult<V>> {
    static final Sync<?> INSTANCE = new Sync<>();

    private Sync() {}

    @Override
    public boolean accepts(Loader<V> loader, V stored) {
      return loader.accepts(stored);
    }

    @Override
    public CacheResult<V> fresh(CacheResult<V> result) {
      return result;
    }

    @Override
    public CacheResult<V> notFresh(ReadPath<V> reads, ReadRequest<V> request, Loader<V> loader) {
      return Futures.join(reads.serveNotFresh(request, new InlineLoader<>(loader)),
          request.key());
    }
  }
}
