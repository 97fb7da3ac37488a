package dev.oddscache.server.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's alerting rules, made from {@code alerts.yml}: the demo tells durations in a story
 * time {@code speed} times faster than real time, while Prometheus counts {@code for:} and range
 * selectors in real time, so each is divided by the speed (at least a second). Everything else —
 * expressions, labels, annotations, runbook links — stays as it is.
 */
final class DemoAlertRules {
  private static final Pattern FOR = Pattern.compile("(?m)^(\\s*for: )(\\d+)([smh])\\s*$");
  private static final Pattern RANGE = Pattern.compile("\\[(\\d+)([smh])\\]");

  private DemoAlertRules() {}

  static String of(String alerts, int speed) {
    String header = String.format(
        "# GENERATED from alerts.yml for `./oddscache demo` (%dx): do not edit; DemoAlertRulesTest"
            + " checks it%n# and rewrites it with -Doddscache.regenerate=true. The demo tells"
            + " durations in story time,%n# %d times faster than real time; here every `for:`"
            + " and range selector is divided by %d%n# (at least 1s), so an alert fires after"
            + " the story time its annotations name.%n# Run Prometheus with"
            + " ops/prometheus/prometheus-demo.yml (1 s scrape and evaluation).%n#%n",
        speed, speed, speed);
    Matcher m = FOR.matcher(alerts);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(
          m.group(1) + scaled(Long.parseLong(m.group(2)), m.group(3), speed)));
    }
    m.appendTail(out);
    Matcher r = RANGE.matcher(out.toString());
    StringBuilder ranged = new StringBuilder();
    while (r.find()) {
      r.appendReplacement(ranged, Matcher.quoteReplacement(
          "[" + scaled(Long.parseLong(r.group(1)), r.group(2), speed) + "]"));
    }
    r.appendTail(ranged);
    return header + ranged;
  }

  private static String scaled(long amount, String unit, int speed) {
    long seconds = amount * switch (unit) {
      case "s" -> 1;
      case "m" -> 60;
      default -> 3600;
    };
    return Math.max(1, Math.round((double) seconds / speed)) + "s";
  }
}
