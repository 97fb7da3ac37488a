package dev.oddscache.tools.sim;

/** Creates the policy a scenario names, wired to one run's virtual time and backend. */
final class Policies {
  private Policies() {}

  /**
   * @throws ScenarioException if {@code name} is not one of {@link PolicySpec#ACCEPTED}
   */
  static SimPolicy create(String name, VirtualTime time, SimBackend backend) {
    PolicySpec spec = PolicySpec.parse("policy", name);
    return switch (spec.kind()) {
      case ODDSCACHE -> new OddsCachePolicy(name, time, backend, OddsCachePolicy.DEFAULT);
      case ODDSCACHE_TTL -> new OddsCachePolicy(name, time, backend, OddsCachePolicy.TTL);
      case BYPASS -> new BypassPolicy(time, backend);
      case FIXED_TTL -> new FixedTtlPolicy(name, time, backend, spec.ttl());
    };
  }
}
