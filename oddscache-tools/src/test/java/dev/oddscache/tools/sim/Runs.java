package dev.oddscache.tools.sim;

/** Runs a scenario given as JSON text through every policy it lists. */
final class Runs {
  private Runs() {}

  static SimulationResult of(String json) {
    return of(ScenarioReader.parse(json));
  }

  static SimulationResult of(Scenario scenario) {
    return new Simulation(scenario).runAll(Simulation.Progress.NONE);
  }
}
