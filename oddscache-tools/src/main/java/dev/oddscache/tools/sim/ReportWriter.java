package dev.oddscache.tools.sim;

import dev.oddscache.cache.Strategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Writes {@code report.md} and its PNG charts into a directory: the scenario, the figures of the
 * JSON output side by side, the transitions, and the charts of {@link ReportCharts}. Rendering is
 * headless, so it works on servers and in CI.
 */
final class ReportWriter {
  private ReportWriter() {}

  /** Writes the report; returns the path of {@code report.md}. */
  static Path write(Path dir, SimulationResult result) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    Files.createDirectories(dir);
    Map<String, XYChart> charts = ReportCharts.all(result);
    for (Map.Entry<String, XYChart> chart : charts.entrySet()) {
      Files.write(dir.resolve(chart.getKey() + ".png"),
          BitmapEncoder.getBitmapBytes(chart.getValue(), BitmapEncoder.BitmapFormat.PNG));
    }
    Path report = dir.resolve("report.md");
    Files.writeString(report, markdown(result, charts), StandardCharsets.UTF_8);
    return report;
  }

  static String markdown(SimulationResult result, Map<String, XYChart> charts) {
    Scenario s = result.scenario();
    RunPlan plan = result.plan();
    StringBuilder md = new StringBuilder();
    md.append("# Simulation: ").append(s.name()).append("\n\n");
    if (plan.tickDriven()) {
      md.append(String.format(Locale.ROOT,
          "Driven by %,d recorded Betfair ticks of %s, from %s to %s (%s of virtual time). ",
          plan.feed().ticks(), String.join(", ", s.ticks().betfair().stream()
              .map(f -> "`" + Path.of(f).getFileName() + "`").toList()),
          plan.start(), Instant.ofEpochMilli(plan.feed().endMillis()),
          SummaryText.span(plan.durationSeconds())));
    } else {
      md.append(String.format(Locale.ROOT, "%d minutes of virtual time, ", s.durationMinutes()));
    }
    md.append(String.format(Locale.ROOT,
        "%,d requests/s (Zipf exponent %s) over %d keys, seed %d. "
            + "Backend: %d ms per call, failure rate %s%s.%n%n",
        s.load().requestsPerSecond(), s.load().zipfExponent(),
        new Workload(s, plan.matches(), plan.start()).keyCount(), s.seed(),
        s.backend().latencyMs(), s.backend().failureRate(),
        s.backend().maxConcurrent() == null ? ""
            : ", at most " + s.backend().maxConcurrent() + " calls at once"));
    md.append("| match | competition | name | kickoff (minute) | markets |\n"
        + "|---|---|---|---|---|\n");
    for (Scenario.MatchSpec m : plan.matches()) {
      md.append(row(m.id(), nz(m.competition()), nz(m.name()),
          m.kickoffAtMinute() == null ? "unknown" : fmt(m.kickoffAtMinute()),
          String.join(", ", m.markets())));
    }
    if (!s.statuses().isEmpty()) {
      md.append("\nStatuses (NORMAL outside these intervals):\n\n");
      for (Scenario.StatusSpan span : s.statuses()) {
        md.append("- ").append(span.match()).append(": ")
            .append(span.status().toUpperCase(Locale.ROOT))
            .append(" from minute ").append(fmt(span.fromMinute())).append(" to ")
            .append(fmt(span.toMinute())).append('\n');
      }
    }
    if (!s.events().isEmpty()) {
      md.append("\nEvents:\n\n");
      for (Scenario.EventSpec e : s.events()) {
        md.append("- minute ").append(fmt(e.atMinute())).append(": ").append(e.type())
            .append(" in ").append(e.match())
            .append(e.market() == null ? "" : " (market " + e.market() + ")").append('\n');
      }
    }
    List<PolicyResult> ps = result.policies();
    if (plan.tickDriven()) {
      accuracySection(md, ps);
    }
    md.append("\n## Results\n\n");
    md.append("| | ").append(String.join(" | ", ps.stream().map(PolicyResult::policy).toList()))
        .append(" |\n|---|").append("---|".repeat(ps.size())).append('\n');
    md.append(metric(ps, "requests", p -> count(p.requests())));
    md.append(metric(ps, "backend calls", p -> count(p.backendCalls())));
    md.append(metric(ps, "backend calls/s mean",
        p -> String.format(Locale.ROOT, "%.3f", p.meanBackendCallsPerSecond())));
    md.append(metric(ps, "backend calls/s p99",
        p -> count(p.backendCallsPerSecondPercentile(0.99))));
    md.append(metric(ps, "backend calls/s max", p -> count(p.peakBackendCallsPerSecond())));
    md.append(metric(ps, "backend max concurrent", p -> count(p.backendMaxConcurrent())));
    md.append(metric(ps, "served fresh", p -> count(p.served(Strategy.SERVE_FRESH))));
    md.append(metric(ps, "served stale", p -> count(p.served(Strategy.SERVE_STALE))));
    md.append(metric(ps, "served bypass", p -> count(p.served(Strategy.BYPASS))));
    md.append(metric(ps, "served compute", p -> count(p.served(Strategy.COMPUTE))));
    md.append(metric(ps, "failed requests", p -> count(p.failed())));
    md.append(metric(ps, "backend errors answered stale (stale-if-error)",
        p -> count(p.staleOnError())));
    md.append(metric(ps, "served age p50 / p99 / max (s)", p -> ages(p.ages())));
    md.append(metric(ps, "PANIC served age p50 / p99 / max (s)",
        p -> p.panicAges() == null ? "no PANIC requests" : ages(p.panicAges())));
    md.append(metric(ps, "tier-1 PANIC answers (failed)",
        p -> count(p.tierOnePanic().served().count()) + " ("
            + count(p.tierOnePanic().failed()) + ")"));
    md.append(metric(ps, "tier-1 PANIC served age p50 / p99 / max (s)",
        p -> ages(p.tierOnePanic().served().ages())));
    md.append(metric(ps, "tier-1 PANIC age since load start p50 / p99 / max (s)",
        p -> ages(p.tierOnePanic().sinceLoadStart())));
    md.append(metric(ps, "load duration p50 / p99 / max (s)", p -> ages(p.loadDurations().ages())));
    md.append(metric(ps, SummaryText.WITHIN_ONE_LOAD,
        p -> p.tierOnePanic().served().count() == 0 ? "no tier-1 answers"
            : SummaryText.verdict(p.tierOnePanic(), "; ")));
    md.append(metric(ps, "breaker transitions", p -> count(p.breakerTransitions().size())));
    md.append(metric(ps, "tier transitions", p -> count(p.tierTransitions().size())));
    tierOneSection(md, ps);
    for (PolicyResult p : ps) {
      if (p.transitions().isEmpty()) {
        continue;
      }
      md.append("\n### Transitions of ").append(p.policy()).append("\n\n");
      md.append("| second | time | kind | change |\n|---|---|---|---|\n");
      for (Transition t : p.transitions()) {
        String change = t instanceof Transition.Breaker b
            ? String.format(Locale.ROOT, "%s -> %s (panic ratio %.4f)", b.from(), b.to(),
                b.panicRatio())
            : tierChange((Transition.Tier) t);
        md.append(row(String.valueOf(t.second()), SummaryText.clock(t.second()),
            t instanceof Transition.Breaker ? "breaker" : "tier", change));
      }
    }
    md.append("\n## Charts\n");
    for (String name : charts.keySet()) {
      md.append("\n![").append(charts.get(name).getTitle()).append("](").append(name)
          .append(".png)\n");
    }
    md.append("\nBaselines: `bypass` is a plain map cache with the zone TTL that loads on every "
        + "PANIC request, uncoalesced; `fixed-ttl` keeps the zone TTL whatever the volatility, "
        + "with single-flight loading and no stale serving (`fixed-ttl:D` the same with a fixed "
        + "TTL of D). None has a breaker or tiers. `oddscache-ttl` is the product with price "
        + "drift off: the seeds' timer rule.\n");
    return md.toString();
  }

  /** Loads and price error per policy: the headline of a run on real odds. */
  private static void accuracySection(StringBuilder md, List<PolicyResult> ps) {
    md.append("\n## Price accuracy per backend load\n\n");
    md.append("The price error of an answer is the largest |ln(price now) − ln(price when the "
        + "load that produced it started)| over its market's selections, \"now\" being the "
        + "moment it is served: 0.02 is a price about 2% off the live one.\n\n");
    md.append("| policy | backend loads | p99.9 price error | mean | p50 | p99 | max |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (PolicyResult p : ps) {
      PriceErrorSummary e = p.priceError();
      md.append(row(p.policy().equals(PriceErrorChart.PRODUCT) ? "**" + p.policy() + "**"
              : p.policy(), count(p.backendCalls()), decimals(e.p999()), decimals(e.mean()),
          decimals(e.p50()), decimals(e.p99()), decimals(e.max())));
    }
  }

  private static String decimals(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  /** The tier-1 answers by kind, and what the figures mean. */
  private static void tierOneSection(StringBuilder md, List<PolicyResult> ps) {
    md.append("\n### Tier-1 PANIC answers by kind\n\n");
    md.append("Answers: served age p50 / p99 / max (s) "
        + "(answers older than the run's longest load).\n\n");
    md.append("| | ").append(String.join(" | ", ps.stream().map(PolicyResult::policy).toList()))
        .append(" |\n|---|").append("---|".repeat(ps.size())).append('\n');
    for (Served.Answer a : Served.Answer.values()) {
      md.append(metric(ps, a.key(), p -> {
        CountedAges c = p.tierOnePanic().by(a);
        return c.count() == 0 ? "-" : count(c.count()) + ": " + ages(c.ages()) + " ("
            + count(p.tierOnePanic().olderThanMaxLoad(a)) + " older)";
      }));
    }
    md.append("\nThe claim checked here: with the breaker NORMAL and loads succeeding, the "
        + "served age during tier-1 panic is at most one load duration. A request is tier 1 "
        + "by its decision for `oddscache`, and for the baselines (and failed requests) by the "
        + "tier the default quota gives it from its match's stakes and how long the match has "
        + "been PANIC. A tier-1 bypass starts or joins a load and is answered when it lands: "
        + "its served age is about 0, and its age since the load started is that load's "
        + "duration. For `oddscache`, older tier-1 answers have other causes: `fresh`, `stale` "
        + "and `compute` mean a breaker floor (the least TTL the breaker allows a PANIC "
        + "request: 5 s in HIGH_VOLATILITY, 10 s in CIRCUIT_OPEN) raised the TTL above the "
        + "quota's 0; `staleIfError`, a failed load answered with a value younger than "
        + "`staleIfError` (5 min); `overload`, a full bulkhead answered with a value no older "
        + "than `maxStaleOnOverload` (60 s). The baselines ignore tiers: `fixed-ttl` serves its "
        + "zone TTL. Load durations run from a call's arrival at the backend to its "
        + "completion, any wait for a `maxConcurrent` slot included.\n");
  }

  private static String tierChange(Transition.Tier t) {
    return t.match() + " tier " + t.from() + " -> " + t.to();
  }

  private static String metric(List<PolicyResult> ps, String name,
      Function<PolicyResult, String> f) {
    StringBuilder b = new StringBuilder("| ").append(name);
    for (PolicyResult p : ps) {
      b.append(" | ").append(f.apply(p));
    }
    return b.append(" |\n").toString();
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static String ages(AgeSummary a) {
    if (a == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", a.p50Millis() / 1000.0,
        a.p99Millis() / 1000.0, a.maxMillis() / 1000.0);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String fmt(double minutes) {
    return minutes == Math.rint(minutes) ? String.valueOf((long) minutes) : String.valueOf(minutes);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
