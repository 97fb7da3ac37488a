package dev.oddscache.tools.demo;

import dev.oddscache.tools.sim.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The scripted steps of the demo's story, in story minutes: each status span of a match starts
 * and ends (its odds go wild, calm down) and each match event fires. The terminal prints them as
 * they come and the dashboard marks them on its charts, so both tell the same story at the same
 * story time. Not thread-safe: the demo's loop reads it.
 */
final class StoryEvents {
  /**
   * One step.
   *
   * @param posted whether the traffic posts it to {@code /v1/events}, which marks it on the
   *     dashboard by itself
   */
  record Step(double minute, String label, boolean posted) {}

  private final List<Step> steps;
  private int next;

  StoryEvents(Scenario scenario) {
    List<Step> all = new ArrayList<>();
    for (Scenario.StatusSpan span : scenario.statuses()) {
      String status = span.status().toUpperCase(Locale.ROOT);
      all.add(new Step(span.fromMinute(), span.match() + " odds go wild (" + status + ")", false));
      if (span.toMinute() < scenario.durationMinutes()) {
        all.add(new Step(span.toMinute(), span.match() + " calms down (NORMAL)", false));
      }
    }
    for (Scenario.EventSpec e : scenario.events()) {
      all.add(new Step(e.atMinute(), e.type().toUpperCase(Locale.ROOT) + " " + e.match()
          + (e.market() == null ? "" : " (" + e.market() + ")"), true));
    }
    all.sort(Comparator.comparingDouble(Step::minute));
    this.steps = List.copyOf(all);
  }

  /** Every step, in story order. */
  List<Step> all() {
    return steps;
  }

  /** The steps reached by story minute {@code minute} and not returned before. */
  List<Step> reached(double minute) {
    List<Step> due = new ArrayList<>();
    while (next < steps.size() && steps.get(next).minute() <= minute) {
      due.add(steps.get(next++));
    }
    return due;
  }
}
