package dev.oddscache.tools.sim;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every run of a scenario shares, worked out once: where virtual time starts, how long the
 * traffic lasts, the matches requested and, for a scenario driven by ticks, the feed.
 *
 * @param start the virtual wall-clock instant of second 0: {@link Simulation#START} for a
 *     synthetic scenario, the feed's first instant otherwise, so the cache reads the feed's clock
 * @param durationSeconds how long requests are issued
 * @param matches the matches, as the scenario lists them or as the feed has them
 * @param feed the ticks, or null for a synthetic scenario
 */
record RunPlan(Instant start, long durationSeconds, List<Scenario.MatchSpec> matches,
    TickFeed feed) {

  /**
   * Works out the plan of {@code scenario}, reading its feed if it has one.
   *
   * @throws ScenarioException if the feed cannot be read, holds no price in its window, or does
   *     not fit the scenario's events and key limit
   */
  static RunPlan of(Scenario scenario) {
    if (!scenario.tickDriven()) {
      return new RunPlan(Simulation.START, scenario.durationSeconds(), scenario.matches(), null);
    }
    TickFeed feed = TickFeed.load(scenario.ticks());
    List<Scenario.MatchSpec> matches = feed.matches();
    long keys = (long) feed.markets().size() * scenario.keysPerMarket();
    if (keys > ScenarioReader.MAX_KEYS) {
      throw new ScenarioException("the feed's " + feed.markets().size() + " markets × "
          + "keysPerMarket must be at most " + ScenarioReader.MAX_KEYS + " keys, got " + keys);
    }
    Map<String, Set<String>> markets = new HashMap<>();
    for (Scenario.MatchSpec m : matches) {
      markets.put(m.id(), new LinkedHashSet<>(m.markets()));
    }
    ScenarioReader.validateEventTargets(scenario.events(), markets);
    RunPlan plan = new RunPlan(Instant.ofEpochMilli(feed.startMillis()), feed.durationSeconds(),
        matches, feed);
    for (int i = 0; i < scenario.events().size(); i++) {
      double at = scenario.events().get(i).atMinute();
      if (at * 60 > plan.durationSeconds()) {
        throw new ScenarioException("events[" + i + "].atMinute must be within the feed's span ("
            + plan.durationSeconds() / 60.0 + " minutes), got " + at);
      }
    }
    return plan;
  }

  boolean tickDriven() {
    return feed != null;
  }

  /** The number of whole or partial virtual minutes the traffic lasts. */
  long durationMinutes() {
    return (durationSeconds + 59) / 60;
  }
}
