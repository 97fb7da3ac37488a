package dev.oddscache.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link PanicQuota#decide} is a pure function: repeatable, side-effect free and thread-safe. */
class PanicQuotaPurityTest {
  private static final List<PanicState> STATES = List.of(
      PanicState.NONE,
      PanicState.lasting(Duration.ZERO),
      PanicState.lasting(Duration.ofMinutes(35)),
      PanicState.lasting(Duration.ofMinutes(100)),
      PanicState.lasting(Duration.ofMinutes(200)),
      PanicState.lasting(Duration.ofDays(7)));

  private final PanicQuota quota = PanicQuota.ofDefaults();

  @Test
  void decide_thousandIdenticalCalls_giveIdenticalResults() {
    PanicState state = PanicState.lasting(Duration.ofMinutes(35));
    QuotaDecision first = quota.decide(60, state, Stakes.MEDIUM);

    for (int i = 0; i < 1_000; i++) {
      assertThat(quota.decide(60, state, Stakes.MEDIUM)).isEqualTo(first);
    }
    assertThat(first.ttlSeconds()).isEqualTo(5);
    assertThat(first.tier()).isEqualTo(2);
  }

  @Test
  void decide_thousandCalls_leaveConfigAndThresholdsUnchanged() {
    QuotaConfig config = QuotaConfig.ofDefaults();
    QuotaConfig copyBefore = QuotaConfig.from(config).build();
    List<QuotaThresholds> thresholdsBefore = new ArrayList<>();
    for (Stakes stakes : Stakes.values()) {
      thresholdsBefore.add(quota.decide(60, PanicState.lasting(Duration.ofMinutes(1)), stakes)
          .thresholds());
    }

    for (int i = 0; i < 1_000; i++) {
      quota.decide(60, STATES.get(i % STATES.size()), Stakes.values()[i % 3]);
    }

    assertThat(config).isEqualTo(copyBefore);
    assertThat(quota.config()).isEqualTo(copyBefore);
    for (Stakes stakes : Stakes.values()) {
      assertThat(quota.decide(60, PanicState.NONE, stakes).thresholds())
          .isEqualTo(thresholdsBefore.get(stakes.ordinal()));
    }
    assertThat(config.thresholds(Stakes.MEDIUM).tier1Until()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void classify_thousandCalls_leaveKeywordListsUnchangedAndUnmodifiable() {
    StakesClassifier classifier = StakesClassifier.ofDefaults();
    List<String> highBefore = List.copyOf(classifier.keywords(Stakes.HIGH));

    for (int i = 0; i < 1_000; i++) {
      classifier.classify("UEFA Champions League", "Match " + i);
    }

    assertThat(classifier.keywords(Stakes.HIGH)).isEqualTo(highBefore);
    for (Stakes stakes : Stakes.values()) {
      List<String> keywords = classifier.keywords(stakes);
      assertThatThrownBy(() -> keywords.add("x")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> keywords.set(0, "x"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void decide_fromSixteenThreads_givesTheSameResultsAsOneThread() throws Exception {
    List<QuotaDecision> expected = allDecisions();
    int threads = 16;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<QuotaDecision>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          List<QuotaDecision> last = null;
          for (int round = 0; round < 200; round++) {
            last = allDecisions();
          }
          return last;
        }));
      }
      for (Future<List<QuotaDecision>> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<QuotaDecision> allDecisions() {
    List<QuotaDecision> decisions = new ArrayList<>();
    for (Stakes stakes : Stakes.values()) {
      for (PanicState state : STATES) {
        decisions.add(quota.decide(60, state, stakes));
      }
    }
    return decisions;
  }
}
