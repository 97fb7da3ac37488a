package dev.oddscache.tools.sim;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar, {@code [##########..........] 52% oddscache 62/120 min}. On a terminal it is
 * redrawn in place whenever the percentage changes; otherwise (a log file, CI) it prints a line
 * every 10%, so a run adds at most ten lines per policy.
 */
final class ProgressBar implements Simulation.Progress {
  private static final int WIDTH = 20;

  private final PrintWriter err;
  private final boolean interactive;
  private String lastPolicy;
  private int lastPercent = -1;

  ProgressBar(PrintWriter err, boolean interactive) {
    this.err = err;
    this.interactive = interactive;
  }

  @Override
  public void update(String policy, long done, long total) {
    int percent = (int) (100 * done / total);
    if (!interactive) {
      percent -= percent % 10;
    }
    if (policy.equals(lastPolicy) && percent == lastPercent) {
      return;
    }
    lastPolicy = policy;
    lastPercent = percent;
    int filled = WIDTH * percent / 100;
    err.print(String.format(Locale.ROOT, "%s[%s%s] %3d%% %s %d/%d min",
        interactive ? "\r" : "", "#".repeat(filled), ".".repeat(WIDTH - filled), percent, policy,
        done, total));
    if (!interactive || done == total) {
      err.println();
    }
    err.flush();
  }
}
