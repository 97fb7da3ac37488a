package dev.oddscache.tools.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oddscache.tools.data.DataFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A simulation scenario, the JSON file docs/simulator.md describes, as parsed. Immutable.
 *
 * <p>Optional fields get their defaults here; every other rule (ranges, references between
 * fields, enum values) is checked by {@link ScenarioReader}, which names the offending field. The
 * components are boxed so that a missing required field can be told apart from a zero.
 *
 * <p>A scenario is either synthetic ({@code matches} and {@code statuses} say what is requested
 * and when it panics) or driven by real odds ({@code ticks}: recorded Betfair files set the
 * matches, the markets, the span and the detector's input).
 *
 * @param name shown in reports and written as {@code "scenario"} in the JSON output
 * @param seed drives the traffic and the backend failures; the same seed gives the same output
 * @param durationMinutes virtual length of one run; absent with {@code ticks}
 * @param ticks the recorded feed driving the scenario, or null for a synthetic one
 * @param matches the matches requested; each match gets {@code markets × keysPerMarket} keys
 * @param keysPerMarket distinct cache keys per market of each match (default 1)
 * @param load request rate and key popularity
 * @param backend the simulated backend behind the cache
 * @param statuses volatility status intervals; outside them a match is NORMAL
 * @param events invalidation events fired at their minute
 * @param policies the policies to run, in order (default: {@link #POLICIES}, or {@link
 *     #TICK_POLICIES} with {@code ticks})
 */
public record Scenario(
    String name,
    Long seed,
    Integer durationMinutes,
    TicksSpec ticks,
    List<MatchSpec> matches,
    Integer keysPerMarket,
    LoadSpec load,
    BackendSpec backend,
    List<StatusSpan> statuses,
    List<EventSpec> events,
    List<String> policies) {

  /** The default policies of a synthetic scenario, in order. */
  public static final List<String> POLICIES = List.of("oddscache", "bypass", "fixed-ttl");

  /**
   * The default policies of a scenario driven by ticks: the product with and without price drift,
   * fixed TTLs from 1 s to a minute, and the seeds' starting point.
   */
  public static final List<String> TICK_POLICIES = List.of("oddscache", "oddscache-ttl",
      "fixed-ttl:1s", "fixed-ttl:2s", "fixed-ttl:5s", "fixed-ttl:10s", "fixed-ttl:30s",
      "fixed-ttl:60s", "bypass");

  public Scenario {
    seed = seed == null ? 0L : seed;
    keysPerMarket = keysPerMarket == null ? 1 : keysPerMarket;
    backend = backend == null ? new BackendSpec(null, null, null) : backend;
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    events = events == null ? List.of() : List.copyOf(events);
    policies = policies == null ? (ticks == null ? POLICIES : TICK_POLICIES)
        : List.copyOf(policies);
    matches = matches == null ? null : List.copyOf(matches);
  }

  /** The scenario's length in virtual seconds; synthetic scenarios only. */
  public long durationSeconds() {
    return durationMinutes * 60L;
  }

  /** Whether recorded ticks drive the scenario. */
  public boolean tickDriven() {
    return ticks != null;
  }

  /**
   * This scenario with the files of {@code ticks} resolved against {@code dir}, the directory of
   * the scenario file, else against the data folder where only it has them; absolute paths stay
   * as they are.
   */
  Scenario resolvedAgainst(Path dir, DataFolder data) {
    if (ticks == null || ticks.betfair() == null) {
      return this;
    }
    List<String> files = ticks.betfair().stream()
        .map(f -> f == null || f.isBlank() ? f : resolved(dir, data, f).toString())
        .toList();
    return new Scenario(name, seed, durationMinutes,
        new TicksSpec(files, ticks.fromMillis(), ticks.toMillis()), matches, keysPerMarket, load,
        backend, statuses, events, policies);
  }

  private static Path resolved(Path dir, DataFolder data, String file) {
    Path found = data.find(dir, file);
    return found != null ? found : dir.resolve(file).normalize();
  }

  /**
   * The recorded feed of a scenario driven by real odds.
   *
   * @param betfair Betfair stream or historical-data files (plain, gzip or bzip2), relative to
   *     the scenario file's directory or absolute
   * @param fromMillis the first instant of the run, epoch milliseconds of the feed's clock
   *     (default: the first tick)
   * @param toMillis the last instant of the run (default: the last tick)
   */
  public record TicksSpec(List<String> betfair, Long fromMillis, Long toMillis) {
    public TicksSpec {
      betfair = betfair == null ? null : Collections.unmodifiableList(
          new ArrayList<>(betfair));
    }
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
