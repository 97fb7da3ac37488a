package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.testing.LogCapture;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.VixDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's periodic idle eviction of the volatility detector's per-match state. */
class VixIdleEvictionTest {
  private static final Duration SIX_HOURS = Duration.ofHours(6);

  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T12:00:00Z"));
  private final VixDetector vix = VixDetector.ofDefaults();
  private final VixIdleEviction eviction = new VixIdleEviction(vix, ticker, SIX_HOURS);

  @RegisterExtension
  final LogCapture log = LogCapture.of(VixIdleEviction.class);

  private void tick(String match) {
    vix.accept(new OddsTick(match, "1x2", "home", 2.0, ticker.epochMillis()));
  }

  @Test
  void matchesIdleBeyondTheHorizonAreEvicted_aMatchWithRecentTicksIsKept() {
    for (int i = 0; i < 200; i++) {
      tick("finished-" + i);
    }
    tick("live");
    ticker.advance(Duration.ofHours(5));
    tick("live");
    ticker.advance(Duration.ofHours(1));

    eviction.run();
    assertThat(vix.matchCount()).as("a tick exactly at the horizon stays").isEqualTo(201);

    ticker.advanceMillis(1);
    eviction.run();

    assertThat(vix.matchCount()).isEqualTo(1);
    assertThat(vix.marketStatuses("live", ticker.epochMillis())).containsKey("1x2");
    assertThat(vix.marketStatuses("finished-0", ticker.epochMillis())).isEmpty();
  }

  @Test
  void logsOnlyWhenSomethingWasEvicted() {
    tick("finished");
    tick("live");
    eviction.run();
    ticker.advance(Duration.ofHours(3));
    tick("live");
    ticker.advance(Duration.ofHours(3).plusSeconds(1));

    eviction.run();
    eviction.run();

    assertThat(log.events()).hasSize(1);
    ILoggingEvent line = log.events().get(0);
    assertThat(line.getLevel()).isEqualTo(Level.INFO);
    assertThat(line.getMessage()).isEqualTo("evicted idle matches from the volatility detector");
    assertThat(line.getKeyValuePairs()).extracting(kv -> kv.key + "=" + kv.value)
        .containsExactly("evicted=1", "remaining=1", "idleAfter=PT6H");
  }

  @Test
  void evictedMatchStartsAfreshWithItsNextTick() {
    vix.accept(new OddsTick("m", "1x2", "home", 2.0, ticker.epochMillis()));
    ticker.advance(SIX_HOURS.plusSeconds(1));
    eviction.run();

    vix.accept(new OddsTick("m", "1x2", "home", 3.0, ticker.epochMillis()));

    assertThat(vix.matchCount()).isEqualTo(1);
    assertThat(vix.matchStatus("m", ticker.epochMillis()))
        .as("a first tick only trains sigma: the 50% move from before the eviction is forgotten")
        .isEqualTo(Status.NORMAL);
  }

  @Test
  void period_isTheHorizonBetweenOneSecondAndOneMinute() {
    assertThat(eviction.period()).isEqualTo(Duration.ofMinutes(1));
    assertThat(new VixIdleEviction(vix, ticker, Duration.ofSeconds(30)).period())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(new VixIdleEviction(vix, ticker, Duration.ofMillis(10)).period())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void scheduleOn_runsPeriodicallyOnTheGivenExecutor() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    try {
      ScheduledFuture<?> future = eviction.scheduleOn(executor);

      assertThat(executor.getQueue()).hasSize(1);
      assertThat(((RunnableScheduledFuture<?>) future).isPeriodic()).isTrue();
      assertThat(future.getDelay(TimeUnit.MILLISECONDS)).isBetween(1L, 60_000L);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aFailingRunIsLoggedAndDoesNotThrow_soTheScheduleSurvives() {
    Ticker broken = new Ticker() {
      @Override
      public long nanoTime() {
        throw new IllegalStateException("clock gone");
      }

      @Override
      public long epochMillis() {
        throw new IllegalStateException("clock gone");
      }
    };

    assertThatCode(new VixIdleEviction(vix, broken, SIX_HOURS)::run).doesNotThrowAnyException();

    List<ILoggingEvent> warnings =
        log.events().stream().filter(e -> e.getLevel() == Level.WARN).toList();
    assertThat(warnings).extracting(ILoggingEvent::getMessage)
        .containsExactly("idle match eviction failed");
  }
}
