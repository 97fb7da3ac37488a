package dev.oddscache.cache;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A synchronous {@link Loader} as an {@link AsyncLoader} whose futures are complete on return:
 * the loader runs on the thread that loads, which for {@link OddsCache#get} is the caller's.
 */
final class InlineLoader<V> implements AsyncLoader<V> {
  private final Loader<V> loader;

  InlineLoader(Loader<V> loader) {
    this.loader = loader;
  }

  @Override
  public CompletableFuture<V> load(String key) {
    return run(key, () -> loader.load(key));
  }

  @Override
  public CompletableFuture<V> reload(String key, V oldValue) {
    return run(key, () -> loader.reload(key, oldValue));
  }

  @Override
  public boolean accepts(V stored) {
    return loader.accepts(stored);
  }

  private static <V> CompletableFuture<V> run(String key, Callable<V> load) {
    try {
      return CompletableFuture.completedFuture(load.call());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(
          new LoadFailedException("loader failed for key '" + key + "'", e));
    } catch (Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
