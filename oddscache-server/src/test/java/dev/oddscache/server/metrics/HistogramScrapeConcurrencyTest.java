package dev.oddscache.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.stats.Quantiles;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many request threads at once lose no count: real threads on a real cache, scraped through
 * the server's exporter while they record. Every scrape is a valid histogram ({@code _count}
 * equals the {@code +Inf} bucket, which never goes backwards), and the last one holds every
 * request.
 */
class HistogramScrapeConcurrencyTest {
  private static final int THREADS = 32;
  private static final int PER_THREAD = 20_000;
  private static final long TOTAL = (long) THREADS * PER_THREAD;
  private static final String COUNT = "oddscache_request_duration_seconds_count";
  private static final String INF = "oddscache_request_duration_seconds_bucket{le=\"+Inf\"}";
  /** Every strategy's served-age series: whether a hit is fresh or stale is not the point. */
  private static final Pattern AGE_COUNT =
      Pattern.compile("(?m)^oddscache_served_age_seconds_count\\{[^}]*} (\\S+)");
  private static final Pattern AGE_INF = Pattern.compile(
      "(?m)^oddscache_served_age_seconds_bucket\\{[^}]*le=\"\\+Inf\"} (\\S+)");

  @Test
  @Timeout(120)
  void threadsRecordingWhileScraped_loseNoCount() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusHistograms histograms = PrometheusHistograms.prepare(registry, Quantiles.HISTOGRAM);
    MatchContext context = MatchContext.builder("m").build();
    // Every request timed, so that the request-duration histogram counts every request too.
    try (OddsCache<String> cache = OddsCache.<String>builder()
        .config(OddsCacheConfig.custom().latencySampleRate(1.0).build())
        .executor(Runnable::run).meterRegistry(registry).build()) {
      histograms.export(cache.histograms());
      // Loaded before: every request of the threads is a fresh hit.
      cache.get("k", context, key -> "v");
      String initial = registry.scrape();
      long before = (long) value(initial, COUNT);
      double agesBefore = sum(initial, AGE_COUNT);

      CyclicBarrier start = new CyclicBarrier(THREADS + 1);
      // Released by a scrape that saw some of the requests: with every writer waiting on it
      // halfway, that scrape ran while they were recording, and cannot have seen them all.
      CountDownLatch partialScrape = new CountDownLatch(1);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Long> partial = new ArrayList<>();
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread writer = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < PER_THREAD; i++) {
              if (i == PER_THREAD / 2) {
                partialScrape.await();
              }
              cache.get("k", context, key -> "v");
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }, "request-" + t);
        writers.add(writer);
        writer.start();
      }
      Thread scraper = new Thread(() -> {
        try {
          start.await();
          long previous = 0;
          while (writing.get()) {
            String text = registry.scrape();
            long count = (long) value(text, COUNT) - before;
            assertThat(value(text, INF)).as("+Inf bucket").isEqualTo(value(text, COUNT));
            assertThat(sum(text, AGE_INF)).as("served age +Inf").isEqualTo(sum(text, AGE_COUNT));
            assertThat(count).as("count never goes backwards").isGreaterThanOrEqualTo(previous);
            previous = count;
            if (count > 0 && partialScrape.getCount() > 0) {
              partial.add(count);
              partialScrape.countDown();
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          partialScrape.countDown();
        }
      }, "scraper");
      scraper.start();
      for (Thread writer : writers) {
        writer.join();
      }
      writing.set(false);
      scraper.join();

      assertThat(failure.get()).isNull();
      assertThat(partial).singleElement().satisfies(c -> assertThat(c).isBetween(1L, TOTAL - 1));
      String text = registry.scrape();
      assertThat(value(text, COUNT) - before).isEqualTo((double) TOTAL);
      assertThat(value(text, INF) - before).isEqualTo((double) TOTAL);
      assertThat(sum(text, AGE_COUNT) - agesBefore).isEqualTo((double) TOTAL);
      assertThat(sum(text, AGE_INF) - agesBefore).isEqualTo((double) TOTAL);
    } finally {
      registry.close();
    }
  }

  /** The value of the one sample line that starts with {@code series} and a space. */
  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(text);
    assertThat(m.find()).as("sample %s", series).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** The values of every sample line {@code pattern} matches, added up. */
  private static double sum(String text, Pattern pattern) {
    double sum = 0;
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }
}
