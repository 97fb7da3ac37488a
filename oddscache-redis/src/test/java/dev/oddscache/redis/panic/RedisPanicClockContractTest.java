package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.panic.PanicClockContractTest;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.RedisServerProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link PanicClockContractTest} contract on a real Redis. The ticker is a {@link
 * ManualTicker} that never moves, so after a match's first round trip the clock answers from its
 * one-second memory, as it does under load; {@link RedisPanicClockUncachedContractTest} runs the
 * same tests with every call going to Redis.
 *
 * <p>Redis expires keys on its own clock, which a test cannot move a day ahead: the tests that
 * need it are skipped here and the real expiry (PTTL) is covered by {@link PanicExpiryTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPanicClockContractTest extends PanicClockContractTest {
  private RedisServerProcess server;
  private RedisConnector redis;

  @BeforeAll
  void startRedis() {
    server = RedisServerProcess.start();
    redis = TestRedis.patient(server.uri());
  }

  @AfterAll
  void stopRedis() {
    try {
      redis.close();
    } finally {
      server.stop();
    }
  }

  @BeforeEach
  void emptyRedis() {
    redis.call("flushall", c -> c.flushall());
  }

  /** The ticker of each new clock. */
  protected Ticker newTicker() {
    return new ManualTicker();
  }

  @Override
  protected PanicClock newClock(PanicClockConfig config) {
    return new RedisPanicClock(redis, config, newTicker());
  }

  @Override
  protected boolean supportsVirtualExpiry() {
    return false;
  }

  @Test
  void activePanics_listsExactlyTheLiveOnes_withoutExpiry() {
    PanicClock clock = newClock();
    clock.observe("calmed", Status.PANIC, t0() + HOUR);
    clock.observe("refreshed", Status.PANIC, t0() + 3 * HOUR);
    clock.observe("calmed", Status.NORMAL, t0() + 4 * HOUR);
    clock.observe("live", Status.PANIC, t0() + 5 * HOUR);
    clock.observe("refreshed", Status.PANIC, t0() + 20 * HOUR);
    clock.observe("never", Status.NORMAL, t0() + 20 * HOUR);

    Map<String, Long> active = clock.activePanics(t0() + 20 * HOUR + 30 * MINUTE);

    assertThat(active).containsOnly(
        Map.entry("live", t0() + 5 * HOUR), Map.entry("refreshed", t0() + 3 * HOUR));
    assertThatThrownBy(() -> active.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void calm_deletesTheKey_andCalmForAnUnknownMatchSendsNothing() {
    RedisPanicClock clock = (RedisPanicClock) newClock();
    clock.observe("m1", Status.PANIC, t0());
    assertThat(exists(clock.key("m1"))).isTrue();

    clock.observe("m1", Status.NORMAL, t0() + MINUTE);

    assertThat(exists(clock.key("m1"))).isFalse();
  }

  private boolean exists(String key) {
    Long count = redis.call("exists", c -> c.exists(key));
    return count == 1;
  }
}
