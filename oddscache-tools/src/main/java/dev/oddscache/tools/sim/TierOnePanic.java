package dev.oddscache.tools.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The requests of one run whose panic quota tier was 1 (the first minutes of a panic, quota TTL
 * 0), to check the claim that, with the breaker NORMAL and loads succeeding, the served age during
 * tier-1 panic is at most one load duration.
 *
 * <p>A request's tier is its decision's for {@code oddscache} and the {@link ReferenceTiers} one
 * otherwise (baselines, failed requests). A tier-1 decision has quota TTL 0, but its effective TTL
 * can still be above 0 (the effective TTL is never below the breaker's floor), and a failed load
 * or a full bulkhead can answer with an older value (stale-if-error, the overload fallback):
 * {@link #byAnswer()} tells these answers apart from the coalesced bypasses the bound is about.
 *
 * @param served the answered requests and their served ages
 * @param failed the requests that got no value
 * @param sinceLoadStart served age plus the duration of the load that produced the value; null
 *     when none was answered
 * @param byAnswer the answers of each {@link Served.Answer}, by ordinal
 * @param olderThanMaxLoad the answers of each {@link Served.Answer} whose served age exceeds
 *     {@code maxLoadMillis}, by ordinal
 * @param maxLoadMillis the longest backend call of the run: "one load duration" at its most
 *     lenient
 */
record TierOnePanic(
    CountedAges served,
    long failed,
    AgeSummary sinceLoadStart,
    List<CountedAges> byAnswer,
    long[] olderThanMaxLoad,
    long maxLoadMillis) {

  /** Answers older than the longest load, over all kinds. */
  long olderThanMaxLoadTotal() {
    long sum = 0;
    for (long n : olderThanMaxLoad) {
      sum += n;
    }
    return sum;
  }

  CountedAges by(Served.Answer answer) {
    return byAnswer.get(answer.ordinal());
  }

  long olderThanMaxLoad(Served.Answer answer) {
    return olderThanMaxLoad[answer.ordinal()];
  }

  /** Whether every tier-1 answer was at most one (the longest) load duration old; false if none. */
  boolean withinOneLoad() {
    return served.count() > 0 && olderThanMaxLoadTotal() == 0;
  }

  /** The policy's {@code tier1PanicServedAgeSeconds} object; keys in a fixed order. */
  Map<String, Object> toJson() {
    Map<String, Object> json = served.toJson();
    json.put("failed", failed);
    json.put("sinceLoadStart", sinceLoadStart == null ? null : sinceLoadStart.toJson());
    json.put("olderThanMaxLoad", olderThanMaxLoadTotal());
    Map<String, Object> answers = JsonNumbers.object();
    for (Served.Answer a : Served.Answer.values()) {
      Map<String, Object> entry = by(a).toJson();
      entry.put("olderThanMaxLoad", olderThanMaxLoad(a));
      answers.put(a.key(), entry);
    }
    json.put("byAnswer", answers);
    return json;
  }

  /** Tallies the tier-1 requests of a run. Not thread-safe. */
  static final class Tally {
    private final AgeHistogram ages = new AgeHistogram();
    private final AgeHistogram sinceLoadStart = new AgeHistogram();
    private final AgeHistogram[] byAnswer = new AgeHistogram[Served.Answer.values().length];
    private long failed;

    Tally() {
      for (int i = 0; i < byAnswer.length; i++) {
        byAnswer[i] = new AgeHistogram();
      }
    }

    void answered(Served served) {
      ages.record(served.ageMillis());
      sinceLoadStart.record(served.sinceLoadStartMillis());
      byAnswer[served.answer().ordinal()].record(served.ageMillis());
    }

    void failed() {
      failed++;
    }

    /** The figures, with ages compared to {@code maxLoadMillis}. */
    TierOnePanic result(long maxLoadMillis) {
      List<CountedAges> answers = new ArrayList<>();
      long[] older = new long[byAnswer.length];
      for (int i = 0; i < byAnswer.length; i++) {
        answers.add(CountedAges.of(byAnswer[i]));
        older[i] = byAnswer[i].countAbove(maxLoadMillis);
      }
      return new TierOnePanic(CountedAges.of(ages), failed,
          sinceLoadStart.count() == 0 ? null : AgeSummary.of(sinceLoadStart),
          List.copyOf(answers), older, maxLoadMillis);
    }
  }
}
