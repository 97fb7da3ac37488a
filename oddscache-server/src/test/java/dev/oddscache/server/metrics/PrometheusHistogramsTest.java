package dev.oddscache.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.stats.Quantiles;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real cache's histograms through the real collector on Micrometer's Prometheus registry: the
 * classic histogram series in both exposition formats, labels like every other meter's, and no
 * collision with the Micrometer timers of the same names.
 */
class PrometheusHistogramsTest {
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0;"
      + " charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ManualTicker ticker = new ManualTicker();
  private OddsCache<String> cache;

  @AfterEach
  void close() {
    if (cache != null) {
      cache.close();
    }
    registry.close();
  }

  private OddsCache<String> build(Quantiles quantiles) {
    PrometheusHistograms histograms = PrometheusHistograms.prepare(registry, quantiles);
    cache = OddsCache.<String>builder()
        // Every request timed (the default times one in a hundred).
        .config(OddsCacheConfig.custom().quantiles(quantiles).latencySampleRate(1.0).build())
        .ticker(ticker)
        .meterRegistry(registry)
        .build();
    histograms.export(cache.histograms());
    return cache;
  }

  /** One load (age 0), then hits 3 s and 7 s later: ages 0, 3, 7 s. */
  private void traffic() {
    MatchContext context = MatchContext.builder("m").build();
    cache.get("k", context, key -> "v");
    ticker.advance(Duration.ofSeconds(3));
    cache.get("k", context, key -> "v");
    ticker.advance(Duration.ofSeconds(4));
    cache.get("k", context, key -> "v");
  }

  @Test
  void histogramMode_exportsClassicHistogramsInTheTextFormat() {
    build(Quantiles.HISTOGRAM);
    traffic();
    String text = registry.scrape();

    assertThat(text).contains("# TYPE oddscache_request_duration_seconds histogram",
        "# TYPE oddscache_served_age_seconds histogram");
    // A manual ticker does not move during a request: every duration is 0, in the first bucket.
    assertThat(sample(text, "oddscache_request_duration_seconds_bucket{le=\"1.0E-7\"}"))
        .isEqualTo(3);
    assertThat(sample(text, "oddscache_request_duration_seconds_bucket{le=\"+Inf\"}"))
        .isEqualTo(3);
    assertThat(sample(text, "oddscache_request_duration_seconds_count")).isEqualTo(3);
    assertThat(sample(text, "oddscache_request_duration_seconds_sum")).isZero();

    String fresh = "oddscache_served_age_seconds_bucket{strategy=\"serve_fresh\",le=";
    assertThat(sample(text, fresh + "\"2.5\"}")).isZero();
    assertThat(sample(text, fresh + "\"5.0\"}")).isEqualTo(1);
    assertThat(sample(text, fresh + "\"10.0\"}")).isEqualTo(2);
    assertThat(sample(text, fresh + "\"+Inf\"}")).isEqualTo(2);
    assertThat(sample(text, "oddscache_served_age_seconds_sum{strategy=\"serve_fresh\"}"))
        .isEqualTo(10.0);
    assertThat(sample(text, "oddscache_served_age_seconds_count{strategy=\"compute\"}"))
        .isEqualTo(1);
    assertThat(sample(text, "oddscache_served_age_seconds_count{strategy=\"bypass\"}")).isZero();
    // One family per name: Micrometer's function timers of these names were kept out.
    assertThat(count(text, "# TYPE oddscache_served_age_seconds ")).isEqualTo(1);
    assertThat(text).doesNotContain("quantile=");
    assertThat(registry.find(MeterNames.REQUEST_DURATION).meters()).isEmpty();
  }

  @Test
  void histogramMode_exportsTheSameSeriesInOpenMetrics() {
    build(Quantiles.HISTOGRAM);
    traffic();
    String om = registry.scrape(OPENMETRICS);

    assertThat(om).contains("# TYPE oddscache_served_age_seconds histogram",
        "# UNIT oddscache_served_age_seconds seconds");
    assertThat(sample(om, "oddscache_served_age_seconds_bucket{strategy=\"serve_fresh\","
        + "le=\"5.0\"}")).isEqualTo(1);
    assertThat(sample(om, "oddscache_request_duration_seconds_count")).isEqualTo(3);
    assertThat(om.strip()).endsWith("# EOF");
  }

  @Test
  void commonTags_labelTheHistogramsLikeEveryOtherMeter() {
    PrometheusHistograms histograms = PrometheusHistograms.prepare(registry, Quantiles.HISTOGRAM);
    // Added after the filter: it sees the tags every filter's map() left.
    registry.config().commonTags("region", "eu");
    cache = OddsCache.<String>builder().ticker(ticker).meterRegistry(registry)
        .config(OddsCacheConfig.custom().latencySampleRate(1.0).build()).build();
    histograms.export(cache.histograms());
    traffic();
    String text = registry.scrape();

    assertThat(text).contains("oddscache_requests_total{region=\"eu\",strategy=\"compute\"}");
    assertThat(sample(text, "oddscache_request_duration_seconds_count{region=\"eu\"}"))
        .isEqualTo(3);
    assertThat(sample(text, "oddscache_served_age_seconds_bucket{region=\"eu\","
        + "strategy=\"serve_fresh\",le=\"+Inf\"}")).isEqualTo(2);
    assertThat(text).doesNotContain("oddscache_served_age_seconds_count{strategy=");
  }

  @Test
  void summaryMode_leavesMicrometersQuantilesInPlace() {
    build(Quantiles.SUMMARY);
    traffic();
    String text = registry.scrape();

    assertThat(text).contains("# TYPE oddscache_served_age_seconds summary",
        "oddscache_request_duration_seconds{quantile=\"0.99\"}");
    assertThat(text).doesNotContain("_bucket");
    assertThat(sample(text, "oddscache_request_duration_seconds_count")).isEqualTo(3);
  }

  @Test
  void noneMode_hasCountAndSumOnly() {
    build(Quantiles.NONE);
    traffic();
    String text = registry.scrape();

    assertThat(text).doesNotContain("_bucket", "quantile=");
    assertThat(sample(text, "oddscache_served_age_seconds_count{strategy=\"serve_fresh\"}"))
        .isEqualTo(2);
  }

  @Test
  void exportOfNoViews_registersNothing() {
    PrometheusHistograms histograms = PrometheusHistograms.prepare(registry, Quantiles.HISTOGRAM);
    histograms.export(List.of());
    assertThat(registry.scrape()).doesNotContain("oddscache_request_duration_seconds");
  }

  /** The value of the one sample line that starts with {@code series} and a space. */
  private static double sample(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(text);
    assertThat(m.find()).as("sample %s in%n%s", series, text).isTrue();
    double value = Double.parseDouble(m.group(1));
    assertThat(m.find()).as("one sample %s", series).isFalse();
    return value;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
