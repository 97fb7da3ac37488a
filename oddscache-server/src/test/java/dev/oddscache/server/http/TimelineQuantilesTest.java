package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.stats.Quantiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each second's quantiles on the timeline: from the increase of the cache's histograms. */
class TimelineQuantilesTest {
  private final ManualTicker ticker = new ManualTicker();
  private final MatchContext context = MatchContext.builder("m").build();

  private OddsCache<String> cache(Quantiles quantiles) {
    return OddsCache.<String>builder()
        // Every request timed: the test asks for each second's latency quantiles.
        .config(OddsCacheConfig.custom().quantiles(quantiles).latencySampleRate(1.0).build())
        .ticker(ticker)
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }

  private void get(OddsCache<String> cache, Timeline timeline, String key) {
    CacheResult<String> result = cache.get(key, context, k -> "v");
    timeline.served(result.ageMillis());
  }

  @Test
  void aSecondsQuantiles_comeFromThatSecondsValuesOnly() {
    try (OddsCache<String> cache = cache(Quantiles.HISTOGRAM)) {
      Timeline timeline = new Timeline(cache, () -> 0);
      // Before the first sample: a load of "old" at age 0, seen by the first second only.
      get(cache, timeline, "old");
      timeline.sample();
      ticker.advance(Duration.ofSeconds(7));
      // The second second: 100 hits of "old" at 7 s.
      for (int i = 0; i < 100; i++) {
        get(cache, timeline, "old");
      }
      timeline.sample();
      timeline.sample();

      List<TimelineSample> s = timeline.last(3);
      assertThat(s.get(0).servedAgeP99Seconds()).as("one value, age 0").isLessThan(0.1);
      // 7 s is in (5 s, 10 s]: the histogram reads 9.95 s, clamped to the oldest served, 7 s.
      assertThat(s.get(1).servedAgeP99Seconds()).isCloseTo(7.0, within(1e-9));
      // A manual ticker does not move during a request: durations of 0, in the first bucket.
      assertThat(s.get(1).latencyP50Seconds()).isBetween(0.0, 1e-7);
      assertThat(s.get(1).latencyP99Seconds()).isBetween(0.0, 1e-7);
      assertThat(s.get(2).latencyP99Seconds()).as("a second without requests").isNull();
      assertThat(s.get(2).servedAgeP99Seconds()).isNull();
    }
  }

  @Test
  void withoutHistograms_theQuantilesAreNull() {
    for (Quantiles mode : List.of(Quantiles.SUMMARY, Quantiles.NONE)) {
      try (OddsCache<String> cache = cache(mode)) {
        Timeline timeline = new Timeline(cache, () -> 0);
        get(cache, timeline, "k");
        timeline.sample();

        TimelineSample s = timeline.last(1).get(0);
        assertThat(s.requests()).isEqualTo(1);
        assertThat(s.latencyP50Seconds()).as(mode.name()).isNull();
        assertThat(s.latencyP99Seconds()).isNull();
        assertThat(s.servedAgeP99Seconds()).isNull();
      }
    }
  }
}
