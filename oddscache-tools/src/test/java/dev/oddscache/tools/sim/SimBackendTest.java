package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimBackendTest {
  private final VirtualTime time = new VirtualTime(Instant.parse("2026-03-01T16:30:00Z"));

  @Test
  void call_completesAfterTheLatency_andCounts() {
    SimBackend backend = backend(new Scenario.BackendSpec(50, 0.0, null));

    CompletableFuture<SimValue> a = backend.call("k1");
    CompletableFuture<SimValue> b = backend.call("k2");
    time.runUntil(49_999_999);
    assertThat(a).isNotDone();
    assertThat(backend.inFlight()).isEqualTo(2);

    time.runUntil(50_000_000);
    assertThat(a.join()).isEqualTo(new SimValue("k1", 50_000_000, 50_000_000));
    assertThat(a.join().loadMillis()).isEqualTo(50);
    assertThat(b.join().key()).isEqualTo("k2");
    assertThat(backend.calls()).isEqualTo(2);
    assertThat(backend.peakInFlight()).isEqualTo(2);
    assertThat(backend.callsPerSecond()[0]).isEqualTo(2);
  }

  @Test
  void maxConcurrent_queuesFifo_andLatencyStartsWithTheSlot() {
    SimBackend backend = backend(new Scenario.BackendSpec(10, 0.0, 2));
    List<String> done = new ArrayList<>();

    for (String key : List.of("a", "b", "c", "d", "e")) {
      backend.call(key).thenAccept(v -> done.add(v.key() + "@" + v.loadedAtNanos() / 1_000_000));
    }
    time.runUntil(Long.MAX_VALUE);

    assertThat(done).containsExactly("a@10", "b@10", "c@20", "d@20", "e@30");
    // A load's duration includes its wait for a slot: what the caller sees.
    assertThat(backend.loadDurations().count()).isEqualTo(5);
    assertThat(backend.loadDurations().percentileMillis(0.5)).isEqualTo(20);
    assertThat(backend.loadDurations().maxMillis()).isEqualTo(30);
    assertThat(backend.peakInFlight()).isEqualTo(2);
    assertThat(backend.calls()).isEqualTo(5);
  }

  @Test
  void failureRate_failsThatShareOfCalls() {
    SimBackend backend = backend(new Scenario.BackendSpec(1, 0.25, null));
    List<CompletableFuture<SimValue>> calls = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      calls.add(backend.call("k" + i));
    }
    time.runUntil(Long.MAX_VALUE);

    long failed = calls.stream().filter(CompletableFuture::isCompletedExceptionally).count();
    assertThat(failed).isBetween(2_300L, 2_700L);
    assertThat(calls).allMatch(CompletableFuture::isDone);
  }

  private SimBackend backend(Scenario.BackendSpec spec) {
    return new SimBackend(time, spec, 60, new SplittableRandom(5));
  }
}
