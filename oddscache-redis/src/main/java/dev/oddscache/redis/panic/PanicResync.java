package dev.oddscache.redis.panic;

import static dev.oddscache.panic.PanicClock.NO_PANIC;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.panic.ClockEvent.Resynced;
import dev.oddscache.redis.panic.PanicScript.Mode;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock's resynchronisation with Redis after an outage, or after a disconnection it did not
 * see: pushes the panics Redis may lack with the earliest-start-wins rule, and deletes those
 * this process ended meanwhile, in one pipelined round trip bounded by one command timeout.
 * Thread-safe; the clock runs one at a time ({@link ClockFallback}).
 */
final class PanicResync {
  /** The clock's logger: this line is the clock's. */
  private static final Logger log = LoggerFactory.getLogger(RedisPanicClock.class);

  private final RedisConnector redis;
  private final PanicKeys keys;
  private final MatchMemory memory;
  private final long expiryMillis;

  PanicResync(RedisConnector redis, PanicKeys keys, MatchMemory memory, long expiryMillis) {
    this.redis = redis;
    this.keys = keys;
    this.memory = memory;
    this.expiryMillis = expiryMillis;
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
    Map<String, MatchPanic> deletes = new LinkedHashMap<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (String matchId : memory.resyncCandidates(nowMillis)) {
      MatchPanic m = memory.get(matchId);
      if (m != null && m.ended()) {
        deletes.put(matchId, m);
        all.add(commands.del(keys.key(matchId)).toCompletableFuture());
        continue;
      }
      long candidate = memory.toPush(matchId, m, nowMillis);
      if (candidate == NO_PANIC) {
        continue;
      }
      CompletableFuture<List<Object>> push = PanicScript.submit(commands, keys.key(matchId),
          candidate, expiryMillis, true, Mode.EARLIEST, m == null ? MatchPanic.NONE
              : m.staleStart());
      pushes.put(matchId, push);
      all.add(push);
    }
    if (all.isEmpty()) {
      all.add(commands.ping().toCompletableFuture());
    }
    redis.await("panic-resync", CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    for (Map.Entry<String, CompletableFuture<List<Object>>> p : pushes.entrySet()) {
      memory.confirm(p.getKey(), PanicScript.parse(p.getValue().join()), nanos, true);
    }
    deletes.forEach(memory::deleted);
    if (!pushes.isEmpty() || !deletes.isEmpty()) {
      log.atDebug().addKeyValue("pushed", pushes.keySet()).addKeyValue("deleted", deletes.keySet())
          .log("panic clock resynchronised with redis");
    }
    return new Resynced(pushes.size(), deletes.size());
  }
}
