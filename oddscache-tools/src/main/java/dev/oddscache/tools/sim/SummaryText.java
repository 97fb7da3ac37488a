package dev.oddscache.tools.sim;

import dev.oddscache.cache.Strategy;
import java.util.Locale;

/** The short human-readable summary {@code simulate} prints on standard output. */
final class SummaryText {
  private SummaryText() {}

  static String render(SimulationResult result) {
    StringBuilder b = new StringBuilder();
    Scenario s = result.scenario();
    RunPlan plan = result.plan();
    if (plan.tickDriven()) {
      b.append(String.format(Locale.ROOT,
          "Scenario %s: %s of Betfair ticks (%,d ticks, %d market(s)) from %s, "
              + "%,d requests/s, seed %d%n",
          s.name(), span(plan.durationSeconds()), plan.feed().ticks(),
          plan.feed().markets().size(), plan.start(), s.load().requestsPerSecond(), s.seed()));
    } else {
      b.append(String.format(Locale.ROOT, "Scenario %s: %d min, %,d requests/s, seed %d%n",
          s.name(), s.durationMinutes(), s.load().requestsPerSecond(), s.seed()));
    }
    for (PolicyResult p : result.policies()) {
      b.append(String.format(Locale.ROOT,
          "%n%s%n  requests %,d; backend calls %,d (%.1f/s mean, p99 %,d/s, peak %,d/s), "
              + "max %d concurrent%n",
          p.policy(), p.requests(), p.backendCalls(), p.meanBackendCallsPerSecond(),
          p.backendCallsPerSecondPercentile(0.99), p.peakBackendCallsPerSecond(),
          p.backendMaxConcurrent()));
      b.append(String.format(Locale.ROOT,
          "  served fresh %,d, stale %,d, bypass %,d, compute %,d; failed %,d; "
              + "backend errors answered stale (stale-if-error) %,d%n",
          p.served(Strategy.SERVE_FRESH), p.served(Strategy.SERVE_STALE),
          p.served(Strategy.BYPASS), p.served(Strategy.COMPUTE), p.failed(),
          p.staleOnError()));
      b.append("  served age p50/p99/max ").append(ages(p.ages()));
      b.append(p.panicAges() == null ? "; no PANIC requests"
          : "; during PANIC " + ages(p.panicAges()));
      b.append(System.lineSeparator());
      if (p.priceError() != null) {
        b.append("  price error ").append(priceError(p.priceError()))
            .append(String.format(Locale.ROOT, " over %,d answers, %,d loads%n",
                p.priceError().count(), p.backendCalls()));
      }
      tierOne(b, p);
      for (Transition.Breaker t : p.breakerTransitions()) {
        b.append(String.format(Locale.ROOT, "  %s breaker %s -> %s (panic ratio %.2f)%n",
            clock(t.second()), t.from(), t.to(), t.panicRatio()));
      }
      long tiers = p.tierTransitions().size();
      if (tiers > 0) {
        b.append(String.format(Locale.ROOT, "  %d tier changes, e.g. %s%n", tiers,
            tierLine(p.tierTransitions().get(0))));
      }
    }
    if (plan.tickDriven()) {
      accuracyTable(b, result);
    }
    return b.toString();
  }

  /** The headline of a run on real odds: loads and p99.9 price error side by side. */
  private static void accuracyTable(StringBuilder b, SimulationResult result) {
    int width = "policy".length();
    for (PolicyResult p : result.policies()) {
      width = Math.max(width, p.policy().length());
    }
    String row = "  %-" + width + "s %12s %12s%n";
    b.append(String.format(Locale.ROOT, "%nPrice accuracy per backend load%n"));
    b.append(String.format(Locale.ROOT, row, "policy", "loads", "p99.9 error"));
    for (PolicyResult p : result.policies()) {
      b.append(String.format(Locale.ROOT, row, p.policy(),
          String.format(Locale.ROOT, "%,d", p.backendCalls()),
          String.format(Locale.ROOT, "%.4f", p.priceError().p999())));
    }
  }

  /** {@code mean/p50/p99/p99.9/max} in log price. */
  static String priceError(PriceErrorSummary e) {
    return String.format(Locale.ROOT, "mean/p50/p99/p99.9/max %.4f/%.4f/%.4f/%.4f/%.4f",
        e.mean(), e.p50(), e.p99(), e.p999(), e.max());
  }

  /** A length in seconds as {@code 3 min 12 s} or {@code 26 h 04 min}. */
  static String span(long seconds) {
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }

  /**
   * Two or three lines: the tier-1 PANIC answers, the load durations they are compared with, and
   * the answers older than the longest load, by kind.
   */
  private static void tierOne(StringBuilder b, PolicyResult p) {
    TierOnePanic t = p.tierOnePanic();
    String n = System.lineSeparator();
    if (t.served().count() == 0) {
      b.append(String.format(Locale.ROOT, "  tier-1 PANIC: no answers (%,d failed)%n", t.failed()));
    } else {
      b.append(String.format(Locale.ROOT,
          "  tier-1 PANIC: %,d answers (%,d failed), served age p50/p99/max %s, "
              + "since load start %s%n",
          t.served().count(), t.failed(), ages(t.served().ages()), ages(t.sinceLoadStart())));
    }
    CountedAges loads = p.loadDurations();
    b.append(String.format(Locale.ROOT, "  load duration p50/p99/max %s over %,d calls",
        loads.ages() == null ? "-" : ages(loads.ages()), loads.count()));
    if (t.served().count() > 0) {
      b.append(n).append("  ").append(WITHIN_ONE_LOAD).append(": ").append(verdict(t, ", "));
    }
    b.append(n);
  }

  /**
   * The check on tier-1 answers: the quota's TTL 0 answers with a coalesced load, at most one
   * load duration old; an older answer is one that another rule served on purpose.
   */
  static final String WITHIN_ONE_LOAD = "tier-1 PANIC answers within one load duration"
      + " (true of TTL-0 coalesced loads)";

  /**
   * {@code yes}, or {@code NO, N of M answers older, each by a rule: fresh N (max Xs: why), ...}
   * listing the kinds of answer older than the longest load with their own maximum and the rule
   * that served them.
   */
  static String verdict(TierOnePanic t, String separator) {
    if (t.withinOneLoad()) {
      return "yes";
    }
    StringBuilder kinds = new StringBuilder();
    for (Served.Answer a : Served.Answer.values()) {
      long older = t.olderThanMaxLoad(a);
      if (older > 0) {
        if (kinds.length() > 0) {
          kinds.append(separator);
        }
        kinds.append(String.format(Locale.ROOT, "%s %,d (max %.3fs: %s)", a.key(), older,
            t.by(a).ages().maxMillis() / 1000.0, a.reason()));
      }
    }
    return String.format(Locale.ROOT, "NO, %,d of %,d answers older, each by a rule: %s",
        t.olderThanMaxLoadTotal(), t.served().count(), kinds);
  }

  private static String tierLine(Transition.Tier t) {
    return clock(t.second()) + " " + t.match() + " tier " + t.from() + " -> " + t.to();
  }

  private static String ages(AgeSummary a) {
    return String.format(Locale.ROOT, "%.3fs/%.3fs/%.3fs", a.p50Millis() / 1000.0,
        a.p99Millis() / 1000.0, a.maxMillis() / 1000.0);
  }

  /** A second from the start as {@code m+MM:SS}, e.g. {@code 45:00}. */
  static String clock(long second) {
    return String.format(Locale.ROOT, "%d:%02d", second / 60, second % 60);
  }
}
