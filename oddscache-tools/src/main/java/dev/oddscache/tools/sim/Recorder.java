package dev.oddscache.tools.sim;

import dev.oddscache.breaker.event.BreakerTransition;
import dev.oddscache.cache.DriftVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Tallies one policy's run: requests, how they were served, ages (of all requests, of PANIC ones,
 * of tier-1 ones), price errors when a feed drives the run, per-second series for the charts, and
 * the breaker and tier transitions.
 * Primitive counters and arrays only, so the per request cost is a few increments. Not
 * thread-safe.
 */
final class Recorder {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final VirtualTime time;
  private final List<String> matchIds;
  private final long[] strategies = new long[4];
  private final AgeHistogram ages = new AgeHistogram();
  private final AgeHistogram panicAges = new AgeHistogram();
  private final TierOnePanic.Tally tierOne = new TierOnePanic.Tally();
  private final int[] requestsPerSecond;
  private final int[] panicPerSecond;
  private final int[] maxAgePerSecond;
  private final long[] ageSumPerSecond;
  private final int[] servedPerSecond;
  private final int[] lastTier;
  private final long[] lastTierIssue;
  private final List<Transition> transitions = new ArrayList<>();
  private final PriceBook book;
  private final PriceErrorHistogram priceErrors = new PriceErrorHistogram();
  /** Answers by {@link DriftVerdict}, for the product on a feed. */
  private final long[] driftVerdicts = new long[DriftVerdict.values().length];
  private boolean sawDrift;
  private long requests;
  private long completed;
  private long errors;

  Recorder(VirtualTime time, List<String> matchIds, long durationSeconds) {
    this(time, matchIds, durationSeconds, null);
  }

  /** @param book the feed's prices, against which answers are measured; null without a feed */
  Recorder(VirtualTime time, List<String> matchIds, long durationSeconds, PriceBook book) {
    this.time = time;
    this.book = book;
    this.matchIds = matchIds;
    int seconds = (int) durationSeconds;
    requestsPerSecond = new int[seconds];
    panicPerSecond = new int[seconds];
    maxAgePerSecond = new int[seconds];
    ageSumPerSecond = new long[seconds];
    servedPerSecond = new int[seconds];
    lastTier = new int[matchIds.size()];
    lastTierIssue = new long[matchIds.size()];
    Arrays.fill(lastTierIssue, Long.MIN_VALUE);
  }

  /** A request issued now. */
  void issued(boolean panic) {
    int second = secondOf(time.nowNanos());
    requests++;
    requestsPerSecond[second]++;
    if (panic) {
      panicPerSecond[second]++;
    }
  }

  /**
   * The outcome of a request issued at {@code issuedNanos} for {@code match}, completing now.
   *
   * @param referenceTier the request's {@link ReferenceTiers} tier, used when {@code served}
   *     carries none (a baseline, or a failure)
   */
  void completed(long issuedNanos, int match, boolean panic, int referenceTier, Served served,
      Throwable error) {
    completed++;
    if (served == null) {
      errors++;
      if (referenceTier == 1) {
        tierOne.failed();
      }
      return;
    }
    int tier = served.tier() != Served.NO_TIER ? served.tier() : referenceTier;
    if (tier == 1) {
      tierOne.answered(served);
    }
    strategies[served.strategy().ordinal()]++;
    if (book != null) {
      priceErrors.record(book.error(served.prices()));
      if (served.drift() != null) {
        driftVerdicts[served.drift().ordinal()]++;
        sawDrift = true;
      }
    }
    if (served.staleOnError()) {
      errors++;
    }
    long age = served.ageMillis();
    ages.record(age);
    if (panic) {
      panicAges.record(age);
    }
    int second = secondOf(time.nowNanos());
    int clamped = (int) Math.min(Integer.MAX_VALUE, Math.max(0, age));
    maxAgePerSecond[second] = Math.max(maxAgePerSecond[second], clamped);
    ageSumPerSecond[second] += clamped;
    servedPerSecond[second]++;
    if (served.tier() != Served.NO_TIER) {
      trackTier(issuedNanos, match, served.tier());
    }
  }

  /** Decisions are taken when a request arrives, so a late completion must not undo a newer one. */
  private void trackTier(long issuedNanos, int match, int tier) {
    if (issuedNanos < lastTierIssue[match]) {
      return;
    }
    lastTierIssue[match] = issuedNanos;
    if (tier != lastTier[match]) {
      transitions.add(new Transition.Tier(
          issuedNanos / NANOS_PER_SECOND, matchIds.get(match), lastTier[match], tier));
      lastTier[match] = tier;
    }
  }

  /** A breaker listener: the transition's own timestamp gives its second. */
  void breaker(BreakerTransition t) {
    long second = Math.floorDiv(t.epochMillis() - time.startMillis(), 1000L);
    transitions.add(new Transition.Breaker(second, t.from().name(), t.to().name(), t.panicRatio()));
  }

  long requests() {
    return requests;
  }

  long outstanding() {
    return requests - completed;
  }

  /** The run's figures; requests still outstanding count as errors. */
  PolicyResult result(String policy, SimBackend backend, long wallNanos) {
    List<Transition> ordered = new ArrayList<>(transitions);
    ordered.sort(Comparator.comparingLong(Transition::second));
    return new PolicyResult(
        policy,
        requests,
        backend.calls(),
        backend.callsPerSecond().clone(),
        backend.peakInFlight(),
        strategies.clone(),
        errors + outstanding(),
        AgeSummary.of(ages),
        panicAges.count() == 0 ? null : AgeSummary.of(panicAges),
        tierOne.result(backend.loadDurations().maxMillis()),
        CountedAges.of(backend.loadDurations()),
        List.copyOf(ordered),
        requestsPerSecond.clone(),
        panicPerSecond.clone(),
        maxAgePerSecond.clone(),
        meanAges(),
        book == null ? null : PriceErrorSummary.of(priceErrors),
        sawDrift ? driftVerdicts.clone() : null,
        wallNanos);
  }

  private double[] meanAges() {
    double[] mean = new double[servedPerSecond.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = servedPerSecond[i] == 0 ? 0 : (double) ageSumPerSecond[i] / servedPerSecond[i];
    }
    return mean;
  }

  private int secondOf(long nanos) {
    // Completions while draining after the end count in the last second.
    return (int) Math.min(nanos / NANOS_PER_SECOND, requestsPerSecond.length - 1);
  }
}
