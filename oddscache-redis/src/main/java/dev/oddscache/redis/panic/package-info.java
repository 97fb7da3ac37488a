/**
 * The shared panic clock on Redis: {@link dev.oddscache.redis.panic.RedisPanicClock} implements
 * {@link dev.oddscache.panic.PanicClock} with one key per match, first writer wins, a one-second
 * memory of starts, a throttled dead man's switch, starts restored when Redis loses them (an end
 * mark tells a lost key from an ended panic) and a local fallback that resynchronises by itself.
 * The rest of the package is its parts, package-private: the Lua script and the value codec, the
 * per-match knowledge ({@code MatchMemory}), the fallback's states and rule ({@code
 * ClockFallback}), the resynchronisation ({@code PanicResync}) and the count and log of lost
 * starts ({@code LostStarts}).
 */
package dev.oddscache.redis.panic;
