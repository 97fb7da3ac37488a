package dev.oddscache.tools.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A simulation scenario, the JSON file docs/simulator.md describes, as parsed. Immutable.
 *
 * <p>Optional fields get their defaults here; every other rule (ranges, references between
 * fields, enum values) is checked by {@link ScenarioReader}, which names the offending field. The
 * components are boxed so that a missing required field can be told apart from a zero.
 *
 * @param name shown in reports and written as {@code "scenario"} in the JSON output
 * @param seed drives the traffic and the backend failures; the same seed gives the same output
 * @param durationMinutes virtual length of one run
 * @param matches the matches requested; each match gets {@code markets × keysPerMarket} keys
 * @param keysPerMarket distinct cache keys per market of each match (default 1)
 * @param load request rate and key popularity
 * @param backend the simulated backend behind the cache
 * @param statuses volatility status intervals; outside them a match is NORMAL
 * @param events invalidation events fired at their minute
 * @param policies the policies to run, in order (default: all)
 */
public record Scenario(
    String name,
    Long seed,
    Integer durationMinutes,
    List<MatchSpec> matches,
    Integer keysPerMarket,
    LoadSpec load,
    BackendSpec backend,
    List<StatusSpan> statuses,
    List<EventSpec> events,
    List<String> policies) {

  /** The policy names accepted in {@code policies}, in their default order. */
  public static final List<String> POLICIES = List.of("oddscache", "bypass", "fixed-ttl");

  public Scenario {
    seed = seed == null ? 0L : seed;
    keysPerMarket = keysPerMarket == null ? 1 : keysPerMarket;
    backend = backend == null ? new BackendSpec(null, null, null) : backend;
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    events = events == null ? List.of() : List.copyOf(events);
    policies = policies == null ? POLICIES : List.copyOf(policies);
    matches = matches == null ? null : List.copyOf(matches);
  }

  /** The scenario's length in virtual seconds. */
  public long durationSeconds() {
    return durationMinutes * 60L;
  }

  /**
   * One match.
   *
   * @param kickoffAtMinute kickoff relative to the scenario start; negative means already in
   *     play; absent means unknown (zone STANDARD)
   */
  public record MatchSpec(
      String id, String competition, String name, Double kickoffAtMinute, List<String> markets) {
    public MatchSpec {
      markets = markets == null ? null : List.copyOf(markets);
    }
  }

  /**
   * The traffic.
   *
   * @param requestsPerSecond spread evenly inside each second
   * @param zipfExponent popularity skew of the keys; 0 is uniform (default 1.0)
   */
  public record LoadSpec(Integer requestsPerSecond, Double zipfExponent) {
    public LoadSpec {
      zipfExponent = zipfExponent == null ? 1.0 : zipfExponent;
    }
  }

  /**
   * The backend.
   *
   * @param latencyMs duration of every call (default 50)
   * @param failureRate probability in [0, 1] that a call fails (default 0)
   * @param maxConcurrent calls served at once; further calls queue in FIFO order (default
   *     unlimited)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BackendSpec(Integer latencyMs, Double failureRate, Integer maxConcurrent) {
    public BackendSpec {
      latencyMs = latencyMs == null ? 50 : latencyMs;
      failureRate = failureRate == null ? 0.0 : failureRate;
    }
  }

  /** A match's status during {@code [fromMinute, toMinute)}. */
  public record StatusSpan(String match, Double fromMinute, Double toMinute, String status) {}

  /**
   * An invalidation event.
   *
   * @param market the market hit, for event types that take one ({@code ODDS_SHOCK}); optional
   */
  public record EventSpec(Double atMinute, String match, String type, String market) {}
}
