/**
 * The Redis store: {@link dev.oddscache.redis.store.RedisStore}, a {@link
 * dev.oddscache.store.CacheStore} whose hit is one {@code GET} of a single blob; {@link
 * dev.oddscache.redis.store.NearCachedStore}, an in-process copy in front of it kept coherent
 * across processes by pub/sub; and the {@link dev.oddscache.redis.store.ValueCodec}s that turn
 * values into bytes (raw bytes, UTF-8 strings, JSON through Jackson; never Java serialization).
 * The key layout, blob format, tag members and Lua scripts are package-private.
 */
package dev.oddscache.redis.store;
