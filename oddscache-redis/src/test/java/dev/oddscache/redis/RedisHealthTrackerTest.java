package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
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

  private final RedisHealthTracker health = new RedisHealthTracker("redis://cache:6379");

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
    health.succeeded();
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
    health.succeeded();
    health.disconnected();
    assertThat(health.state()).isEqualTo(StoreHealth.FALLBACK);
    health.failed("get", ERROR, true);

    assertThat(health.state()).isEqualTo(StoreHealth.FALLBACK);
    assertThat(health.fallbacks()).isEqualTo(2);
  }

  @Test
  void logsOnChangeOnly_withTheOperationAndTheError() {
    health.succeeded();
    health.failed("get", ERROR, true);
    health.failed("get", ERROR, true);
    health.succeeded();
    health.succeeded();

    List<ILoggingEvent> events = logs.events();
    assertThat(events).extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.WARN, Level.INFO);
    assertThat(events.get(0).getFormattedMessage())
        .isEqualTo("redis unhealthy, using fallbacks");
    assertThat(events.get(0).getKeyValuePairs()).extracting(kv -> kv.key + "=" + kv.value)
        .containsExactly("endpoint=redis://cache:6379", "from=HEALTHY", "to=DEGRADED",
            "operation=get", "error=" + ERROR);
    assertThat(events.get(1).getFormattedMessage()).isEqualTo("redis healthy again");
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
