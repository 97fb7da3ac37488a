package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.ManualTicker;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection's health from command outcomes, without Redis. */
class RedisHealthTrackerTest {
  private static final StoreException ERROR = new StoreException("timeout");

  private final ManualTicker ticker = new ManualTicker();
  private final RedisHealthTracker health = new RedisHealthTracker("redis://cache:6379", ticker);

  @RegisterExtension
  final LogCapture logs = LogCapture.of(RedisHealthTracker.class);

  @Test
  void failuresWhileConnected_degrade_thenFallBackAtTheThirdInARow_aSuccessHeals() {
    List<StoreHealth> heard = new ArrayList<>();
    health.addListener(heard::add);

    health.failed("get", ERROR, true);
    health.failed("get", ERROR, true);
    assertThat(health.state()).isEqualTo(StoreHealth.DEGRADED);
    health.failed("get", ERROR, true);
    assertThat(health.state()).isEqualTo(StoreHealth.FALLBACK);
    health.succeeded("get");
    health.failed("get", ERROR, true);

    assertThat(heard).containsExactly(StoreHealth.DEGRADED, StoreHealth.FALLBACK,
        StoreHealth.HEALTHY, StoreHealth.DEGRADED);
    assertThat(health.fallbacks()).isEqualTo(1);
    assertThat(health.failures()).isEqualTo(4);
  }

  @Test
  void aFailureWhileDisconnected_orADisconnection_fallsBackAtOnce_andFailuresNeverImproveIt() {
    health.failed("connect", ERROR, false);
    assertThat(health.state()).isEqualTo(StoreHealth.FALLBACK);
    health.succeeded("connect");
    health.disconnected();
    assertThat(health.state()).isEqualTo(StoreHealth.FALLBACK);
    health.failed("get", ERROR, true);

    assertThat(health.state()).isEqualTo(StoreHealth.FALLBACK);
    assertThat(health.fallbacks()).isEqualTo(2);
  }

  @Test
  void logsOnChangeOnly_withTheOperationAndTheError_recoveryAtWarnWithTheCount() {
    health.succeeded("get");
    health.failed("get", ERROR, true);
    health.failed("get", ERROR, true);
    ticker.advanceSeconds(2);
    health.succeeded("get");
    health.succeeded("get");

    List<ILoggingEvent> events = logs.events();
    assertThat(events).extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.WARN, Level.WARN);
    assertThat(events.get(0).getFormattedMessage())
        .isEqualTo("redis unhealthy, using fallbacks");
    assertThat(events.get(0).getKeyValuePairs()).extracting(kv -> kv.key + "=" + kv.value)
        .containsExactly("endpoint=redis://cache:6379", "from=HEALTHY", "to=DEGRADED",
            "operation=get", "error=" + ERROR, "stillFailing=[get]");
    assertThat(events.get(1).getFormattedMessage()).isEqualTo("redis healthy again");
    assertThat(events.get(1).getKeyValuePairs()).extracting(kv -> kv.key + "=" + kv.value)
        .containsExactly("endpoint=redis://cache:6379", "from=DEGRADED", "to=HEALTHY",
            "failedCommands=2", "unhealthyFor=PT2S");
  }

  @Test
  void writesFailingBetweenSuccessfulReads_stayDegraded_oneWarn_untilAWriteSucceeds() {
    List<StoreHealth> heard = new ArrayList<>();
    health.addListener(heard::add);

    // Redis full under noeviction: every put is refused, every get answered.
    for (int i = 0; i < 100; i++) {
      health.failed("put", ERROR, true);
      health.succeeded("get");
      health.succeeded("panic-start");
      ticker.advanceMillis(100);
    }
    assertThat(health.state()).isEqualTo(StoreHealth.DEGRADED);
    health.succeeded("put");

    assertThat(health.state()).isEqualTo(StoreHealth.HEALTHY);
    assertThat(heard).containsExactly(StoreHealth.DEGRADED, StoreHealth.HEALTHY);
    assertThat(logs.events()).hasSize(2);
    assertThat(logs.events().get(1).getKeyValuePairs())
        .anySatisfy(kv -> assertThat(kv.key + "=" + kv.value).isEqualTo("failedCommands=100"));
  }

  @Test
  void anOperationThatFailedOnce_andIsNotSentAgain_healsAfterTheQuietPeriod() {
    health.failed("removeAll", ERROR, true);
    ticker.advance(RedisHealthTracker.QUIET.minusMillis(1));
    health.succeeded("get");
    assertThat(health.state()).isEqualTo(StoreHealth.DEGRADED);

    ticker.advanceMillis(1);
    health.succeeded("get");

    assertThat(health.state()).isEqualTo(StoreHealth.HEALTHY);
  }

  @Test
  void fallbackFromFailuresInARow_isDegradedWhileSomeStillFail() {
    health.failed("get", ERROR, true);
    health.failed("put", ERROR, true);
    health.failed("get", ERROR, true);
    assertThat(health.state()).isEqualTo(StoreHealth.FALLBACK);

    health.succeeded("get");
    assertThat(health.state()).isEqualTo(StoreHealth.DEGRADED);
    assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage).last()
        .isEqualTo("redis reachable again, some commands still fail");
    health.succeeded("put");
    assertThat(health.state()).isEqualTo(StoreHealth.HEALTHY);
  }

  @Test
  void aThrowingListener_isLoggedAndSkipped_theNextOneStillHears() {
    List<StoreHealth> heard = new ArrayList<>();
    health.addListener(h -> {
      throw new IllegalStateException("listener bug");
    });
    health.addListener(heard::add);

    health.disconnected();

    assertThat(heard).containsExactly(StoreHealth.FALLBACK);
    assertThat(logs.events()).filteredOn(e -> e.getFormattedMessage().contains("listener failed"))
        .singleElement().extracting(ILoggingEvent::getFormattedMessage)
        .isEqualTo("redis health listener failed");
  }
}
