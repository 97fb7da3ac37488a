package dev.oddscache.tools.sim;

/** Creates the policy a scenario names, wired to one run's virtual time and backend. */
final class Policies {
  private Policies() {}

  /**
   * @throws ScenarioException if {@code name} is not one of {@link Scenario#POLICIES}
   */
  static SimPolicy create(String name, VirtualTime time, SimBackend backend) {
    return switch (name) {
      case "oddscache" -> new OddsCachePolicy(time, backend);
      case "bypass" -> new BypassPolicy(time, backend);
      case "fixed-ttl" -> new FixedTtlPolicy(time, backend);
      default -> throw new ScenarioException(
          "policy must be one of " + Scenario.POLICIES + ", got '" + name + "'");
    };
  }
}
