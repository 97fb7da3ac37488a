package dev.oddscache.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.panic.PanicClockConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * 200,000 requests, each naming a new match as panicking (the proxy's {@code X-Match-Id} and
 * {@code X-Vix-Status: PANIC}), keep the decider's panicking list and the panic clock within their
 * caps, and a real panicking match asked for all along keeps its place and its start.
 */
class DeciderBoundsTest {
  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LocalPanicClock clock = new LocalPanicClock();
  private final OddsCache<String> cache = OddsCache.<String>builder().ticker(ticker)
      .meterRegistry(registry).panicClock(clock).build();

  private static MatchContext panic(String match) {
    return MatchContext.builder(match).competition("Ligue 1").markets("1x2").status(Status.PANIC)
        .build();
  }

  private double evicted(String structure) {
    return registry.get(MeterNames.MATCHES_EVICTED).tag(MeterNames.TAG_STRUCTURE, structure)
        .functionCounter().count();
  }

  @Test
  void twoHundredThousandMadeUpPanics_stayWithinTheCaps_theRealPanicIsNeverDropped() {
    Decider decider = cache.decider();
    decider.decide(panic("real"));
    for (int i = 0; i < 200_000; i++) {
      decider.decide(panic("made-up-" + i));
      if (i % 1_000 == 0) {
        ticker.advance(Duration.ofMillis(10));
        decider.decide(panic("real"));
      }
    }

    assertThat(decider.panickingMatches()).hasSizeLessThanOrEqualTo(
        Decider.DEFAULT_MAX_PANICKING_MATCHES).containsKey("real");
    assertThat(clock.storedMatches()).isLessThanOrEqualTo(PanicClockConfig.DEFAULT_MAX_MATCHES);
    assertThat(decider.panickingMatchEvictions())
        .isEqualTo(200_001L - decider.panickingMatches().size());
    assertThat(evicted("panicking")).isEqualTo(decider.panickingMatchEvictions());
    assertThat(evicted("panic_clock")).isEqualTo(clock.matchEvictions()).isPositive();
    assertThat(evicted("vix")).isZero();

    // Its start survived: half an hour later a MEDIUM match is in tier 2, not back in tier 1.
    ticker.advance(Duration.ofMinutes(30));
    assertThat(decider.decide(panic("real")).tier()).isEqualTo(2);
  }

  @Test
  void configuredCap_appliesToThePanickingList() {
    OddsCache<String> small = OddsCache.<String>builder().ticker(ticker).maxPanickingMatches(10)
        .build();
    for (int i = 0; i < 11; i++) {
      ticker.advance(Duration.ofMillis(1));
      small.decider().decide(panic("m" + i));
    }
    assertThat(small.decider().panickingMatches()).hasSize(9).doesNotContainKeys("m0", "m1");
  }
}
