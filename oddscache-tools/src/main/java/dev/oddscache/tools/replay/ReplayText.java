package dev.oddscache.tools.replay;

import dev.oddscache.Status;
import dev.oddscache.server.betfair.Rejection;
import dev.oddscache.vix.VixConfig;
import java.util.List;
import java.util.Locale;

/** The human-readable summary {@code replay} prints on standard output. */
final class ReplayText {
  private ReplayText() {}

  static String render(ReplayResult result) {
    StringBuilder b = new StringBuilder();
    VixConfig c = result.config();
    int fileCount = result.files().size();
    b.append(String.format(Locale.ROOT,
        "Replay of %d file%s through the VIX: PANIC at z >= %s, WARNING at z >= %s, hold %d s; "
            + "the first %d ticks of a selection only train sigma unless the price moves %s or "
            + "more in log terms.%n",
        fileCount, fileCount == 1 ? "" : "s", c.panicSigma(), c.warningSigma(),
        c.hold().toSeconds(), c.warmupTicks(), c.jumpThreshold()));
    b.append("\nFiles\n");
    for (FileReplay f : result.files()) {
      file(b, f);
    }
    for (SkippedFile f : result.skipped()) {
      b.append(String.format(Locale.ROOT, "  %s: skipped, %s%n", f.file(), f.reason()));
    }
    b.append(String.format(Locale.ROOT, "%nTotal: %,d ticks accepted, %,d rejected; %d market%s, "
            + "%d PANIC episode%s%n",
        result.ticks(), result.rejected(), result.markets().size(),
        result.markets().size() == 1 ? "" : "s", result.episodes().size(),
        result.episodes().size() == 1 ? "" : "s"));
    for (MarketReplay m : result.markets()) {
      market(b, m);
    }
    return b.toString();
  }

  private static void file(StringBuilder b, FileReplay f) {
    if (f.error() != null) {
      b.append(String.format(Locale.ROOT, "  %s: stopped by a read error after %,d accepted "
          + "ticks: %s%n", f.file(), f.accepted(), f.error()));
      return;
    }
    b.append(String.format(Locale.ROOT,
        "  %s: %,d lines, %,d ticks accepted, %,d rejected%s, %,d ignored (market not OPEN)%n",
        f.file(), f.lines(), f.accepted(), f.rejected(),
        f.outOfOrder() == 0 ? "" : String.format(Locale.ROOT, " (%,d out of order)",
            f.outOfOrder()),
        f.ignored()));
    if (f.lines() > 0 && f.accepted() + f.rejected() + f.ignored() == 0) {
      b.append("    warning: no price in any mcm message; is this a Betfair stream file?\n");
    }
    for (Rejection r : f.firstRejections()) {
      b.append(String.format(Locale.ROOT, "    line %d: %s%n", r.index() + 1, r.reason()));
    }
    if (f.rejected() > f.firstRejections().size()) {
      b.append(String.format(Locale.ROOT, "    ... and %,d more rejections%n",
          f.rejected() - f.firstRejections().size()));
    }
  }

  private static void market(StringBuilder b, MarketReplay m) {
    b.append(String.format(Locale.ROOT, "%nMarket %s%s%n", m.heading(),
        m.kickoffMillis() == null ? ""
            : ", kickoff " + Times.dateTime(m.kickoffMillis()) + " UTC"));
    List<String> named = m.namedSelections();
    if (!named.isEmpty()) {
      b.append("  runners (from the market catalogue): ").append(String.join(", ", named))
          .append('\n');
    }
    b.append(String.format(Locale.ROOT,
        "  %,d ticks over %d selection%s (%,d NORMAL, %,d WARNING, %,d PANIC), "
            + "%s to %s UTC; %s%n",
        m.ticks(), m.selections(), m.selections() == 1 ? "" : "s", m.classified(Status.NORMAL),
        m.classified(Status.WARNING), m.classified(Status.PANIC), Times.dateTime(m.firstMillis()),
        Times.end(m.firstMillis(), m.lastMillis()),
        m.inPlayFromMillis() == null ? "never in play"
            : "in play from " + Times.dateTime(m.inPlayFromMillis()) + " UTC"));
    List<Episode> episodes = m.episodes();
    if (episodes.isEmpty()) {
      b.append("  no PANIC episode\n");
      return;
    }
    long total = episodes.stream().mapToLong(Episode::durationMillis).sum();
    b.append(String.format(Locale.ROOT, "  %d PANIC episode%s, %s in total:%n", episodes.size(),
        episodes.size() == 1 ? "" : "s", Times.duration(total)));
    for (Episode e : episodes) {
      b.append(String.format(Locale.ROOT, "    %s -> %s UTC  %-14s peak z %6.2f  %s%n",
          Times.dateTime(e.startMillis()), Times.end(e.startMillis(), e.endMillis()),
          Times.duration(e.durationMillis()), e.peakZ(), e.inPlay() ? "in play" : "pre-play"));
    }
  }
}
