package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.redis.testing.Measurements;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.server.testing.RunningServer;
import dev.oddscache.testing.Poll;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Redis going away under load, end to end: {@code oddscache serve --redis} on a real
 * redis-server, a real upstream, real HTTP traffic from several threads through the proxy. Redis
 * is killed in the middle of the traffic and started again. Redis being down must never fail a
 * request: no proxied request fails, each Redis call costing at most its command timeout;
 * readiness says {@code degraded} while Redis is away and {@code ready} again within seconds once
 * it is back, without restarting the server; cached answers reach Redis again. {@code
 * -Doddscache.outage.requestsPerThread=40000} is the long variant (about 30 s of outage here).
 * The worst latency seen while Redis was down goes to {@code target/measurements.txt} (an
 * indication, not an assertion on wall time beyond a generous bound: speed is measured by the
 * benchmarks).
 */
class RedisOutageThroughServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int THREADS = 8;
  /** Per thread; a third of them run while Redis is down. The long variant raises it. */
  private static final int REQUESTS_PER_THREAD =
      Integer.getInteger("oddscache.outage.requestsPerThread", 300);
  private static final int KEYS = 40;

  @Test
  void redisKilledUnderProxyTraffic_noFailedRequest_degradedThenReadyWithoutRestart()
      throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        TestUpstream upstream = new TestUpstream();
        OddscacheServer server = OddscacheServer.start(RunningServer.onFreePort(b -> b
            .proxy(p -> p.upstream(URI.create(upstream.url())))
            .store(st -> st.redisUri(redis.uri()))));
        RawRedis raw = new RawRedis(redis.uri())) {
      String base = server.url();
      Poll.await("ready on a healthy Redis")
          .untilAsserted(() -> assertThat(readiness(base)).isEqualTo("ready"));

      int total = THREADS * REQUESTS_PER_THREAD;
      CountDownLatch thirdDone = new CountDownLatch(total / 3);
      CountDownLatch twoThirdsDone = new CountDownLatch(2 * total / 3);
      AtomicBoolean outage = new AtomicBoolean();
      AtomicInteger outageRequests = new AtomicInteger();
      AtomicLong worstNanos = new AtomicLong();
      AtomicLong worstOutageNanos = new AtomicLong();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Thread worker = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
              int key = (thread * 7 + i) % KEYS;
              String match = "match-" + (key % 4);
              // A third of the requests are in PANIC: TTL 0, so they load through the upstream
              // (coalesced) whatever the store does; the rest are cached in Redis.
              String status = i % 3 == 0 ? "PANIC" : "NORMAL";
              boolean duringOutage = outage.get();
              long t0 = System.nanoTime();
              try {
                HttpResponse<String> r = Http.get(base + "/p/predictions/k" + key,
                    "X-Match-Id", match, "X-Competition", "Ligue 1", "X-Markets", "1x2",
                    "X-Vix-Status", status);
                if (r.statusCode() != 200 || !r.body().contains("\"id\":\"k" + key + "\"")) {
                  failures.add(r.statusCode() + " " + r.body());
                }
              } catch (RuntimeException e) {
                failures.add(e.toString());
              }
              long took = System.nanoTime() - t0;
              worstNanos.accumulateAndGet(took, Math::max);
              if (duringOutage && outage.get()) {
                outageRequests.incrementAndGet();
                worstOutageNanos.accumulateAndGet(took, Math::max);
              }
              thirdDone.countDown();
              twoThirdsDone.countDown();
            }
          } catch (Exception e) {
            failures.add("worker: " + e);
          }
        }, "proxy-load-" + t);
        threads.add(worker);
        worker.start();
      }

      assertThat(thirdDone.await(600, TimeUnit.SECONDS)).isTrue();
      redis.stop();
      outage.set(true);
      long outageStart = System.nanoTime();
      // Polls the server's own view, bounded by the traffic still to come; often, since the
      // outage lasts only as long as a third of the traffic.
      AtomicReference<String> duringOutage = new AtomicReference<>();
      Poll.await("degraded, or the outage's traffic done").atMost(Duration.ofSeconds(600))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> {
            duringOutage.set(readiness(base));
            return "degraded".equals(duringOutage.get()) || twoThirdsDone.getCount() == 0;
          });
      assertThat(twoThirdsDone.await(600, TimeUnit.SECONDS)).isTrue();
      redis.restart();
      outage.set(false);
      long backNanos = System.nanoTime();
      long outageMillis = (backNanos - outageStart) / 1_000_000;
      // Back without restarting the server, while the last third of the traffic runs: Lettuce
      // reconnects and the fallbacks resynchronise.
      Poll.await("ready again after Redis is back")
          .untilAsserted(() -> assertThat(readiness(base)).isEqualTo("ready"));
      long recoveryMillis = (System.nanoTime() - backNanos) / 1_000_000;
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(600));
      }

      assertThat(failures).as("failed proxied requests").isEmpty();
      assertThat(duringOutage.get()).as("readiness while Redis is down").isEqualTo("degraded");
      assertThat(outageRequests.get()).as("requests served while Redis was down").isPositive();

      // Reconnection attempts are at most a reconnect interval (1 s) apart, whatever the outage
      // length; Lettuce's own backoff let 30 s pass (the long variant shows it).
      assertThat(recoveryMillis).as("time to ready after Redis is back (outage %d ms)",
          outageMillis).isLessThan(5_000);
      HttpResponse<String> after = Http.get(base + "/p/predictions/after-outage",
          "X-Match-Id", "match-0", "X-Markets", "1x2");
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(raw.sync().keys("*after-outage*")).as("cached answers reach Redis again")
          .isNotEmpty();
      JsonNode status = JSON.readTree(Http.get(base + "/v1/status").body());
      assertThat(status.get("store").get("healthy").asBoolean()).isTrue();

      long worstMillis = worstNanos.get() / 1_000_000;
      long worstOutageMillis = worstOutageNanos.get() / 1_000_000;
      Measurements.record("RedisOutageThroughServerTest", total + " proxied HTTP requests on "
          + THREADS + " threads through oddscache serve --redis (command timeout 50 ms), "
          + outageRequests.get() + " of them while redis-server was killed (" + outageMillis
          + " ms): 0 failed; ready again " + recoveryMillis + " ms after redis-server was back;"
          + " worst"
          + " latency while Redis was down " + worstOutageMillis + " ms, overall " + worstMillis
          + " ms; upstream calls " + upstream.calls.get());
      // Each Redis call on the path is bounded by the 50 ms timeout; generous for a loaded CI box.
      assertThat(worstOutageMillis).isLessThan(2_000);
    }
  }

  /**
   * The readiness status, or the failure as text. Polled, bounded: Redis coming back and Lettuce
   * reconnecting is an external process, not the logic under test.
   */
  private static String readiness(String base) {
    try {
      HttpResponse<String> r = Http.get(base + "/health/ready");
      return JSON.readTree(r.body()).get("status").asText();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
