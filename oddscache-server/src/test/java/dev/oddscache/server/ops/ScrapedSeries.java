package dev.oddscache.server.ops;

import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.server.metrics.PrometheusHistograms;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The series a Prometheus server scrapes from one oddscache process: every meter of a real {@link
 * OddsCache}, rendered by Micrometer's Prometheus registry (the one the server exposes on {@code
 * /metrics}) and parsed back from the text exposition. Sample names are what PromQL sees: {@code
 * _total} counters, {@code _bucket}/{@code _count}/{@code _sum} series of histograms (with
 * {@code le}), {@code _count}/{@code _sum}/{@code _max} of timers and summaries.
 */
final class ScrapedSeries {
  private final String text;
  private final Map<String, List<Map<String, String>>> samples;

  private ScrapedSeries(String text, Map<String, List<Map<String, String>>> samples) {
    this.text = text;
    this.samples = samples;
  }

  /**
   * Scrapes a freshly built cache, its histograms exported as the server exports them: every
   * series exists at zero before the first request.
   */
  static ScrapedSeries ofOddsCache() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusHistograms histograms =
        PrometheusHistograms.prepare(registry, OddsCacheConfig.DEFAULT_QUANTILES);
    try (OddsCache<String> cache = OddsCache.<String>builder().meterRegistry(registry).build()) {
      histograms.export(cache.histograms());
      return parse(registry.scrape());
    } finally {
      registry.close();
    }
  }

  /** Parses the Prometheus text format (0.0.4): {@code name{label="value",...} value}. */
  static ScrapedSeries parse(String text) {
    Map<String, List<Map<String, String>>> samples = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      Map<String, String> labels = new LinkedHashMap<>();
      String name;
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        parseLabels(line, brace + 1, labels);
      } else {
        name = line.substring(0, space);
      }
      samples.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(labels);
    }
    return new ScrapedSeries(text, samples);
  }

  private static void parseLabels(String line, int start, Map<String, String> into) {
    int i = start;
    while (line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String label = line.substring(i, eq).trim();
      StringBuilder value = new StringBuilder();
      int j = eq + 2; // past ="
      for (; line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\') {
          char next = line.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      into.put(label, value.toString());
      i = j + 1;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
  }

  /** The exposition text as scraped. */
  String text() {
    return text;
  }

  /** Every sample name. */
  Set<String> names() {
    return Collections.unmodifiableSet(samples.keySet());
  }

  boolean has(String name) {
    return samples.containsKey(name);
  }

  /** The label names of the series called {@code name}. */
  Set<String> labels(String name) {
    Set<String> labels = new TreeSet<>();
    samples.getOrDefault(name, List.of()).forEach(l -> labels.addAll(l.keySet()));
    return labels;
  }

  /** The values {@code label} takes on the series called {@code name}. */
  Set<String> values(String name, String label) {
    Set<String> values = new TreeSet<>();
    for (Map<String, String> labels : samples.getOrDefault(name, List.of())) {
      String value = labels.get(label);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }
}
