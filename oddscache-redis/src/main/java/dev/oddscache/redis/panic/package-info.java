/**
 * The shared panic clock on Redis (SPEC §7): {@link dev.oddscache.redis.panic.RedisPanicClock}
 * implements {@link dev.oddscache.panic.PanicClock} with one key per match, first writer wins, a
 * one-second memory of starts, a throttled dead man's switch and a local fallback that
 * resynchronises by itself. The rest of the package is its parts: the Lua script, the value
 * codec and the per-match state.
 */
package dev.oddscache.redis.panic;
