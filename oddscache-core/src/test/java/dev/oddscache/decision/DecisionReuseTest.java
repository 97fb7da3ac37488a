package dev.oddscache.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.vix.VixDetector;
import dev.oddscache.zone.Zone;
import dev.oddscache.zone.ZoneConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A decision reused for a key is never older than its inputs: the request right after a status
 * change, a breaker transition, a zone or tier boundary is decided on the new inputs, and every
 * reuse still records its breaker sample and panic-clock observation.
 */
class DecisionReuseTest {
  private static final long NO_VALUE_TTL = -1;

  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));
  private final VixDetector vix = new VixDetector(VixConfig.ofDefaults(), ticker);
  private final PanicBreaker breaker = PanicBreaker.of(BreakerConfig.ofDefaults(), ticker);
  private final LocalPanicClock clock = new LocalPanicClock();
  private final Decider decider = new Decider(DecisionEngine.ofDefaults(), vix, breaker, clock,
      StakesClassifier.ofDefaults(), ticker);

  private static MatchContext calm() {
    return MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2").build();
  }

  private Decision decide(String key, MatchContext ctx) {
    return decider.decide(key, ctx, ticker.epochMillis(), NO_VALUE_TTL);
  }

  /** What a decider that never reuses decides now, recording nothing. */
  private Decision freshly(MatchContext ctx) {
    return decider.peek(ctx);
  }

  @Test
  void aCalmDecisionIsKeptAndReusedWithOneBreakerSamplePerRequest() {
    Decision first = decide("k", calm());
    assertThat(decider.keptDecision("k")).isSameAs(first);

    for (int i = 0; i < 9; i++) {
      // A new but equal context, as a server builds for each request.
      assertThat(decide("k", calm())).isSameAs(first);
    }

    ticker.advanceSeconds(1);
    decide("k", calm());
    assertThat(breaker.state().samples()).as("one sample per request of the past second")
        .isEqualTo(10);
  }

  @Test
  void anotherContextOrValueTtlForTheSameKeyIsDecidedForItself() {
    decide("k", calm());
    MatchContext explicit = MatchContext.builder("psg-om").competition("Ligue 1")
        .markets("1x2").baseTtl(Duration.ofSeconds(42)).build();

    assertThat(decide("k", explicit).ttlSeconds()).isEqualTo(42);
    assertThat(decider.decide("k", explicit, ticker.epochMillis(), 7).ttlSeconds()).isEqualTo(7);
    assertThat(decide("k", calm()).ttlSeconds())
        .isEqualTo(ZoneConfig.DEFAULT_STANDARD_TTL.toSeconds());
  }

  @Test
  void aStatusChangeIsSeenByTheVeryNextRequest() {
    decide("k", calm());
    decide("k", calm());
    assertThat(decider.keptDecision("k")).isNotNull();

    feedJump("psg-om", "1x2");
    Decision next = decide("k", calm());

    assertThat(next.status()).isEqualTo(Status.PANIC);
    assertThat(next).isEqualTo(freshly(calm()));
    assertThat(decider.keptDecision("k")).as("a panic's decision is not kept").isNotEqualTo(next);
  }

  @Test
  void aPanicOnAnotherMarketOfTheMatchEndsTheReuseOfItsCalmMarkets() {
    decide("k", calm());
    feedJump("psg-om", "btts");

    Decision next = decide("k", calm());

    assertThat(next.status()).as("its own market is calm").isEqualTo(Status.NORMAL);
    assertThat(clock.panicStart("psg-om", ticker.epochMillis()))
        .as("the request observed the match's panic on the panic clock")
        .isEqualTo(ticker.epochMillis());
    long start = ticker.epochMillis();

    // A calm observation would end the match's panic: a reused calm decision must not make it.
    ticker.advanceSeconds(10);
    decide("k", calm());
    assertThat(clock.panicStart("psg-om", ticker.epochMillis())).isEqualTo(start);
  }

  @Test
  void aReusedCalmDecisionTakesItsMatchOffThePanickingListAsAFreshOneWould() {
    decide("k", calm());
    MatchContext saidToPanic = MatchContext.builder("psg-om").competition("Ligue 1")
        .markets("btts").status(Status.PANIC).build();
    decide("other", saidToPanic);
    assertThat(decider.panickingMatches()).containsKey("psg-om");

    decide("k", calm());

    assertThat(decider.panickingMatches()).doesNotContainKey("psg-om");
  }

  @Test
  void theEndOfAHeldWarningIsSeenByTheVeryNextRequest() {
    feedWarning("psg-om", "1x2");
    Decision warned = decide("k", calm());
    assertThat(warned.status()).isEqualTo(Status.WARNING);

    ticker.advance(vix.config().hold());
    Decision next = decide("k", calm());

    assertThat(next.status()).isEqualTo(Status.NORMAL);
    assertThat(next).isEqualTo(freshly(calm()));
  }

  @Test
  void aBreakerTransitionIsSeenByTheRequestWhoseSampleEvaluatesIt() {
    Decision calm = decide("k", calm());
    assertThat(calm.breakerMode()).isEqualTo(BreakerMode.NORMAL);
    MatchContext panicking = MatchContext.builder("other").markets("1x2")
        .status(Status.PANIC).build();
    for (int i = 0; i < 40; i++) {
      decider.decide(panicking, ticker.epochMillis());
    }
    decide("k", calm());
    assertThat(breaker.mode()).as("not evaluated within the second").isEqualTo(BreakerMode.NORMAL);

    ticker.advanceSeconds(1);
    Decision next = decide("k", calm());

    assertThat(breaker.mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
    assertThat(next.breakerMode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
    assertThat(next.breakerFloorSeconds()).isEqualTo(60);
    assertThat(breaker.state().samples()).as("the 42 requests of the past second")
        .isEqualTo(42);
    assertThat(decide("k", calm())).isEqualTo(next);
  }

  @Test
  void aZoneBoundaryIsSeenByTheVeryNextRequest() {
    Duration warmup = ZoneConfig.ofDefaults().warmupHorizon();
    MatchContext ctx = MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2")
        .kickoff(ticker.instant().plus(warmup).plusMillis(2)).build();
    Decision before = decide("k", ctx);
    ticker.advanceMillis(1);
    assertThat(decide("k", ctx)).isSameAs(before);

    ticker.advanceMillis(1);
    Decision next = decide("k", ctx);

    assertThat(next.zone()).isNotEqualTo(before.zone()).isEqualTo(Zone.WARMUP);
    assertThat(next).isEqualTo(freshly(ctx));
  }

  @Test
  void aTierBoundaryIsSeenByTheVeryNextRequest() {
    MatchContext panic = MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2")
        .status(Status.PANIC).build();
    assertThat(decide("k", panic).tier()).isEqualTo(1);

    ticker.advance(Duration.ofMinutes(30).minusMillis(1));
    assertThat(decide("k", panic).tier()).isEqualTo(1);
    ticker.advanceMillis(1);
    Decision next = decide("k", panic);

    assertThat(next.tier()).isEqualTo(2);
    assertThat(next.panicDurationMinutes()).isEqualTo(30.0);
    assertThat(decider.keptDecision("k")).as("panic decisions are never kept").isNull();
  }

  @Test
  void aMatchThatLeavesTheDetectorAndComesBackIsDecidedAfresh() {
    feedWarning("psg-om", "1x2");
    ticker.advance(vix.config().hold());
    Decision calm = decide("k", calm());
    assertThat(calm.status()).isEqualTo(Status.NORMAL);
    assertThat(decider.keptDecision("k")).isSameAs(calm);

    vix.forget("psg-om");
    feedJump("psg-om", "1x2");

    assertThat(decide("k", calm()).status()).isEqualTo(Status.PANIC);
  }

  /** Steady prices for 25 s, then a 15 % jump now: PANIC for the market and its match. */
  private void feedJump(String match, String market) {
    feed(match, market, 1.15);
  }

  /** The same, with a jump big enough for WARNING only. */
  private void feedWarning(String match, String market) {
    feed(match, market, 1.0175);
  }

  private void feed(String match, String market, double jump) {
    long t = ticker.epochMillis() - 30_000;
    double odds = 2.0;
    for (int i = 0; i < 25; i++) {
      odds = i % 2 == 0 ? 2.0 : 2.01;
      vix.accept(new OddsTick(match, market, "home", odds, t + i * 1000L));
    }
    vix.accept(new OddsTick(match, market, "home", odds * jump, ticker.epochMillis()));
  }
}
