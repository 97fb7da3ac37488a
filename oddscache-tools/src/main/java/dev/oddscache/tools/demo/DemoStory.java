package dev.oddscache.tools.demo;

import dev.oddscache.tools.sim.Scenario;
import dev.oddscache.tools.sim.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one story both demos play, {@code scenarios/demo-live.json} from the jar: the live demo
 * sends it through the server, {@code --console} through the decider on virtual time, so the
 * two tell the same matches, kickoffs and panics.
 */
final class DemoStory {
  static final String RESOURCE = "/scenarios/demo-live.json";

  private DemoStory() {}

  static Scenario scenario() {
    try (InputStream in = DemoStory.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the jar");
      }
      return ScenarioReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The story's matches, each with its PANIC minutes (the first PANIC span; none: -1). */
  static List<DemoMatch> matches(Scenario scenario) {
    List<DemoMatch> matches = new ArrayList<>();
    for (Scenario.MatchSpec m : scenario.matches()) {
      long from = -1;
      long to = -1;
      for (Scenario.StatusSpan s : scenario.statuses()) {
        if (s.match().equals(m.id()) && s.status().equals("PANIC") && from < 0) {
          from = Math.round(s.fromMinute());
          to = Math.round(s.toMinute());
        }
      }
      long kickoff = m.kickoffAtMinute() == null ? -1 : Math.round(m.kickoffAtMinute());
      matches.add(new DemoMatch(m.id(), m.competition(), m.name(), kickoff, m.markets(), from,
          to));
    }
    return matches;
  }
}
