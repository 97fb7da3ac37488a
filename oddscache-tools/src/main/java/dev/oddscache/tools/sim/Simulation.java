package dev.oddscache.tools.sim;

import dev.oddscache.Markets;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One run of one policy through a scenario, on its own virtual time. The traffic depends only on
 * the seed, so every policy of a scenario sees exactly the same requests at the same instants.
 *
 * <p>The run issues requests for the scenario's length ({@code durationMinutes}, or the span of
 * its feed), then lets the requests still waiting finish for at most {@link #DRAIN_SECONDS} more
 * virtual seconds; any still unanswered count as errors. With a feed, virtual time starts at the
 * feed's first instant and each tick is applied at its own {@code pt}, to the policy's detector
 * and to the {@link PriceBook} the answers are measured against; requests then carry no status,
 * so the policy's detector classifies them. Not thread-safe; a run uses no other thread.
 */
final class Simulation {
  /** The virtual wall-clock instant of minute 0; any fixed instant gives the same results. */
  static final Instant START = Instant.parse("2026-03-01T16:30:00Z");
  static final long DRAIN_SECONDS = 300;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;

  /** Told how far a run has got, once per virtual minute. */
  @FunctionalInterface
  interface Progress {
    void update(String policy, long minutesDone, long minutesTotal);

    Progress NONE = (policy, done, total) -> {};
  }

  private final Scenario scenario;
  private final RunPlan plan;

  /**
   * @throws ScenarioException if the scenario's feed cannot be read or does not fit the scenario
   */
  Simulation(Scenario scenario) {
    this.scenario = scenario;
    this.plan = RunPlan.of(scenario);
  }

  RunPlan plan() {
    return plan;
  }

  /** Runs every policy of the scenario, in order. */
  SimulationResult runAll(Progress progress) {
    List<PolicyResult> results = new ArrayList<>();
    for (String policy : scenario.policies()) {
      results.add(run(policy, progress));
    }
    return new SimulationResult(scenario, plan, results);
  }

  /** Runs {@code policyName} through the scenario. */
  PolicyResult run(String policyName, Progress progress) {
    long wallStart = System.nanoTime();
    long seconds = plan.durationSeconds();
    VirtualTime time = new VirtualTime(plan.start());
    SplittableRandom root = new SplittableRandom(scenario.seed());
    SplittableRandom trafficRandom = root.split();
    SplittableRandom backendRandom = root.split();
    Workload workload = new Workload(scenario, plan.matches(), plan.start());
    TickFeed feed = plan.feed();
    PriceBook book = feed == null ? null : new PriceBook(feed.selections());
    SimBackend backend = new SimBackend(time, scenario.backend(), seconds, backendRandom,
        book == null ? SimBackend.Prices.NONE : prices(workload, feed, book));
    Recorder recorder = new Recorder(time, workload.matchIds(), seconds, book);
    ReferenceTiers tiers = new ReferenceTiers(plan.matches());
    QuietLogs quiet = QuietLogs.during();
    try (SimPolicy policy = Policies.create(policyName, time, backend)) {
      policy.addBreakerListener(recorder::breaker);
      if (feed != null) {
        // Queued first, so a tick applies before the requests of its instant.
        new FeedPlayer(time, feed, book, policy).start();
      }
      scheduleEvents(time, policy);
      ZipfSampler zipf = new ZipfSampler(workload.keyCount(), scenario.load().zipfExponent());
      boolean detected = feed != null;
      Traffic traffic = new Traffic(time, zipf, trafficRandom, scenario.load().requestsPerSecond(),
          seconds, key -> request(time, workload, tiers, policy, recorder, key, detected));
      traffic.start();
      long minutes = plan.durationMinutes();
      long end = seconds * NANOS_PER_SECOND;
      for (long minute = 1; minute <= minutes; minute++) {
        time.runUntil(Math.min(minute * NANOS_PER_MINUTE, end) - 1);
        progress.update(policyName, minute, minutes);
      }
      for (long s = 0; s < DRAIN_SECONDS && recorder.outstanding() > 0; s++) {
        time.runUntil(end + (s + 1) * NANOS_PER_SECOND - 1);
      }
      return recorder.result(policyName, backend, System.nanoTime() - wallStart);
    } finally {
      quiet.close();
    }
  }

  /** What a backend call for a key reads: the current prices of the key's market. */
  private static SimBackend.Prices prices(Workload workload, TickFeed feed, PriceBook book) {
    Map<String, Integer> marketOfKey = new HashMap<>();
    for (int k = 0; k < workload.keyCount(); k++) {
      marketOfKey.put(workload.key(k), feed.marketIndex(
          workload.matchIds().get(workload.matchOf(k)), workload.marketOf(k)));
    }
    return key -> {
      Integer market = marketOfKey.get(key);
      return market == null || market < 0 ? null : book.snapshot(market);
    };
  }

  /**
   * @param detected whether the policy's detector gives the request's status (a feed drives the
   *     run) rather than the scenario's intervals
   */
  private static void request(VirtualTime time, Workload workload, ReferenceTiers tiers,
      SimPolicy policy, Recorder recorder, int key, boolean detected) {
    long now = time.nowNanos();
    long nowMillis = time.ticker().epochMillis();
    int match = workload.matchOf(key);
    Status status;
    MatchContext context;
    if (detected) {
      context = workload.context(key, null);
      status = policy.statusOf(context, nowMillis);
    } else {
      status = workload.statusAt(match, now);
      context = workload.context(key, status);
    }
    boolean panic = status == Status.PANIC;
    int tier = tiers.observe(match, status, nowMillis);
    recorder.issued(panic);
    CompletableFuture<Served> served;
    try {
      served = policy.get(workload.key(key), context);
    } catch (RuntimeException e) {
      served = CompletableFuture.failedFuture(e);
    }
    served.whenComplete((s, error) -> recorder.completed(now, match, panic, tier, s, error));
  }

  private void scheduleEvents(VirtualTime time, SimPolicy policy) {
    for (Scenario.EventSpec event : scenario.events()) {
      String type = SimEvents.parseType("type", event.type());
      String market = event.market() == null ? null : Markets.normalise(event.market());
      String match = event.match().trim();
      time.at(Workload.minutesToNanos(event.atMinute()),
          () -> policy.invalidate(match, type, market));
    }
  }
}
