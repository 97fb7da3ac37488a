package dev.oddscache.bench;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.feed.FeedConfig;
import dev.oddscache.redis.feed.FeedEvent;
import dev.oddscache.redis.feed.FeedStats;
import dev.oddscache.redis.feed.RedisFeed;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.VixDetector;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The fleet's tick feed, measured (a main, not a JMH benchmark: it measures a pipeline across
 * threads and a Redis). Two feeds on one real redis-server, each on its own connector as two
 * instances would be: A takes ticks in posts of {@code batch} (waiting, as the server does, for
 * its own ticks to come back from the stream and apply), B only reads.
 *
 * <p>A ladder of paced rates ({@code rates}, ticks/s, each for {@code seconds}; posts of 10 up
 * to 2,000/s, of {@code batch} above, from {@code threads} posters): per rate, the rate
 * achieved, the ticks A had to apply alone (an XADD over the 50 ms command timeout: the feed
 * then applies locally and appends later), post-to-applied latency on B (from the post's start
 * to B's detector having the tick, p50/p99/max) and Redis commands per tick from {@code INFO
 * commandstats}. The ladder stops at the first rate A no longer sustains through the stream.
 * A closed loop (posting as fast as answers come) would measure only how soon a timeout tips
 * the feed into local mode, where it runs at local speed.
 *
 * <pre>
 * java -cp oddscache-bench/target/benchmarks.jar dev.oddscache.bench.FeedBench \
 *     [seconds=10] [threads=2] [batch=100] [rates=2000,5000,10000,20000,40000,80000]
 * </pre>
 */
public final class FeedBench {
  private static final int MATCHES = 50;
  private static final String[] MARKETS = {"1x2", "over_under_25", "btts"};
  private static final String[] SELECTIONS = {"home", "draw", "away"};
  private static final long EPOCH = 1_700_000_000_000L;

