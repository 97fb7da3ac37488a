package dev.oddscache.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The exceptions a future's caller should see: the cause, not the wrappers. */
final class Futures {
  private Futures() {}

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Waits for {@code pending}, for the synchronous API: its value, or its cause unchecked (a
   * checked one wrapped in {@link LoadFailedException}); an {@link Error} is rethrown as is.
   */
  static <T> T join(CompletableFuture<T> pending, String key) {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      throw asRuntime(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadFailedException("interrupted while waiting for key '" + key + "'", e);
    }
  }

  private static RuntimeException asRuntime(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new LoadFailedException("load failed", cause);
  }
}
