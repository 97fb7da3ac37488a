package dev.oddscache.decision;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.store.memory.InMemoryStore;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import dev.oddscache.testing.LogCapture;
import dev.oddscache.vix.VixDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A panicking match that stops receiving requests leaves the panic gauge and {@code /v1/status}
 * once its latest decision is older than {@link Decider#PANIC_STALE_AFTER}, instead of staying
 * there until a calm decision that may never come.
 */
class StalePanicDecisionTest {
  private static final Duration STALE = Decider.PANIC_STALE_AFTER;

  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));
  private final Decider decider = new Decider(DecisionEngine.ofDefaults(),
      VixDetector.ofDefaults(), PanicBreaker.of(BreakerConfig.ofDefaults(), ticker),
      new LocalPanicClock(), StakesClassifier.ofDefaults(), ticker);

  @RegisterExtension
  final LogCapture logs = LogCapture.of(Decider.class);

  private static MatchContext panic(String match) {
    return MatchContext.builder(match).competition("Ligue 1").markets("1x2").status(Status.PANIC)
        .build();
  }

  @Test
  void matchWithoutRequests_leavesGaugeAndListAfterTheHorizon_aRequestedOneStays() {
    decider.decide(panic("quiet"));
    decider.decide(panic("busy"));
    assertThat(decider.panicMatchesByTier()).containsEntry(1, 2L);

    // "busy" keeps being asked about; "quiet" gets nothing more.
    for (int minute = 1; minute <= 5; minute++) {
      ticker.advance(Duration.ofMinutes(1));
      decider.decide(panic("busy"));
    }
    assertThat(decider.panicMatchesByTier()).as("exactly the horizon still counts")
        .containsEntry(1, 2L);
    assertThat(decider.panickingMatches()).containsOnlyKeys("quiet", "busy");

    ticker.advanceMillis(1);

    assertThat(decider.panicMatchesByTier()).containsEntry(1, 1L).containsEntry(2, 0L);
    assertThat(decider.panickingMatches()).containsOnlyKeys("busy");
  }

  @Test
  void staleMatchIsPrunedOnRead_loggedOnce_andComesBackWithItsNextPanicRequest() {
    decider.decide(panic("psg-om"));
    ticker.advance(STALE.plusSeconds(1));

    assertThat(decider.panickingMatches()).isEmpty();
    assertThat(decider.panicMatchesByTier()).containsEntry(1, 0L);
    assertThat(dropLines()).hasSize(1);
    assertThat(dropLines().get(0).getKeyValuePairs()).extracting(kv -> kv.key + "=" + kv.value)
        .contains("match=psg-om", "fromTier=1", "lastDecisionSecondsAgo=301",
            "staleAfterSeconds=300");

    Decision again = decider.decide(panic("psg-om"));

    assertThat(decider.panickingMatches()).containsEntry("psg-om", again);
    assertThat(dropLines()).as("dropped once, however often the gauge is read").hasSize(1);
    assertThat(tierChanges()).extracting(e -> e.getKeyValuePairs().get(1).value + "->"
        + e.getKeyValuePairs().get(2).value)
        .containsExactly("NORMAL->PANIC_FULL", "NORMAL->PANIC_FULL");
  }

  @Test
  void staleMatchNoticedByItsNextRequest_logsTheSameLinesAsWhenAReadNoticedFirst() {
    decider.decide(panic("psg-om"));
    ticker.advance(STALE.plusSeconds(1));

    decider.decide(panic("psg-om"));

    assertThat(dropLines()).hasSize(1);
    assertThat(tierChanges()).hasSize(2);
    assertThat(decider.panickingMatches()).containsOnlyKeys("psg-om");
  }

  @Test
  void calmRequestAfterAStalePanic_dropsItWithoutATierChangeLine() {
    decider.decide(panic("psg-om"));
    ticker.advance(STALE.plusSeconds(1));

    decider.decide(MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2")
        .status(Status.NORMAL).build());

    assertThat(dropLines()).hasSize(1);
    assertThat(tierChanges()).hasSize(1);
    assertThat(decider.panickingMatches()).isEmpty();
  }

  @Test
  void panicMatchesGauge_dropsAMatchThatStoppedBeingRequested() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OddsCache<String> cache = OddsCache.<String>builder()
        .store(new InMemoryStore<>(InMemoryStoreConfig.<String>custom().maximumSize(100).build(),
            ticker))
        .ticker(ticker)
        .executor(Runnable::run)
        .meterRegistry(registry)
        .build();
    cache.getAsync("odds:psg-om", panic("psg-om"),
        k -> CompletableFuture.completedFuture("1.9")).join();
    assertThat(tier1(registry)).isEqualTo(1.0);

    ticker.advance(STALE.plusSeconds(1));

    assertThat(tier1(registry)).isZero();
    cache.close();
  }

  private static double tier1(SimpleMeterRegistry registry) {
    return registry.get(MeterNames.PANIC_MATCHES).tag(MeterNames.TAG_TIER, "1").gauge().value();
  }

  private List<ILoggingEvent> dropLines() {
    return info("panicking match dropped after no requests");
  }

  private List<ILoggingEvent> tierChanges() {
    return info("panic tier changed");
  }

  private List<ILoggingEvent> info(String message) {
    return logs.events().stream()
        .filter(e -> e.getLevel() == Level.INFO && message.equals(e.getMessage())).toList();
  }
}
