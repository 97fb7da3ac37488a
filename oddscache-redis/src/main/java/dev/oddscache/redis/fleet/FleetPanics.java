package dev.oddscache.redis.fleet;

import dev.oddscache.quota.Stakes;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The panicking matches of the whole fleet, so that every instance lists them, not only those it
 * served: each instance {@linkplain #report reports} the matches it decides as panicking (once a
 * second, one HSET) into the hash {@code {prefix}:{fleet}:panics}, field the match, value {@code
 * <stakes>|<seenMillis>|<instanceId>}; {@link #list} reads it (one HGETALL) and removes the
 * entries nobody reported for {@code staleAfter}. Whether a listed match still panics, and
 * since when, is the shared panic clock's to say. Thread-safe.
 */
public final class FleetPanics {
  private final RedisConnector redis;
  private final FleetKeys keys;
  private final long staleAfterMillis;

  public FleetPanics(RedisConnector redis, Duration staleAfter) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new FleetKeys(redis.prefix());
    this.staleAfterMillis = staleAfter.toMillis();
  }

  /**
   * Reports {@code panicking} (match to stakes) as seen by {@code instanceId} at {@code
   * nowMillis}; nothing to do for an empty map.
   *
   * @throws StoreException when Redis does not take it
   */
  public void report(Map<String, Stakes> panicking, String instanceId, long nowMillis) {
    if (panicking.isEmpty()) {
      return;
    }
    Map<String, byte[]> fields = new LinkedHashMap<>(panicking.size() * 2);
    for (Map.Entry<String, Stakes> e : panicking.entrySet()) {
      fields.put(e.getKey(), (e.getValue().name() + "|" + nowMillis + "|" + instanceId)
          .getBytes(StandardCharsets.UTF_8));
    }
    redis.call("fleet-panics-report", c -> c.hset(keys.panics(), fields));
  }

  /**
   * The reported matches not stale at {@code nowMillis}, by match id; stale and unreadable
   * entries are removed from the hash.
   *
   * @throws StoreException when Redis does not answer
   */
  public List<FleetPanic> list(long nowMillis) {
    Map<String, byte[]> all = redis.call("fleet-panics", c -> c.hgetall(keys.panics()));
    List<FleetPanic> panics = new ArrayList<>(all.size());
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : all.entrySet()) {
      FleetPanic p = decode(e.getKey(), e.getValue());
      if (p == null || nowMillis - p.seenMillis() > staleAfterMillis) {
        stale.add(e.getKey());
      } else {
        panics.add(p);
      }
    }
    if (!stale.isEmpty()) {
      try {
        redis.call("fleet-panics-prune", c -> c.hdel(keys.panics(), stale.toArray(String[]::new)));
      } catch (StoreException e) {
        // The next listing prunes them.
      }
    }
    panics.sort(Comparator.comparing(FleetPanic::matchId));
    return panics;
  }

  private static FleetPanic decode(String match, byte[] value) {
    String[] parts = new String(value, StandardCharsets.UTF_8).split("\\|", 3);
    if (parts.length != 3) {
      return null;
    }
    try {
      return new FleetPanic(match, Stakes.valueOf(parts[0]), Long.parseLong(parts[1]), parts[2]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
