package dev.oddscache.tools.sim;

import dev.oddscache.cache.DriftVerdict;
import dev.oddscache.cache.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The figures of one policy's run. The per-second arrays cover the scenario's seconds and feed the
 * report's charts; {@link #toJson()} is the policy's object in the {@code --json} output.
 *
 * @param servedByStrategy requests served per {@link Strategy}, indexed by ordinal
 * @param errors failed requests plus stale-on-error answers
 * @param panicAges null when no request was PANIC
 * @param tierOnePanic the requests in panic quota tier 1, compared with the longest load
 * @param loadDurations how long the backend calls took (arrival to completion)
 * @param priceError how far the answers were off the live prices; null without a feed
 * @param driftVerdicts the product's answers by {@link DriftVerdict}; null without a feed or for
 *     a baseline
 * @param wallNanos wall time the run took; reported on the terminal, never in the JSON
 */
record PolicyResult(
    String policy,
    long requests,
    long backendCalls,
    int[] backendCallsPerSecond,
    int backendMaxConcurrent,
    long[] servedByStrategy,
    long errors,
    AgeSummary ages,
    AgeSummary panicAges,
    TierOnePanic tierOnePanic,
    CountedAges loadDurations,
    List<Transition> transitions,
    int[] requestsPerSecond,
    int[] panicRequestsPerSecond,
    int[] maxAgeMillisPerSecond,
    double[] meanAgeMillisPerSecond,
    PriceErrorSummary priceError,
    long[] driftVerdicts,
    long wallNanos) {

  long served(Strategy strategy) {
    return servedByStrategy[strategy.ordinal()];
  }

  /** Requests that got no value (the unanswered ones at the end included). */
  long failed() {
    long answered = 0;
    for (long n : servedByStrategy) {
      answered += n;
    }
    return requests - answered;
  }

  /**
   * Requests whose load failed but that were answered from a stored value (stale-if-error): the
   * part of {@link #errors()} that succeeded for the caller.
   */
  long staleOnError() {
    return errors - failed();
  }

  double meanBackendCallsPerSecond() {
    return (double) backendCalls / backendCallsPerSecond.length;
  }

  /** Nearest-rank percentile of the backend calls per second. */
  int backendCallsPerSecondPercentile(double p) {
    int[] sorted = backendCallsPerSecond.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.max(1, Math.ceil(p * sorted.length));
    return sorted[rank - 1];
  }

  int peakBackendCallsPerSecond() {
    return Arrays.stream(backendCallsPerSecond).max().orElse(0);
  }

  List<Transition.Breaker> breakerTransitions() {
    List<Transition.Breaker> list = new ArrayList<>();
    for (Transition t : transitions) {
      if (t instanceof Transition.Breaker b) {
        list.add(b);
      }
    }
    return list;
  }

  List<Transition.Tier> tierTransitions() {
    List<Transition.Tier> list = new ArrayList<>();
    for (Transition t : transitions) {
      if (t instanceof Transition.Tier tier) {
        list.add(tier);
      }
    }
    return list;
  }

  /**
   * The policy's object in the {@code --json} output, keys in the order docs/simulator.md
   * documents: {@code requests}, {@code backendCalls}, {@code backendCallsPerSecond}, {@code
   * backendMaxConcurrent}, {@code served}, {@code servedAgeSeconds}, {@code
   * panicServedAgeSeconds}, {@code tier1PanicServedAgeSeconds}, {@code loadDurationSeconds},
   * {@code priceError} (only with a feed), {@code transitions}.
   */
  Map<String, Object> toJson() {
    List<Map<String, Object>> changes = new ArrayList<>();
    for (Transition t : transitions) {
      changes.add(t.toJson());
    }
    Map<String, Object> json = JsonNumbers.object(
        "requests", requests,
        "backendCalls", backendCalls,
        "backendCallsPerSecond", JsonNumbers.object(
            "mean", JsonNumbers.fixed(meanBackendCallsPerSecond(), 3),
            "p99", backendCallsPerSecondPercentile(0.99),
            "max", peakBackendCallsPerSecond()),
        "backendMaxConcurrent", backendMaxConcurrent,
        "served", JsonNumbers.object(
            "fresh", served(Strategy.SERVE_FRESH),
            "stale", served(Strategy.SERVE_STALE),
            "bypass", served(Strategy.BYPASS),
            "compute", served(Strategy.COMPUTE),
            "errors", errors),
        "servedAgeSeconds", ages.toJson(),
        "panicServedAgeSeconds", panicAges == null ? null : panicAges.toJson(),
        "tier1PanicServedAgeSeconds", tierOnePanic.toJson(),
        "loadDurationSeconds", loadDurations.toJson());
    if (priceError != null) {
      json.put("priceError", priceError.toJson());
    }
    if (driftVerdicts != null) {
      json.put("drift", JsonNumbers.object(
          "notApplied", driftVerdicts[DriftVerdict.NOT_APPLIED.ordinal()],
          "unmoved", driftVerdicts[DriftVerdict.UNMOVED.ordinal()],
          "drifted", driftVerdicts[DriftVerdict.DRIFTED.ordinal()],
          "held", driftVerdicts[DriftVerdict.HELD.ordinal()]));
    }
    json.put("transitions", changes);
    return json;
  }
}
