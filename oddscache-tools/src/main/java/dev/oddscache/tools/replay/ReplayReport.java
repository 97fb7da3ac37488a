package dev.oddscache.tools.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Writes {@code report.md} and one PNG chart per market into a directory. Rendering is headless,
 * so it works on servers and in CI.
 */
final class ReplayReport {
  private ReplayReport() {}

  /** Writes the report; returns the path of {@code report.md}. */
  static Path write(Path dir, ReplayResult result) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    Files.createDirectories(dir);
    Map<MarketReplay, String> charts = new LinkedHashMap<>();
    for (MarketReplay m : result.markets()) {
      String name = chartName(m);
      XYChart chart = ReplayCharts.market(m);
      Files.write(dir.resolve(name),
          BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
      charts.put(m, name);
    }
    Path report = dir.resolve("report.md");
    Files.writeString(report, markdown(result, charts), StandardCharsets.UTF_8);
    return report;
  }

  /** {@code <event>-<market>.png}, with anything but letters, digits, dot and dash replaced. */
  static String chartName(MarketReplay m) {
    return (m.key().match() + "-" + m.key().market()).replaceAll("[^A-Za-z0-9.-]", "_") + ".png";
  }

  static String markdown(ReplayResult result, Map<MarketReplay, String> charts) {
    StringBuilder md = new StringBuilder("# Betfair replay\n\n");
    md.append(String.format(Locale.ROOT, "%,d ticks accepted, %,d rejected, through the real "
            + "`VixDetector` with the default settings: PANIC at z >= %s, WARNING at z >= %s, "
            + "hold %d s.%n%n", result.ticks(), result.rejected(), result.config().panicSigma(),
        result.config().warningSigma(), result.config().hold().toSeconds()));
    md.append("| file | lines | accepted | rejected | out of order | ignored (not OPEN) |\n")
        .append("|---|---|---|---|---|---|\n");
    for (FileReplay f : result.files()) {
      md.append(row("`" + f.file() + "`", count(f.lines()), count(f.accepted()),
          count(f.rejected()), count(f.outOfOrder()),
          f.error() == null ? count(f.ignored()) : "read error: " + f.error()));
    }
    for (SkippedFile f : result.skipped()) {
      md.append(row("`" + f.file() + "`", "skipped: " + f.reason(), "", "", "", ""));
    }
    md.append("\nAn episode is a maximal run of PANIC held status of one market: it starts at the "
        + "`pt` of the tick after which the market is PANIC and ends when the status decays, at "
        + "the latest PANIC tick's `pt` plus the hold. Its peak z is the largest z-score of the "
        + "market's ticks inside it; a warm-up jump (a move of 10% or more in a selection's first "
        + "ticks) is PANIC whatever its z-score, so a peak below the PANIC threshold is possible. "
        + "Times are UTC, from the feed's own clock.\n");
    for (Map.Entry<MarketReplay, String> e : charts.entrySet()) {
      MarketReplay m = e.getKey();
      md.append("\n## ").append(m.heading()).append("\n\n");
      md.append(String.format(Locale.ROOT, "%s%,d ticks over %d selections, "
              + "%s to %s UTC; %s.%n%n",
          m.kickoffMillis() == null ? ""
              : "kickoff " + Times.dateTime(m.kickoffMillis()) + " UTC; ",
          m.ticks(), m.selections(), Times.dateTime(m.firstMillis()),
          Times.end(m.firstMillis(), m.lastMillis()),
          m.inPlayFromMillis() == null ? "never in play"
              : "in play from " + Times.dateTime(m.inPlayFromMillis()) + " UTC"));
      List<Episode> episodes = m.episodes();
      if (episodes.isEmpty()) {
        md.append("No PANIC episode.\n");
      } else {
        md.append("| start (UTC) | end (UTC) | duration | peak z | in play |\n")
            .append("|---|---|---|---|---|\n");
        for (Episode ep : episodes) {
          md.append(row(Times.dateTime(ep.startMillis()), Times.end(ep.startMillis(),
                  ep.endMillis()), Times.duration(ep.durationMillis()),
              String.format(Locale.ROOT, "%.2f", ep.peakZ()), ep.inPlay() ? "yes" : "no"));
        }
      }
      List<String> named = m.namedSelections();
      if (!named.isEmpty()) {
        md.append("Runners (from the market catalogue): ").append(String.join(", ", named))
            .append(".\n\n");
      }
      md.append("\n![").append(m.heading())
          .append("](").append(e.getValue()).append(")\n");
    }
    return md.toString();
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
