package dev.oddscache.redis.panic;

import dev.oddscache.Ticker;

/**
 * The contract with a ticker that leaps a minute at every reading: no start is ever served from
 * memory and every PANIC refreshes the expiry, so each call exercises the Lua script, GET or DEL.
 */
class RedisPanicClockUncachedContractTest extends RedisPanicClockContractTest {

  @Override
  protected Ticker newTicker() {
    return new LeapingTicker();
  }
}
