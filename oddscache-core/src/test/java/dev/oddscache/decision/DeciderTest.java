package dev.oddscache.decision;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.quota.PanicMode;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.testing.LogCapture;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.VixDetector;
import dev.oddscache.zone.Zone;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeciderTest {
  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));
  private final VixDetector vix = VixDetector.ofDefaults();
  private final PanicBreaker breaker = PanicBreaker.of(BreakerConfig.ofDefaults(), ticker);
  private final LocalPanicClock clock = new LocalPanicClock();
  private final Decider decider = new Decider(DecisionEngine.ofDefaults(), vix, breaker, clock,
      StakesClassifier.ofDefaults(), ticker);

  @RegisterExtension
  final LogCapture logs = LogCapture.of(Decider.class);

  private MatchContext ligue1(Status status) {
    return MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2").status(status)
        .build();
  }

  @Test
  void statusOf_noMarketsIsNormal() {
    assertThat(decider.statusOf(MatchContext.builder("m").build(), ticker.epochMillis()))
        .isEqualTo(Status.NORMAL);
    assertThat(decider.statusOf(MatchContext.none(), ticker.epochMillis()))
        .isEqualTo(Status.NORMAL);
  }

  @Test
  void statusOf_worstOfMarketsWithCallerOverridesFirst() {
    MatchContext ctx = MatchContext.builder("m").markets("1x2", "btts")
        .marketStatus("over_under_25", Status.WARNING).build();
    assertThat(decider.statusOf(ctx, ticker.epochMillis())).isEqualTo(Status.WARNING);

    feedJump("m", "BTTS");
    assertThat(decider.statusOf(ctx, ticker.epochMillis())).isEqualTo(Status.PANIC);

    MatchContext overridden = MatchContext.builder("m").markets("btts").marketStatus("btts",
        Status.NORMAL).build();
    assertThat(decider.statusOf(overridden, ticker.epochMillis())).isEqualTo(Status.NORMAL);

    MatchContext requestOverride = MatchContext.builder("m").markets("btts").status(Status.WARNING)
        .build();
    assertThat(decider.statusOf(requestOverride, ticker.epochMillis())).isEqualTo(Status.WARNING);
  }

  @Test
  void detectorPanicDecaysAfterTheHold() {
    feedJump("m", "1x2");
    MatchContext ctx = MatchContext.builder("m").markets("1x2").build();
    assertThat(decider.decide(ctx).status()).isEqualTo(Status.PANIC);

    ticker.advanceSeconds(61);

    assertThat(decider.decide(ctx).status()).isEqualTo(Status.NORMAL);
    assertThat(clock.panicStart("m", ticker.epochMillis())).isEqualTo(LocalPanicClock.NO_PANIC);
  }

  @Test
  void panicDurationComesFromTheClockAndClimbsTheTiers() {
    assertThat(decider.decide(ligue1(Status.PANIC)).panicMode()).isEqualTo(PanicMode.PANIC_FULL);

    ticker.advance(Duration.ofMinutes(30));
    Decision tier2 = decider.decide(ligue1(Status.PANIC));
    ticker.advance(Duration.ofMinutes(60));
    Decision tier3 = decider.decide(ligue1(Status.PANIC));
    ticker.advance(Duration.ofMinutes(90));
    Decision tier4 = decider.decide(ligue1(Status.PANIC));

    assertThat(tier2.tier()).isEqualTo(2);
    assertThat(tier2.panicDurationMinutes()).isEqualTo(30.0);
    assertThat(tier3.tier()).isEqualTo(3);
    assertThat(tier4.tier()).isEqualTo(4);
    assertThat(tier4.panicDurationMinutes()).isEqualTo(180.0);
    assertThat(tier4.ttlSeconds()).isEqualTo(60);
  }

  @Test
  void everyDecisionIsOneBreakerSample() {
    for (int i = 0; i < 40; i++) {
      decider.decide(ligue1(Status.PANIC));
    }
    ticker.advanceSeconds(1);
    decider.decide(ligue1(Status.NORMAL));

    assertThat(breaker.state().samples()).isEqualTo(40);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
    assertThat(decider.decide(ligue1(Status.NORMAL)).ttlSeconds()).isEqualTo(300);
    assertThat(decider.decide(ligue1(Status.NORMAL)).breakerFloorSeconds()).isEqualTo(60);
  }

  @Test
  void kickoffAndExplicitBaseTtl() {
    MatchContext golden = MatchContext.builder("m").kickoff(ticker.instant().plusSeconds(600))
        .build();
    MatchContext explicit = MatchContext.builder("m").kickoff(ticker.instant().plusSeconds(600))
        .baseTtl(Duration.ofSeconds(42)).build();

    assertThat(decider.decide(golden).zone()).isEqualTo(Zone.GOLDEN);
    assertThat(decider.decide(golden).ttlSeconds()).isEqualTo(15);
    assertThat(decider.decide(explicit).ttlSeconds()).isEqualTo(42);
  }

  @Test
  void logsAtInfoOnlyWhenTheMatchModeChanges() {
    for (int i = 0; i < 10; i++) {
      decider.decide(ligue1(Status.NORMAL));
    }
    for (int i = 0; i < 10; i++) {
      decider.decide(ligue1(Status.PANIC));
    }
    // A request a minute: a match left without requests for five minutes would be dropped as
    // stale (StalePanicDecisionTest) instead of climbing to tier 2.
    for (int minute = 0; minute < 31; minute++) {
      ticker.advance(Duration.ofMinutes(1));
      decider.decide(ligue1(Status.PANIC));
    }
    for (int i = 0; i < 10; i++) {
      decider.decide(ligue1(Status.PANIC));
    }
    decider.decide(ligue1(Status.NORMAL));

    List<ILoggingEvent> info = logs.events().stream()
        .filter(e -> e.getLevel() == Level.INFO).toList();
    assertThat(info).extracting(ILoggingEvent::getMessage).containsOnly("panic tier changed");
    assertThat(info).extracting(e -> e.getKeyValuePairs().get(2).value)
        .containsExactly(PanicMode.PANIC_FULL, PanicMode.PANIC_PARTIAL, PanicMode.NORMAL);
    assertThat(logs.events().stream().filter(e -> e.getLevel() == Level.DEBUG).count())
        .isEqualTo(62 - 3);
  }

  /** Twenty calm ticks, then a 15% move after warm-up: a panic on that market. */
  @Test
  void aCalmMarketsRequest_doesNotEndThePanicOfItsMatch() {
    long start = ticker.epochMillis();
    feedJump("psg-om", "1x2");
    MatchContext panicking = MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2")
        .build();
    MatchContext calm = MatchContext.builder("psg-om").competition("Ligue 1").markets("btts")
        .build();

    assertThat(decider.decide(panicking).tier()).isEqualTo(1);
    for (int minute = 1; minute <= 31; minute++) {
      ticker.advanceSeconds(30);
      Decision calmAnswer = decider.decide(calm);
      assertThat(calmAnswer.status()).isEqualTo(Status.NORMAL);
      assertThat(calmAnswer.tier()).isZero();
      assertThat(decider.panickingMatches()).containsKey("psg-om");
      ticker.advanceSeconds(30);
      // A 15 % jump on a fresh selection keeps 1x2 in PANIC (the status is held 60 s).
      String selection = "scorer-" + minute;
      vix.accept(new OddsTick("psg-om", "1x2", selection, 2.0, ticker.epochMillis() - 1));
      vix.accept(new OddsTick("psg-om", "1x2", selection, 2.3, ticker.epochMillis()));
      decider.decide(panicking);
    }

    // 31 minutes of panic (MEDIUM stakes: tier 2 from 30), calm requests in between: tier 2, as
    // if they had not come, not a panic just begun.
    assertThat(clock.panicStart("psg-om", ticker.epochMillis())).isEqualTo(start);
    assertThat(decider.decide(panicking).tier()).isEqualTo(2);
  }

  private void feedJump(String match, String market) {
    long t = ticker.epochMillis() - 30_000;
    double odds = 2.0;
    for (int i = 0; i < 25; i++) {
      odds = i % 2 == 0 ? 2.0 : 2.01;
      vix.accept(new OddsTick(match, market, "home", odds, t + i * 1000L));
    }
    vix.accept(new OddsTick(match, market, "home", odds * 1.15, ticker.epochMillis()));
  }
}
