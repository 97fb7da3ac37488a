package dev.oddscache.tools.sim;

import java.util.ArrayList;
import java.util.List;

/** Runs a scenario given as JSON text through every policy it lists. */
final class Runs {
  private Runs() {}

  static SimulationResult of(String json) {
    Scenario scenario = ScenarioReader.parse(json);
    Simulation simulation = new Simulation(scenario);
    List<PolicyResult> results = new ArrayList<>();
    for (String policy : scenario.policies()) {
      results.add(simulation.run(policy, Simulation.Progress.NONE));
    }
    return new SimulationResult(scenario, results);
  }
}
