package dev.oddscache.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** An async loader whose loads stay pending until the test completes them; counts calls. */
final class PendingLoader implements AsyncLoader<String> {
  final AtomicInteger calls = new AtomicInteger();
  private final List<CompletableFuture<String>> pending = new ArrayList<>();

  @Override
  public synchronized CompletableFuture<String> load(String key) {
    calls.incrementAndGet();
    CompletableFuture<String> f = new CompletableFuture<>();
    pending.add(f);
    return f;
  }

  synchronized CompletableFuture<String> last() {
    return pending.get(pending.size() - 1);
  }

  synchronized int pendingCount() {
    return (int) pending.stream().filter(f -> !f.isDone()).count();
  }

  void completeLast(String value) {
    last().complete(value);
  }

  void failLast(Throwable error) {
    last().completeExceptionally(error);
  }
}
