package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.redis.testing.Measurements;
import dev.oddscache.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stale-if-error through the proxy, with an upstream failing 3 calls in 10. Every request
 * says {@code Cache-Control: no-cache} (as a bet-placement client demanding a fresh price would),
 * so every request loads from the upstream (coalesced per key): the worst case for a failing
 * backend. PANIC traffic would load on every request too, but only until the breaker opens and
 * its TTL floor turns most of it into hits, which makes the count of loads depend on timing.
 * Before a key has a value, a failed load is a 502 (nothing to fall back on); once it has one,
 * every failed load is answered with that value, {@code X-Cache: STALE-ERROR}, and no client sees
 * a 502. The figures go to {@code target/measurements.txt} and {@code docs/backend-failure.md}.
 */
class BackendFailureThroughServerTest {
  private static final int KEYS = 20;
  private static final int THREADS = 4;
  private static final int REQUESTS_PER_THREAD = 250;
  private static final String[] ALWAYS_LOAD = {
    "X-Match-Id", "psg-om", "X-Competition", "Ligue 1", "X-Markets", "1x2",
    "Cache-Control", "no-cache"};

  private final TestUpstream upstream = new TestUpstream();

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url)
      .thenClosing(upstream);

  private HttpResponse<String> get(int key) {
    return Http.get(server.url() + "/p/flaky/k" + key, ALWAYS_LOAD);
  }

  /** Status, X-Cache and breaker mode, e.g. {@code 200 STALE-ERROR NORMAL}. */
  private static String answer(HttpResponse<String> r) {
    return r.statusCode() + " " + r.headers().firstValue("X-Cache").orElse("-") + " "
        + r.headers().firstValue("X-Oddscache-Mode").orElse("-");
  }

  @Test
  void upstreamFailing30Percent_staleIfErrorAbsorbsEveryFailureOnceValuesExist() throws Exception {
    // Cold: the first request of each key; a failure has nothing to fall back on.
    int cold502 = 0;
    Map<String, Integer> cold = new TreeMap<>();
    for (int key = 0; key < KEYS; key++) {
      HttpResponse<String> r = get(key);
      cold.merge(answer(r), 1, Integer::sum);
      // The upstream's own 503, relayed: nothing stored yet to serve instead.
      if (r.statusCode() == 503) {
        cold502++;
        // Until the key has a value; each try is a fresh load, 7 in 10 succeed.
        for (int tries = 0; tries < 10 && r.statusCode() != 200; tries++) {
          r = get(key);
          cold.merge(answer(r), 1, Integer::sum);
        }
      }
      assertThat(r.statusCode()).as("key %d eventually loads", key).isEqualTo(200);
    }
    int coldCalls = upstream.flakyCalls.get();
    int coldFailures = upstream.flakyFailures.get();

    // Warm: concurrent traffic, every request a (coalesced) load.
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    CyclicBarrier go = new CyclicBarrier(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try {
          go.await();
          for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
            HttpResponse<String> r = get((thread * 5 + i) % KEYS);
            String answer = answer(r);
            answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
          }
        } catch (Exception e) {
          answers.computeIfAbsent("exception " + e, a -> new AtomicInteger()).incrementAndGet();
        }
      }, "flaky-load-" + t);
      threads.add(worker);
      worker.start();
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(120));
    }
    Map<String, Integer> warm = new TreeMap<>();
    answers.forEach((k, v) -> warm.put(k, v.get()));
    int warmCalls = upstream.flakyCalls.get() - coldCalls;
    int warmFailures = upstream.flakyFailures.get() - coldFailures;
    int staleError = warm.entrySet().stream()
        .filter(e -> e.getKey().startsWith("200 STALE-ERROR"))
        .mapToInt(Map.Entry::getValue).sum();
    int warm502 = warm.entrySet().stream().filter(e -> e.getKey().startsWith("5"))
        .mapToInt(Map.Entry::getValue).sum();

    Measurements.record("BackendFailureThroughServerTest", "upstream failing 3 calls in 10,"
        + " Cache-Control: no-cache (every request loads). Cold, " + KEYS + " keys: " + coldCalls
        + " upstream calls, " + coldFailures + " failed, " + cold502
        + " first requests got the upstream's 503;"
        + " answers " + cold + "."
        + " Warm, " + THREADS * REQUESTS_PER_THREAD + " requests on " + THREADS + " threads: "
        + warmCalls + " upstream calls, " + warmFailures + " failed; answers " + warm
        + "; 5xx " + warm502 + ", STALE-ERROR " + staleError);

    assertThat(warm.keySet()).as("answers").allMatch(a -> a.startsWith("200 "));
    assertThat(warm502).as("5xx once every key has a value").isZero();
    assertThat(warmFailures).as("the upstream did fail during the warm phase").isPositive();
    assertThat(staleError).as("failed loads answered from the stale value")
        .isGreaterThanOrEqualTo(warmFailures);
    assertThat(warm.keySet()).as("successful loads").anyMatch(a -> a.startsWith("200 BYPASS"));
  }
}
