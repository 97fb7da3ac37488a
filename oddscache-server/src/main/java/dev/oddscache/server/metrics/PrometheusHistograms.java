package dev.oddscache.server.metrics;

import dev.oddscache.metrics.MeterNames;
import dev.oddscache.stats.HistogramView;
import dev.oddscache.stats.Quantiles;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publishes a cache's {@link HistogramView}s on a Prometheus registry as classic histograms,
 * {@code oddscache_request_duration_seconds} and {@code oddscache_served_age_seconds{strategy}}
 * ({@code _bucket{le}}, {@code _count}, {@code _sum}). In two steps, because the cache registers
 * Micrometer count/sum timers under the same names when it is built, and two families of one name
 * make a scrape fail:
 *
 * <ol>
 *   <li>{@link #prepare} before the cache is built: a {@link MeterFilter} denies those timers on
 *       this registry, and notes the tags the registry gave each one, common tags included, so
 *       that the histograms carry the same labels as every other meter;
 *   <li>{@link #export} once it is built: registers the collector of the views.
 * </ol>
 *
 * <p>Outside {@link Quantiles#HISTOGRAM} both steps do nothing: Micrometer's own timer and
 * summaries are then the series.
 */
public final class PrometheusHistograms {
  /** The meters this exports in Micrometer's place. */
  static final Set<String> NAMES = Set.of(MeterNames.REQUEST_DURATION, MeterNames.SERVED_AGE);

  private final PrometheusMeterRegistry registry;
  private final boolean active;
  /** The ids of the denied timers, as the registry's other filters left them. */
  private final List<Meter.Id> denied = new CopyOnWriteArrayList<>();

  private PrometheusHistograms(PrometheusMeterRegistry registry, boolean active) {
    this.registry = registry;
    this.active = active;
  }

  /**
   * Installs the filter on {@code registry} when {@code quantiles} is {@link
   * Quantiles#HISTOGRAM}. Call it before building the cache that registers on this registry.
   */
  public static PrometheusHistograms prepare(PrometheusMeterRegistry registry,
      Quantiles quantiles) {
    Objects.requireNonNull(registry, "registry");
    PrometheusHistograms histograms = new PrometheusHistograms(registry,
        Objects.requireNonNull(quantiles, "quantiles") == Quantiles.HISTOGRAM);
    if (histograms.active) {
      registry.config().meterFilter(histograms.filter());
    }
    return histograms;
  }

  /**
   * Registers the collector of {@code views} (the cache's {@code histograms()}); nothing when
   * they are empty or the mode is not {@link Quantiles#HISTOGRAM}.
   *
   * @throws IllegalArgumentException if a collector of these names is registered already
   */
  public void export(List<HistogramView> views) {
    Objects.requireNonNull(views, "views");
    if (active && !views.isEmpty()) {
      registry.getPrometheusRegistry().register(new HistogramCollector(views, denied));
    }
  }

  private MeterFilter filter() {
    return new MeterFilter() {
      // accept() sees the id after every filter's map(), wherever this one is in the chain, so
      // the tags noted include common tags added later.
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        if (!NAMES.contains(id.getName())) {
          return MeterFilterReply.NEUTRAL;
        }
        denied.add(id);
        return MeterFilterReply.DENY;
      }
    };
  }
}
