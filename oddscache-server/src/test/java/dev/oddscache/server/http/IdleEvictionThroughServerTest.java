package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.server.testing.RunningServer;
import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Odds ingested over HTTP for many matches do not stay in the volatility detector for the life of
 * the server: the server's own idle eviction, with the configured horizon and the server's
 * clock, drops matches whose feed has stopped and keeps the live ones.
 */
class IdleEvictionThroughServerTest {
  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T12:00:00Z"));

  @RegisterExtension
  final RunningServer server = RunningServer.startedByTest().onTicker(ticker);

  private void postTicks(String matchPrefix, int matches) {
    StringJoiner body = new StringJoiner(",", "[", "]");
    for (int i = 0; i < matches; i++) {
      body.add("{\"match\":\"" + matchPrefix + i + "\",\"market\":\"1x2\",\"selection\":\"home\","
          + "\"odds\":2.0,\"ts\":" + ticker.epochMillis() + "}");
    }
    assertThat(Http.postJson(server.url() + "/v1/odds", body.toString()).body())
        .isEqualTo("{\"accepted\":" + matches + ",\"rejected\":[]}");
  }

  @Test
  void finishedMatchesAreEvictedAfterTheConfiguredHorizon_liveOnesKept() {
    server.start(b -> b.vix(v -> v.evictIdleAfter(Duration.ofHours(2))));
    postTicks("season-", 500);
    postTicks("live-", 3);
    ticker.advance(Duration.ofMinutes(90));
    postTicks("live-", 3);
    assertThat(server.get().cache().vix().matchCount()).isEqualTo(503);

    ticker.advance(Duration.ofMinutes(30).plusSeconds(1));
    server.get().idleEviction().run();

    assertThat(server.get().cache().vix().matchCount()).isEqualTo(3);
    assertThat(server.get().cache().vix().marketStatuses("live-0", ticker.epochMillis()))
        .containsKey("1x2");
  }

  @Test
  void defaultHorizonIsSixHours() {
    server.start(b -> { });
    postTicks("m-", 10);

    ticker.advance(Duration.ofHours(6));
    server.get().idleEviction().run();
    assertThat(server.get().cache().vix().matchCount()).isEqualTo(10);

    ticker.advanceSeconds(1);
    server.get().idleEviction().run();
    assertThat(server.get().cache().vix().matchCount()).isZero();
  }
}
