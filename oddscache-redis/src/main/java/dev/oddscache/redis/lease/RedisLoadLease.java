package dev.oddscache.redis.lease;

import dev.oddscache.cache.LoadLease;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.internal.LuaScript;
import dev.oddscache.store.StoreException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cluster-wide single-flight on Redis, so that one process of all those sharing it loads a key
 * while the others serve stale or wait for the value: {@code SET {prefix}:lease:{key} <owner> NX
 * PX leaseTime}. Release deletes the lease only if this process still owns it, so a lease that
 * expired and was taken by another process is never released by mistake. Fails open: a Redis
 * error grants the lease. Thread-safe.
 */
public final class RedisLoadLease implements LoadLease {
  /**
   * Deletes the lease if it is still this process's. Sent whole: a few dozen bytes more than its
   * SHA, and never a NOSCRIPT round trip after a restart.
   */
  private static final LuaScript RELEASE = LuaScript.whole("if redis.call('GET', KEYS[1]) =="
      + " ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", ScriptOutputType.INTEGER);

  private final RedisConnector redis;
  private final byte[] owner;
  private final LongAdder granted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failedOpen = new LongAdder();

  public RedisLoadLease(RedisConnector redis) {
    this.redis = redis;
    this.owner = ("oddscache-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean tryAcquire(String key, Duration leaseTime) {
    try {
      String ok = redis.call("lease",
          c -> c.set(leaseKey(key), owner, SetArgs.Builder.nx().px(leaseTime.toMillis())));
      boolean acquired = "OK".equals(ok);
      (acquired ? granted : refused).increment();
      return acquired;
    } catch (StoreException e) {
      failedOpen.increment();
      return true;
    }
  }

  @Override
  public void release(String key) {
    try {
      redis.await("lease-release", RELEASE.submit(redis.async(), new String[] {leaseKey(key)},
          owner));
    } catch (StoreException e) {
      // The lease expires by itself.
    }
  }

  /** Leases this process won. */
  public long granted() {
    return granted.sum();
  }

  /** Leases held by another process when this one asked. */
  public long refused() {
    return refused.sum();
  }

  /** Leases granted only because Redis could not be asked. */
  public long failedOpen() {
    return failedOpen.sum();
  }

  private String leaseKey(String key) {
    return redis.prefix() + ":lease:{" + key + "}";
  }
}
