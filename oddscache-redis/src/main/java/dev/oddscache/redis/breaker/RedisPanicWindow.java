package dev.oddscache.redis.breaker;

import dev.oddscache.breaker.LocalPanicWindow;
import dev.oddscache.breaker.PanicWindow;
import dev.oddscache.breaker.WindowCounts;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.store.StoreException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A breaker window shared by every process on one Redis (SPEC §5, §12), so every process sees the
 * same panic ratio and mode within a second or two.
 *
 * <p>{@link #record} touches no network: it counts into this process's pending second (and into
 * a {@link LocalPanicWindow}). {@link #counts}, which the breaker calls at most once a second,
 * makes one round trip: a Lua script adds this process's completed seconds to the shared hash and
 * returns the sums. If Redis fails, the pending counts are kept for the next flush (nothing is
 * lost while they are still inside the window) and the local window answers; the fallback is
 * logged on change. Thread-safe.
 */
public final class RedisPanicWindow implements PanicWindow {
  private static final Logger log = LoggerFactory.getLogger(RedisPanicWindow.class);
  private static final String SCRIPT = loadScript();
  private static final String SHA = sha1(SCRIPT);

  private final RedisConnector redis;
  private final String key;
  private final long windowSeconds;
  private final LocalPanicWindow local;
  private final ConcurrentSkipListMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
  private final AtomicBoolean fallback = new AtomicBoolean();
  private final LongAdder roundTrips = new LongAdder();

  /**
   * @param name distinguishes independent breakers sharing one Redis (e.g. per service)
   */
  public RedisPanicWindow(RedisConnector redis, Duration window, String name) {
    this.redis = redis;
    this.local = new LocalPanicWindow(window);
    this.windowSeconds = local.windowSeconds();
    this.key = redis.prefix() + ":breaker:{" + name + "}";
  }

  @Override
  public long windowSeconds() {
    return windowSeconds;
  }

  @Override
  public void record(boolean panic, long epochSecond) {
    local.record(panic, epochSecond);
    Pending p = pending.computeIfAbsent(epochSecond, s -> new Pending());
    p.total.increment();
    if (panic) {
      p.panic.increment();
    }
  }

  @Override
  public WindowCounts counts(long nowEpochSecond) {
    List<long[]> flushed = drainBefore(nowEpochSecond);
    List<byte[]> args = new ArrayList<>(3 + flushed.size() * 3);
    args.add(bytes(nowEpochSecond));
    args.add(bytes(windowSeconds));
    args.add(bytes((windowSeconds + 60) * 1000));
    for (long[] second : flushed) {
      args.add(bytes(second[0]));
      args.add(bytes(second[1]));
      args.add(bytes(second[2]));
    }
    byte[][] argv = args.toArray(byte[][]::new);
    try {
      List<Object> result = run(argv);
      roundTrips.increment();
      long first = (Long) result.get(2);
      long from = nowEpochSecond - windowSeconds;
      long observed = first < 0 ? 0
          : Math.max(0, Math.min(windowSeconds, nowEpochSecond - Math.max(first, from)));
      long panic = (Long) result.get(0);
      long total = Math.max(panic, (Long) result.get(1));
      leaveFallback();
      return new WindowCounts(panic, total, observed);
    } catch (StoreException | ClassCastException | IndexOutOfBoundsException e) {
      requeue(flushed, nowEpochSecond);
      enterFallback(e);
      return local.counts(nowEpochSecond);
    }
  }

  @Override
  public void reset() {
    local.reset();
    pending.clear();
    try {
      redis.call("breaker-reset", c -> c.del(key));
    } catch (StoreException e) {
      log.debug("shared breaker window not cleared: {}", e.toString());
    }
  }

  /** Whether the last {@link #counts} answered from the process-local window. */
  public boolean inFallback() {
    return fallback.get();
  }

  /** Round trips made so far (one per successful {@link #counts}). */
  public long roundTrips() {
    return roundTrips.sum();
  }

  private List<Object> run(byte[][] argv) {
    try {
      return redis.call("breaker-window",
          c -> c.<List<Object>>evalsha(SHA, ScriptOutputType.MULTI, new String[] {key}, argv));
    } catch (StoreException e) {
      if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
        throw e;
      }
      // First use on this node, or Redis restarted: EVAL loads the script as it runs it.
      return redis.call("breaker-window",
          c -> c.<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, new String[] {key}, argv));
    }
  }

  private List<long[]> drainBefore(long nowEpochSecond) {
    List<long[]> seconds = new ArrayList<>();
    for (Map.Entry<Long, Pending> e : pending.headMap(nowEpochSecond).entrySet()) {
      if (pending.remove(e.getKey(), e.getValue())) {
        Pending p = e.getValue();
        // Only completed seconds are drained. A thread that read the clock before its second
        // ended and records after this drain loses that one sample from the shared window; it
        // still counts in the local one.
        seconds.add(new long[] {e.getKey(), p.panic.sum(), p.total.sum()});
      }
    }
    return seconds;
  }

  private void requeue(List<long[]> seconds, long nowEpochSecond) {
    for (long[] s : seconds) {
      if (s[0] >= nowEpochSecond - windowSeconds) {
        Pending p = pending.computeIfAbsent(s[0], k -> new Pending());
        p.panic.add(s[1]);
        p.total.add(s[2]);
      }
    }
  }

  private void enterFallback(Exception e) {
    if (fallback.compareAndSet(false, true)) {
      log.atWarn().addKeyValue("key", key).addKeyValue("error", e.toString())
          .log("shared breaker window unavailable, using this process's window");
    }
  }

  private void leaveFallback() {
    if (fallback.compareAndSet(true, false)) {
      log.atInfo().addKeyValue("key", key).log("shared breaker window back");
    }
  }

  private static byte[] bytes(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  private static String loadScript() {
    try (InputStream in = RedisPanicWindow.class.getResourceAsStream("window.lua")) {
      if (in == null) {
        throw new IllegalStateException("window.lua missing from the oddscache-redis jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Pending {
    final LongAdder panic = new LongAdder();
    final LongAdder total = new LongAdder();
  }
}
