package dev.oddscache.server.metrics;

import dev.oddscache.stats.HistogramCounts;
import dev.oddscache.stats.HistogramView;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The histogram families of {@link PrometheusHistograms}, built on each scrape from the views'
 * counts in the Prometheus client's snapshot model, which renders both the text format and
 * OpenMetrics. One family per meter name, one data point per view.
 */
final class HistogramCollector implements MultiCollector {
  private final Map<String, List<HistogramView>> families = new LinkedHashMap<>();
  private final List<Meter.Id> registered;

  /**
   * @param registered the ids the registry gave the meters these views stand for; a view takes
   *     the labels of the one with its name and tags (common tags come with it), else its own
   */
  HistogramCollector(List<HistogramView> views, List<Meter.Id> registered) {
    for (HistogramView view : views) {
      families.computeIfAbsent(prometheusName(view.name()), n -> new ArrayList<>()).add(view);
    }
    this.registered = registered;
  }

  /** Micrometer's rendering of a duration in seconds: dots to underscores, then the unit. */
  static String prometheusName(String meterName) {
    return meterName.replace('.', '_') + "_" + Unit.SECONDS;
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.copyOf(families.keySet());
  }

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> snapshots = new ArrayList<>();
    families.forEach((name, views) -> {
      HistogramSnapshot.Builder family = HistogramSnapshot.builder()
          .name(name)
          .help(views.get(0).description())
          .unit(Unit.SECONDS);
      for (HistogramView view : views) {
        family.dataPoint(dataPoint(view));
      }
      snapshots.add(family.build());
    });
    return new MetricSnapshots(snapshots);
  }

  private HistogramSnapshot.HistogramDataPointSnapshot dataPoint(HistogramView view) {
    HistogramCounts counts = view.counts();
    int n = counts.buckets();
    double[] bounds = new double[n];
    long[] inBucket = new long[n];
    long below = 0;
    for (int i = 0; i < n; i++) {
      bounds[i] = counts.upperBound(i);
      inBucket[i] = counts.cumulativeCount(i) - below;
      below = counts.cumulativeCount(i);
    }
    return HistogramSnapshot.HistogramDataPointSnapshot.builder()
        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, inBucket))
        .sum(counts.sum())
        .labels(labels(view))
        .build();
  }

  private Labels labels(HistogramView view) {
    Map<String, String> labels = new TreeMap<>(view.tags());
    for (Meter.Id id : registered) {
      if (id.getName().equals(view.name()) && hasTags(id, view.tags())) {
        for (Tag tag : id.getTags()) {
          labels.put(tag.getKey(), tag.getValue());
        }
        break;
      }
    }
    Labels.Builder builder = Labels.builder();
    labels.forEach(builder::label);
    return builder.build();
  }

  private static boolean hasTags(Meter.Id id, Map<String, String> tags) {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!tag.getValue().equals(id.getTag(tag.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
