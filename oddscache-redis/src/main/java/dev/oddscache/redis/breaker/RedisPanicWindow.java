package dev.oddscache.redis.breaker;

import dev.oddscache.Ticker;
import dev.oddscache.breaker.LocalPanicWindow;
import dev.oddscache.breaker.PanicWindow;
import dev.oddscache.breaker.WindowCounts;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.breaker.WindowState.Flush;
import dev.oddscache.redis.internal.FallbackStateMachine;
import dev.oddscache.redis.internal.LuaScript;
import dev.oddscache.redis.internal.Transition;
import dev.oddscache.store.StoreException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A breaker window shared by every process on one Redis, so every process sees the same panic
 * ratio and mode within a second or two, and no request makes a Redis call for the breaker.
 *
 * <p>{@link #record} touches no network: it counts into this process's pending second (and into
 * a {@link LocalPanicWindow}). {@link #counts}, which the breaker calls at most once a second,
 * makes one round trip: a Lua script adds this process's completed seconds to the shared hash and
 * returns the sums. If Redis fails, the pending counts are kept for the next flush (nothing is
 * lost while they are still inside the window) and the local window answers; the fallback
 * ({@code WindowState}) is logged on change, at WARN both ways. Thread-safe.
 */
public final class RedisPanicWindow implements PanicWindow {
  private static final Logger log = LoggerFactory.getLogger(RedisPanicWindow.class);
  private static final LuaScript SCRIPT = LuaScript.bySha(
      LuaScript.resource(RedisPanicWindow.class, "window.lua"), ScriptOutputType.MULTI);

  private final RedisConnector redis;
  private final String key;
  private final long windowSeconds;
  private final LocalPanicWindow local;
  private final ConcurrentSkipListMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
  private final FallbackStateMachine<WindowState, Flush> state;
  private final LongAdder roundTrips = new LongAdder();

  /**
   * @param name distinguishes independent breakers sharing one Redis (e.g. per service)
   */
  public RedisPanicWindow(RedisConnector redis, Duration window, String name) {
    this.redis = redis;
    this.local = new LocalPanicWindow(window);
    this.windowSeconds = local.windowSeconds();
    this.key = redis.prefix() + ":breaker:{" + name + "}";
    redis.preload(SCRIPT);
    // A flush's outcome alone decides the state: which ticker the machine reads does not matter.
    this.state = new FallbackStateMachine<>(log, "shared breaker window", WindowState.ONLINE,
        WindowState::after, Ticker.system());
    state.onTransition(this::logChange);
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
      List<Object> result = redis.await("breaker-window",
          SCRIPT.submit(redis.async(), new String[] {key}, argv));
      roundTrips.increment();
      long first = (Long) result.get(2);
      long from = nowEpochSecond - windowSeconds;
      long observed = first < 0 ? 0
          : Math.max(0, Math.min(windowSeconds, nowEpochSecond - Math.max(first, from)));
      long panic = (Long) result.get(0);
      long total = Math.max(panic, (Long) result.get(1));
      state.fire(Flush.SUCCEEDED);
      return new WindowCounts(panic, total, observed);
    } catch (StoreException | ClassCastException | IndexOutOfBoundsException e) {
      requeue(flushed, nowEpochSecond);
      state.fire(new Flush(e));
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
    return state.state() == WindowState.FALLBACK;
  }

  /** Round trips made so far (one per successful {@link #counts}). */
  public long roundTrips() {
    return roundTrips.sum();
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

  private void logChange(Transition<WindowState, Flush> change) {
    if (change.to() == WindowState.FALLBACK) {
      log.atWarn().addKeyValue("key", key).addKeyValue("error", change.event().error().toString())
          .log("shared breaker window unavailable, using this process's window");
    } else {
      // WARN, like the line it closes, so that the default level shows both.
      log.atWarn().addKeyValue("key", key).log("shared breaker window back");
    }
  }

  private static byte[] bytes(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  private static final class Pending {
    final LongAdder panic = new LongAdder();
    final LongAdder total = new LongAdder();
  }
}