  private FeedBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new TreeMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
    int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "100"));
    int[] rates = Arrays.stream(opts.getOrDefault("rates", "2000,5000,10000,20000,40000,80000")
        .split(",")).mapToInt(Integer::parseInt).toArray();
    try (RedisServer redis = RedisServer.start();
        RedisConnector ca = RedisConnector.open(settings(redis.uri()));
        RedisConnector cb = RedisConnector.open(settings(redis.uri()));
        RedisClient admin = RedisClient.create(redis.uri());
        StatefulRedisConnection<String, String> adminConnection = admin.connect()) {
      RedisCommands<String, String> raw = adminConnection.sync();
      VixDetector vixA = VixDetector.ofDefaults();
      VixDetector vixB = VixDetector.ofDefaults();
      RedisFeed a = RedisFeed.start(ca, FeedConfig.ofDefaults(), "bench-a", vixA);
      RedisFeed b = RedisFeed.start(cb, FeedConfig.ofDefaults(), "bench-b", vixB);
      a.awaitReplay(Duration.ofSeconds(10));
      b.awaitReplay(Duration.ofSeconds(10));
      Latencies latencies = new Latencies();
      b.onApplied(latencies::applied);
      System.out.println("redis-server: " + redis.describe() + "; cores: "
          + Runtime.getRuntime().availableProcessors());

      Clock clock = new Clock();
      // Warm-up paced, so that a cold JIT does not push the first posts past the timeout.
      run(a, clock, 1, 10, Duration.ofSeconds(3), null, 2000);
      awaitApplied(vixB, vixA.acceptedTicks() + vixA.outOfOrderTicks());
      System.out.println("warm-up done: " + a.stats());
      for (int rate : rates) {
        int postSize = rate <= 2000 ? 10 : batch;
        raw.configResetstat();
        latencies.reset();
        long localBefore = a.stats().appliedLocally();
        long start = System.nanoTime();
        long ticks = run(a, clock, rate <= 2000 ? 1 : threads, postSize,
            Duration.ofSeconds(seconds), latencies, rate);
        double took = (System.nanoTime() - start) / 1e9;
        awaitApplied(vixB, vixA.acceptedTicks() + vixA.outOfOrderTicks());
        Map<String, Long> calls = commandCalls(raw.info("commandstats"));
        long local = a.stats().appliedLocally() - localBefore;
        System.out.printf(Locale.ROOT, "target %,d ticks/s (posts of %d): achieved %,.0f ticks/s;"
            + " on A alone (append failed or timed out): %,d; post-to-applied on B: %s%n",
            rate, postSize, ticks / took, local, latencies.summary());
        printCommands(calls, ticks);
        if (local > 0) {
          System.out.println("  beyond what A sustains through the stream: stopping the ladder");
          break;
        }
      }
      print("A", a.stats());
      print("B", b.stats());
      a.close();
      b.close();
    }
  }

  private static RedisSettings settings(String uri) {
    // The product's defaults, 50 ms command timeout included.
    return RedisSettings.custom().uri(uri).build();
  }

  /** Posts for {@code duration}; with a rate, paced, each post's start recorded per tick. */
  private static long run(RedisFeed feed, Clock clock, int threads, int batch,
      Duration duration, Latencies latencies, int rate) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    AtomicLong posted = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    long periodNanos = rate == 0 ? 0 : 1_000_000_000L * batch * threads / rate;
    for (int t = 0; t < threads; t++) {
      Thread poster = new Thread(() -> {
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
          if (periodNanos > 0) {
            next += periodNanos;
            LockSupport.parkNanos(next - System.nanoTime());
          }
          List<FeedEvent> events = new ArrayList<>(batch);
          long postStart = System.nanoTime();
          for (int i = 0; i < batch; i++) {
            long id = clock.next();
            if (latencies != null) {
              latencies.posted(id, postStart);
            }
            events.add(new FeedEvent.Tick(tick(id)));
          }
          feed.publish(events);
          posted.addAndGet(batch);
        }
        done.countDown();
      }, "feed-bench-poster-" + t);
      poster.start();
    }
    done.await();
    return posted.get();
  }

  /** Tick {@code id}: its timestamp carries the id, odds wander around 2.0. */
  private static OddsTick tick(long id) {
    int n = (int) (id % (MATCHES * MARKETS.length * SELECTIONS.length));
    String match = "m" + n / (MARKETS.length * SELECTIONS.length);
    String market = MARKETS[n / SELECTIONS.length % MARKETS.length];
    double odds = 2.0 + 0.01 * ((id * 7919) % 13);
    return new OddsTick(match, market, SELECTIONS[n % SELECTIONS.length], odds, EPOCH + id);
  }

  private static void awaitApplied(VixDetector vix, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (vix.acceptedTicks() + vix.outOfOrderTicks() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static Map<String, Long> commandCalls(String info) {
    Map<String, Long> calls = new TreeMap<>();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring(8, line.indexOf(':'));
        int c = line.indexOf("calls=") + 6;
        calls.put(name, Long.parseLong(line.substring(c, line.indexOf(',', c))));
      }
    }
    calls.remove("config");
    calls.remove("info");
    return calls;
  }

  private static void printCommands(Map<String, Long> calls, long ticks) {
    long total = calls.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder each = new StringBuilder();
    calls.forEach((name, n) -> each.append(String.format(Locale.ROOT, " %s=%.4f", name,
        (double) n / ticks)));
    System.out.printf(Locale.ROOT, "  redis commands per tick: %.4f (two instances;%s)%n",
        (double) total / ticks, each);
  }

  private static void print(String name, FeedStats s) {
    System.out.println("  feed " + name + ": " + s);
  }

  /** Tick ids, unique and increasing across posters. */
  private static final class Clock {
    private final AtomicLong next = new AtomicLong();

    long next() {
      return next.incrementAndGet();
    }
  }

  /** Post start per tick id, and post-to-applied on B once applied. */
  private static final class Latencies {
    private static final int MAX = 4_000_000;
    private final long[] postedAt = new long[MAX];
    private final long[] took = new long[MAX];
    private int count;
    private volatile long base = -1;

    void reset() {
      count = 0;
      base = -1;
    }

    void posted(long id, long nanos) {
      if (base < 0) {
        base = id;
      }
      long i = id - base;
      if (i >= 0 && i < MAX) {
        postedAt[(int) i] = nanos;
      }
    }

    void applied(FeedEvent event) {
      long now = System.nanoTime();
      if (base < 0 || !(event instanceof FeedEvent.Tick t)) {
        return;
      }
      long i = t.tick().timestampMillis() - EPOCH - base;
      if (i >= 0 && i < MAX && postedAt[(int) i] != 0 && count < MAX) {
        took[count++] = now - postedAt[(int) i];
      }
    }

    String summary() {
      long[] sorted = Arrays.copyOf(took, count);
      Arrays.sort(sorted);
      if (sorted.length == 0) {
        return "no samples";
      }
      return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d samples)",
          sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
          sorted[sorted.length - 1] / 1e6, sorted.length);
    }
  }
}
