package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.metrics.MeterNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quantile mode of a cache: histograms by default, reachable from the cache. */
class QuantilesTest {
  @Test
  void histogram_isTheDefault() {
    assertThat(OddsCacheConfig.ofDefaults().quantiles()).isEqualTo(Quantiles.HISTOGRAM);
    assertThat(OddsCacheConfig.DEFAULT_QUANTILES).isEqualTo(Quantiles.HISTOGRAM);
  }

  @Test
  void mode_isCopiedComparedAndPrinted() {
    OddsCacheConfig summary = OddsCacheConfig.custom().quantiles(Quantiles.SUMMARY).build();
    assertThat(OddsCacheConfig.from(summary).build()).isEqualTo(summary);
    assertThat(summary).isNotEqualTo(OddsCacheConfig.ofDefaults());
    assertThat(summary.toString()).contains("quantiles=SUMMARY");
    assertThatThrownBy(() -> OddsCacheConfig.custom().quantiles(null))
        .isInstanceOf(NullPointerException.class).hasMessage("quantiles");
  }

  @Test
  @SuppressWarnings("deprecation")
  void deprecatedPercentiles_mapsTrueToSummaryAndFalseToNone() {
    OddsCacheConfig on = OddsCacheConfig.custom().percentiles(true).build();
    OddsCacheConfig off = OddsCacheConfig.custom().percentiles(false).build();
    assertThat(on.quantiles()).isEqualTo(Quantiles.SUMMARY);
    assertThat(off.quantiles()).isEqualTo(Quantiles.NONE);
    assertThat(on.percentiles()).isTrue();
    assertThat(off.percentiles()).isFalse();
    assertThat(OddsCacheConfig.ofDefaults().percentiles()).isTrue();
  }

  @Test
  void aCachesHistograms_countItsRequests() {
    // Every request timed (the default times one in a hundred).
    try (OddsCache<String> cache = OddsCache.<String>builder()
        .config(OddsCacheConfig.custom().latencySampleRate(1.0).build())
        .meterRegistry(new SimpleMeterRegistry()).build()) {
      List<HistogramView> views = cache.histograms();
      assertThat(views).hasSize(5);
      cache.get("k", MatchContext.builder("m").build(), key -> "v");
      cache.get("k", MatchContext.builder("m").build(), key -> "v");

      assertThat(views.get(0).name()).isEqualTo(MeterNames.REQUEST_DURATION);
      assertThat(views.get(0).counts().count()).isEqualTo(2);
      long served = views.stream().skip(1).mapToLong(v -> v.counts().count()).sum();
      assertThat(served).isEqualTo(2);
    }
  }

  @Test
  void otherModes_haveNoHistograms() {
    for (Quantiles mode : List.of(Quantiles.SUMMARY, Quantiles.NONE)) {
      try (OddsCache<String> cache = OddsCache.<String>builder()
          .config(OddsCacheConfig.custom().quantiles(mode).build())
          .meterRegistry(new SimpleMeterRegistry()).build()) {
        assertThat(cache.histograms()).as(mode.name()).isEmpty();
      }
    }
  }

  @Test
  void labels_areTheConfigFileSpelling() {
    assertThat(Quantiles.HISTOGRAM.label()).isEqualTo("histogram");
    assertThat(Quantiles.SUMMARY.label()).isEqualTo("summary");
    assertThat(Quantiles.NONE.label()).isEqualTo("none");
  }
}
