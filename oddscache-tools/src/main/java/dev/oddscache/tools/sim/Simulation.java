package dev.oddscache.tools.sim;

import dev.oddscache.Markets;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One run of one policy through a scenario, on its own virtual time. The traffic depends only on
 * the seed, so every policy of a scenario sees exactly the same requests at the same instants.
 *
 * <p>The run issues requests for {@code durationMinutes}, then lets the requests still waiting
 * finish for at most {@link #DRAIN_SECONDS} more virtual seconds; any still unanswered count as
 * errors. Not thread-safe; a run uses no other thread.
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

  Simulation(Scenario scenario) {
    this.scenario = scenario;
  }

  /** Runs {@code policyName} through the scenario. */
  PolicyResult run(String policyName, Progress progress) {
    long wallStart = System.nanoTime();
    long seconds = scenario.durationSeconds();
    VirtualTime time = new VirtualTime(START);
    SplittableRandom root = new SplittableRandom(scenario.seed());
    SplittableRandom trafficRandom = root.split();
    SplittableRandom backendRandom = root.split();
    Workload workload = new Workload(scenario, START);
    SimBackend backend = new SimBackend(time, scenario.backend(), seconds, backendRandom);
    Recorder recorder = new Recorder(time, workload.matchIds(), seconds);
    ReferenceTiers tiers = new ReferenceTiers(scenario.matches());
    QuietLogs quiet = QuietLogs.during();
    try (SimPolicy policy = Policies.create(policyName, time, backend)) {
      policy.addBreakerListener(recorder::breaker);
      scheduleEvents(time, policy);
      ZipfSampler zipf = new ZipfSampler(workload.keyCount(), scenario.load().zipfExponent());
      Traffic traffic = new Traffic(time, zipf, trafficRandom, scenario.load().requestsPerSecond(),
          seconds, key -> request(time, workload, tiers, policy, recorder, key));
      traffic.start();
      long minutes = scenario.durationMinutes();
      for (long minute = 1; minute <= minutes; minute++) {
        time.runUntil(minute * NANOS_PER_MINUTE - 1);
        progress.update(policyName, minute, minutes);
      }
      long end = seconds * NANOS_PER_SECOND;
      for (long s = 0; s < DRAIN_SECONDS && recorder.outstanding() > 0; s++) {
        time.runUntil(end + (s + 1) * NANOS_PER_SECOND - 1);
      }
      return recorder.result(policyName, backend, System.nanoTime() - wallStart);
    } finally {
      quiet.close();
    }
  }

  private static void request(VirtualTime time, Workload workload, ReferenceTiers tiers,
      SimPolicy policy, Recorder recorder, int key) {
    long now = time.nowNanos();
    int match = workload.matchOf(key);
    Status status = workload.statusAt(match, now);
    boolean panic = status == Status.PANIC;
    int tier = tiers.observe(match, status, time.ticker().epochMillis());
    MatchContext context = workload.context(key, status);
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
