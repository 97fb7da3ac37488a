package dev.oddscache.redis.panic;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.decision.Decider;
import dev.oddscache.decision.Decision;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.vix.VixDetector;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One process of {@link PanicDecisionsAcrossProcessesTest}: a {@link Decider} on a {@link
 * ManualTicker} with the {@link RedisPanicClock} on the shared Redis and a local breaker. At each
 * instant of the schedule it waits for the other processes (a {@link RedisBarrier}), then makes
 * the {@link MatchdayTraffic} requests in two rounds one second apart, printing one line per
 * decision, then {@code fallback <bool>}.
 *
 * <p>Arguments: redis URI, run id, parties, t0 (epoch millis), offsets in minutes separated by
 * commas.
 */
public final class DecisionsChild {
  static final long WAIT_SECONDS = 30;

  private DecisionsChild() {}

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String run = args[1];
    int parties = Integer.parseInt(args[2]);
    long t0 = Long.parseLong(args[3]);
    long[] offsets = Arrays.stream(args[4].split(",")).mapToLong(Long::parseLong).toArray();

    ManualTicker ticker = new ManualTicker(Instant.ofEpochMilli(t0));
    RedisClient barrierClient = RedisClient.create(uri);
    try (RedisConnector redis = TestRedis.patient(uri);
        StatefulRedisConnection<String, String> barrier = barrierClient.connect()) {
      RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
      Decider decider = new Decider(DecisionEngine.ofDefaults(), VixDetector.ofDefaults(),
          PanicBreaker.of(BreakerConfig.ofDefaults(), ticker), clock,
          StakesClassifier.ofDefaults(), ticker);
      for (int step = 0; step < offsets.length; step++) {
        ticker.advanceTo(t0 + Duration.ofMinutes(offsets[step]).toMillis());
        RedisBarrier.await(barrier.sync(), run + ":step:" + step, parties, WAIT_SECONDS);
        for (int round = 0; round < 2; round++) {
          if (round == 1) {
            // A new second: the breaker evaluates the samples of the first round.
            ticker.advanceSeconds(1);
          }
          for (MatchContext request : MatchdayTraffic.requests(offsets[step])) {
            Decision d = decider.decide(request);
            System.out.println(String.join(" ", "offset=" + offsets[step], "round=" + round,
                "match=" + request.matchId(), "ttl=" + d.ttlSeconds(), "tier=" + d.tier(),
                "panicMode=" + d.panicMode(), "breaker=" + d.breakerMode(),
                "minutes=" + d.panicDurationMinutes()));
          }
        }
      }
      System.out.println("fallback " + clock.inFallback());
    } finally {
      barrierClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
    System.exit(0);
  }
}
