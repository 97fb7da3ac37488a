package dev.oddscache.redis.panic;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.panic.ClockEvent.Resynced;
import dev.oddscache.redis.panic.PanicScript.Outcome;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock's resynchronisation with Redis after an outage, or after a disconnection it did not
 * see: restores every panic this process saw and has not seen end (Redis may have restarted
 * empty, or failed over to a replica that lagged), with the earliest-start-wins rule of {@code
 * panic.lua}, and deletes those this process ended meanwhile, in one pipelined round trip
 * bounded by one command timeout. Thread-safe; the clock runs one at a time ({@link
 * ClockFallback}).
 */
final class PanicResync {
  /** The clock's logger: this line is the clock's. */
  private static final Logger log = LoggerFactory.getLogger(RedisPanicClock.class);

  /** The commands that end a panic in Redis: {@code RedisPanicClock#endCommands}. */
  @FunctionalInterface
  interface EndCommands {
    CompletableFuture<?>[] send(RedisClusterAsyncCommands<String, byte[]> commands,
        String matchId, MatchPanic ended);
  }

  private final RedisConnector redis;
  private final PanicKeys keys;
  private final MatchMemory memory;
  private final long expiryMillis;
  private final LostStarts lost;
  private final EndCommands end;

  PanicResync(RedisConnector redis, PanicKeys keys, MatchMemory memory, long expiryMillis,
      LostStarts lost, EndCommands end) {
    this.redis = redis;
    this.keys = keys;
    this.memory = memory;
    this.expiryMillis = expiryMillis;
    this.lost = lost;
    this.end = end;
  }

  /**
   * Sends the pushes and deletes, or a PING if there is nothing to send, to prove Redis answers.
   *
   * @throws dev.oddscache.store.StoreException or another RuntimeException if Redis did not
   *     answer them all
   */
  Resynced run(long nowMillis, long nanos) {
    RedisClusterAsyncCommands<String, byte[]> commands = redis.async();
    Map<String, CompletableFuture<List<Object>>> pushes = new LinkedHashMap<>();
    Map<String, Boolean> confirmedBefore = new LinkedHashMap<>();
    Map<String, MatchPanic> deletes = new LinkedHashMap<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (String matchId : memory.resyncCandidates(nowMillis)) {
      MatchPanic m = memory.get(matchId);
      if (m != null && m.ended()) {
        deletes.put(matchId, m);
        all.addAll(Arrays.asList(end.send(commands, matchId, m)));
        continue;
      }
      long held = memory.toPush(matchId, m, nowMillis, nanos);
      if (held == MatchPanic.NONE) {
        continue;
      }
      CompletableFuture<List<Object>> push = PanicScript.submit(commands, keys.key(matchId),
          keys.endKey(matchId), MatchPanic.NONE, expiryMillis, true, held,
          m == null ? MatchPanic.NONE : m.staleStart());
      pushes.put(matchId, push);
      confirmedBefore.put(matchId, m != null && m.start() != MatchPanic.UNKNOWN);
      all.add(push);
    }
    if (all.isEmpty()) {
      all.add(commands.ping().toCompletableFuture());
    }
    redis.await("panic-resync", CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    for (Map.Entry<String, CompletableFuture<List<Object>>> p : pushes.entrySet()) {
      PanicScript.Result result = PanicScript.parse(p.getValue().join());
      memory.confirm(p.getKey(), result, nanos, true);
      // A panic first seen during the outage was never in Redis: storing it is no loss.
      if (result.outcome() == Outcome.RESTORED && confirmedBefore.get(p.getKey())) {
        lost.restored(p.getKey(), result.start(), nanos);
      }
    }
    deletes.forEach(memory::deleted);
    if (!pushes.isEmpty() || !deletes.isEmpty()) {
      log.atDebug().addKeyValue("pushed", pushes.keySet()).addKeyValue("deleted", deletes.keySet())
          .log("panic clock resynchronised with redis");
    }
    return new Resynced(pushes.size(), deletes.size());
  }
}
