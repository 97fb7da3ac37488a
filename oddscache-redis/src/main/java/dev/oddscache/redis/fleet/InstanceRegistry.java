package dev.oddscache.redis.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.store.StoreException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The live instances of the fleet. Each instance {@linkplain #heartbeat heartbeats} its {@link
 * InstanceInfo} once a second into a key of its own that expires after {@code expiry}, and adds
 * its id to an index; {@link #live} reads the index and the keys, so an instance that stopped
 * heartbeating (crashed, partitioned) drops out once its key expires, by Redis's clock. Ids
 * gone from the index for ten expiries are removed from it. Heartbeat: one pipelined round
 * trip of three commands; listing: two round trips. Thread-safe.
 */
public final class InstanceRegistry {
  /** How many instances a listing reads at most: a bound, not a limit any fleet reaches. */
  static final int MAX_LISTED = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisConnector redis;
  private final FleetKeys keys;
  private final Duration expiry;

  public InstanceRegistry(RedisConnector redis, Duration expiry) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new FleetKeys(redis.prefix());
    this.expiry = Objects.requireNonNull(expiry, "expiry");
  }

  /**
   * Publishes {@code info}.
   *
   * @throws StoreException when Redis does not take it
   */
  public void heartbeat(InstanceInfo info) {
    byte[] value;
    try {
      value = JSON.writeValueAsBytes(info);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("instance info not writable as JSON: " + info, e);
    }
    RedisClusterAsyncCommands<String, byte[]> c = redis.async();
    RedisFuture<String> set =
        c.set(keys.instance(info.id()), value, SetArgs.Builder.px(expiry.toMillis()));
    RedisFuture<Long> index = c.zadd(keys.instances(), info.heartbeatMillis(), idBytes(info.id()));
    RedisFuture<Long> prune = c.zremrangebyscore(keys.instances(),
        Range.create(Double.NEGATIVE_INFINITY,
            (double) (info.heartbeatMillis() - 10 * expiry.toMillis())));
    redis.await("fleet-heartbeat", set);
    redis.await("fleet-heartbeat", index);
    redis.await("fleet-heartbeat", prune);
  }

  /** Removes {@code id} at once, for an instance that stops cleanly. */
  public void leave(String id) {
    RedisClusterAsyncCommands<String, byte[]> c = redis.async();
    RedisFuture<Long> key = c.del(keys.instance(id));
    RedisFuture<Long> index = c.zrem(keys.instances(), idBytes(id));
    redis.await("fleet-leave", key);
    redis.await("fleet-leave", index);
  }

  /**
   * The instances whose heartbeat has not expired, by id.
   *
   * @throws StoreException when Redis does not answer
   */
  public List<InstanceInfo> live() {
    List<byte[]> ids = redis.call("fleet-instances",
        c -> c.zrevrange(keys.instances(), 0, MAX_LISTED - 1));
    if (ids.isEmpty()) {
      return List.of();
    }
    String[] instanceKeys = new String[ids.size()];
    for (int i = 0; i < instanceKeys.length; i++) {
      instanceKeys[i] = keys.instance(new String(ids.get(i), StandardCharsets.UTF_8));
    }
    List<KeyValue<String, byte[]>> values =
        redis.call("fleet-instances", c -> c.mget(instanceKeys));
    List<InstanceInfo> live = new ArrayList<>(values.size());
    for (KeyValue<String, byte[]> kv : values) {
      if (kv.hasValue()) {
        try {
          live.add(JSON.readValue(kv.getValue(), InstanceInfo.class));
        } catch (IOException e) {
          // A heartbeat written by another version: that instance is not listed.
        }
      }
    }
    live.sort(Comparator.comparing(InstanceInfo::id));
    return live;
  }

  private static byte[] idBytes(String id) {
    return id.getBytes(StandardCharsets.UTF_8);
  }
}
