package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.ManualTicker;
import dev.oddscache.redis.panic.ClockFallback.Access;
import dev.oddscache.store.StoreException;
import dev.oddscache.testing.LogCapture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The panic clock's moves between online, fallback and resynchronising, on a manual ticker and
 * without Redis: when a call in fallback may try again, that one call at a time resynchronises,
 * and what a failure or a signal during the resynchronisation leaves behind.
 */
class ClockFallbackTest {
  private static final Duration RETRY = RedisPanicClock.RETRY_INTERVAL;
  private static final StoreException DOWN = new StoreException("redis down");

  private final ManualTicker ticker = new ManualTicker();
  private final ClockFallback fallback = new ClockFallback(ticker, RETRY);

  @RegisterExtension
  final LogCapture logs = LogCapture.of(RedisPanicClock.class);

  @Test
  void online_callsUseRedis() {
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.REDIS);
    assertThat(fallback.tryRedis(false)).isEqualTo(Access.REDIS);
    assertThat(fallback.inFallback()).isFalse();
  }

  @Test
  void aFailure_fallsBack_oncePerOutage_loggedOnEntryAndOnReturnOnly() {
    fallback.failed(DOWN, false, true);
    fallback.failed(DOWN, false, true);
    ticker.advance(RETRY);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    fallback.failed(DOWN, true, true);

    assertThat(fallback.inFallback()).isTrue();
    assertThat(fallback.fallbacks()).isEqualTo(1);
    ticker.advance(RETRY);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    assertThat(fallback.resynced(2, 1)).isTrue();
    assertThat(fallback.inFallback()).isFalse();

    // Both ends of the outage at WARN, the server's default level.
    assertThat(lines(Level.WARN)).containsExactly(
        "panic clock falling back to this process's knowledge {error=" + DOWN + ", fallbacks=1}",
        "panic clock back on redis, resynchronised {pushed=2, deleted=1, fallbacks=1}");
    assertThat(lines(Level.DEBUG)).hasSize(2).allMatch(l -> l.startsWith("panic clock still"));
  }

  @Test
  void inFallback_theNextTryComesOneRetryIntervalAfterTheLastFailure() {
    fallback.failed(DOWN, false, true);
    ticker.advance(RETRY.minusNanos(1));
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.MEMORY);

    ticker.advance(Duration.ofNanos(1));
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    // The try failed: the interval starts again from this failure.
    fallback.failed(DOWN, true, true);
    ticker.advance(RETRY.minusNanos(1));
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.MEMORY);
    ticker.advance(Duration.ofNanos(1));
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
  }

  @Test
  void inFallback_aHealthySignal_allowsATryAtOnce_butOnlyIfItCameAfterTheLastFailure() {
    fallback.failed(DOWN, false, true);
    fallback.redisHealthy();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    fallback.failed(DOWN, true, true);

    assertThat(fallback.tryRedis(true)).isEqualTo(Access.MEMORY);
    fallback.redisHealthy();
    fallback.failed(DOWN, false, true);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.MEMORY);
  }

  @Test
  void inFallback_aReconnection_allowsATryAtOnce_afterACallSawTheConnectionDown() {
    fallback.failed(DOWN, false, true);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.MEMORY);

    fallback.disconnectionSeen();
    assertThat(fallback.tryRedis(false)).isEqualTo(Access.MEMORY);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
  }

  @Test
  void aFailureWhileDisconnected_countsAsHavingSeenTheConnectionDown() {
    fallback.failed(DOWN, false, false);

    assertThat(fallback.tryRedis(false)).isEqualTo(Access.MEMORY);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
  }

  @Test
  void oneCallAtATimeResynchronises_theOthersAnswerAsTheStateSays() {
    fallback.failed(DOWN, false, true);
    ticker.advance(RETRY);

    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.MEMORY);
    assertThat(fallback.inFallback()).isTrue();
    assertThat(fallback.resynced(0, 0)).isTrue();

    fallback.resyncDue();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.REDIS);
    assertThat(fallback.inFallback()).isFalse();
    assertThat(fallback.resynced(0, 0)).isTrue();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.REDIS);
  }

  @Test
  void online_aReportedDisconnection_makesTheNextCallResynchroniseFirst() {
    fallback.disconnectionSeen();

    assertThat(fallback.inFallback()).isFalse();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    assertThat(fallback.resynced(0, 0)).isTrue();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.REDIS);
    assertThat(fallback.fallbacks()).isZero();
  }

  @Test
  void aSignalDuringTheResynchronisation_isKeptForAnother() {
    fallback.resyncDue();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    fallback.resyncDue();

    assertThat(fallback.resynced(0, 0)).isTrue();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
  }

  @Test
  void anotherCallFailingDuringTheResynchronisation_keepsTheClockInFallbackAfterIt() {
    fallback.resyncDue();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);

    fallback.failed(DOWN, false, true);
    assertThat(fallback.inFallback()).isTrue();
    fallback.redisHealthy();
    // Still one resynchronisation at a time, whatever the signals.
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.MEMORY);
    assertThat(fallback.resynced(3, 0)).isFalse();

    assertThat(fallback.inFallback()).isTrue();
    assertThat(fallback.fallbacks()).isEqualTo(1);
    // The healthy signal came after the failure: it allows the next try at once.
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);
    assertThat(lines(Level.WARN)).noneMatch(l -> l.contains("back on redis"));
  }

  @Test
  void theResynchronisationFailing_fallsBack() {
    fallback.resyncDue();
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.RESYNC);

    fallback.failed(DOWN, true, true);

    assertThat(fallback.inFallback()).isTrue();
    assertThat(fallback.fallbacks()).isEqualTo(1);
    assertThat(fallback.tryRedis(true)).isEqualTo(Access.MEMORY);
  }

  private List<String> lines(Level level) {
    return logs.events().stream().filter(e -> e.getLevel() == level)
        .map(e -> e.getFormattedMessage() + " " + keyValues(e)).toList();
  }

  private static String keyValues(ILoggingEvent e) {
    Map<String, Object> kv = new LinkedHashMap<>();
    if (e.getKeyValuePairs() != null) {
      e.getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
    }
    return kv.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
