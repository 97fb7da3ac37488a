package dev.oddscache.tools.demo;

import dev.oddscache.Status;
import dev.oddscache.decision.Decision;
import java.io.PrintWriter;
import java.util.Locale;

/** What the story's decisions add up to, against a cache that bypasses on every PANIC. */
final class StoryTotals {
  private long requests;
  private long panicRequests;
  private long zeroTtl;

  void count(Decision d) {
    requests++;
    if (d.status() == Status.PANIC) {
      panicRequests++;
    }
    if (d.ttlSeconds() == 0) {
      zeroTtl++;
    }
  }

  long requests() {
    return requests;
  }

  long panicRequests() {
    return panicRequests;
  }

  long zeroTtl() {
    return zeroTtl;
  }

  void print(PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "%d requests, %d of them during a PANIC.%n", requests, panicRequests);
    out.printf(Locale.ROOT,
        "A cache that bypasses on every PANIC would have sent all %d to the backend;"
            + " oddscache decided TTL 0 for %d (%.1f%%) and let the breaker floors and the panic"
            + " quota cache the rest.%n",
        panicRequests, zeroTtl, panicRequests == 0 ? 0.0 : 100.0 * zeroTtl / panicRequests);
    out.println("The same story live, through the HTTP server with the dashboard and real"
        + " backend load: ./oddscache demo");
    out.println("Try one decision by hand: ./oddscache explain --competition \"Ligue 1\""
        + " --status panic --panic-for 35m --base-ttl 60s");
  }
}
