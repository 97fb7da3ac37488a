package dev.oddscache.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * An async loader that records how it was called ({@code "load k"} or {@code "reload k old"}) and
 * answers with a fixed value, a fixed failure, or futures the test completes by hand; it refuses
 * the stored values {@link #refuse} matches.
 */
final class RecordingLoader implements AsyncLoader<String> {
  private final List<String> calls = new ArrayList<>();
  private final List<CompletableFuture<String>> pending = new ArrayList<>();
  private final String value;
  private final Throwable failure;
  private final Predicate<String> refuse;

  private RecordingLoader(String value, Throwable failure, Predicate<String> refuse) {
    this.value = value;
    this.failure = failure;
    this.refuse = refuse;
  }

  static RecordingLoader returning(String value) {
    return new RecordingLoader(value, null, v -> false);
  }

  static RecordingLoader failing(Throwable failure) {
    return new RecordingLoader(null, failure, v -> false);
  }

  /** Every call stays pending until {@link #completeLast} or {@link #failLast}. */
  static RecordingLoader holding() {
    return new RecordingLoader(null, null, v -> false);
  }

  /** This loader, refusing the stored values {@code refused} matches ({@link #accepts}). */
  RecordingLoader refusing(Predicate<String> refused) {
    return new RecordingLoader(value, failure, refused);
  }

  @Override
  public synchronized CompletableFuture<String> load(String key) {
    calls.add("load " + key);
    return answer();
  }

  @Override
  public synchronized CompletableFuture<String> reload(String key, String oldValue) {
    calls.add("reload " + key + " " + oldValue);
    return answer();
  }

  @Override
  public boolean accepts(String stored) {
    return !refuse.test(stored);
  }

  private CompletableFuture<String> answer() {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    if (value != null) {
      return CompletableFuture.completedFuture(value);
    }
    CompletableFuture<String> f = new CompletableFuture<>();
    pending.add(f);
    return f;
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  synchronized int pendingCount() {
    return (int) pending.stream().filter(f -> !f.isDone()).count();
  }

  void completeLast(String result) {
    CompletableFuture<String> last;
    synchronized (this) {
      last = pending.get(pending.size() - 1);
    }
    last.complete(result);
  }

  void failLast(Throwable error) {
    CompletableFuture<String> last;
    synchronized (this) {
      last = pending.get(pending.size() - 1);
    }
    last.completeExceptionally(error);
  }
}
