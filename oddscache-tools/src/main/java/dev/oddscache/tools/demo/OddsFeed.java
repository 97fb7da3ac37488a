package dev.oddscache.tools.demo;

import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.VixDetector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic exchange feed: every selection ticks every five seconds with small noise; while a
 * match is volatile, the favourite of each of its markets jumps 8% every 30 seconds, which the
 * real detector classifies as PANIC and holds between jumps.
 */
final class OddsFeed {
  private static final String[] SELECTIONS = {"home", "draw", "away"};
  private static final int TICK_EVERY_SECONDS = 5;
  private static final int JUMP_EVERY_SECONDS = 30;
  private static final double NOISE = 0.004;
  private static final double JUMP = 0.08;

  private final VixDetector vix;
  private final SplittableRandom random;
  private final Map<String, Double> prices = new HashMap<>();

  OddsFeed(VixDetector vix, long seed) {
    this.vix = vix;
    this.random = new SplittableRandom(seed);
  }

  /** Publishes the ticks of second {@code second} of the story, at wall time {@code nowMillis}. */
  void tick(List<DemoMatch> matches, long second, long nowMillis) {
    if (second % TICK_EVERY_SECONDS != 0) {
      return;
    }
    long minute = second / 60;
    for (DemoMatch match : matches) {
      boolean jump = match.volatileAt(minute) && second % JUMP_EVERY_SECONDS == 0;
      for (String market : match.markets()) {
        for (int s = 0; s < SELECTIONS.length; s++) {
          String key = match.id() + '/' + market + '/' + SELECTIONS[s];
          double price = prices.computeIfAbsent(key, k -> 1.8 + random.nextDouble() * 2.5);
          double move = random.nextGaussian() * NOISE;
          if (jump && s == 0) {
            move += second % (2 * JUMP_EVERY_SECONDS) == 0 ? JUMP : -JUMP;
          }
          price = Math.max(1.01, price * Math.exp(move));
          prices.put(key, price);
          vix.accept(new OddsTick(match.id(), market, SELECTIONS[s], price, nowMillis));
        }
      }
    }
  }
}
