package dev.oddscache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.internal.MatchEviction.Candidate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class MatchEvictionTest {

  @Test
  void victims_calmBeforePanicking_leastRecentlyAskedFirstInEach() {
    List<Candidate<String>> candidates = List.of(
        new Candidate<>("panic-old", true, 10),
        new Candidate<>("calm-new", false, 90),
        new Candidate<>("panic-new", true, 99),
        new Candidate<>("calm-old", false, 20));

    assertThat(MatchEviction.victims(candidates, 3))
        .containsExactly("calm-old", "calm-new", "panic-old");
    assertThat(MatchEviction.victims(candidates, 10)).hasSize(4).endsWith("panic-new");
    assertThat(MatchEviction.victims(candidates, 0)).isEmpty();
  }

  @Test
  void excess_noneWithinTheCap_elseDownToNinetyPercent() {
    assertThat(MatchEviction.excess(100, 100)).isZero();
    assertThat(MatchEviction.excess(101, 100)).isEqualTo(11);
    assertThat(MatchEviction.excess(2, 1)).isEqualTo(1);
  }

  @Test
  void trim_dropsByTheRule_countsAndLeavesAMapWithinItsCapAlone() {
    MatchCap cap = new MatchCap("maxMatches", 10);
    ConcurrentHashMap<String, Long> asked = new ConcurrentHashMap<>();
    for (long i = 0; i < 10; i++) {
      asked.put("m" + i, i);
    }
    assertThat(cap.trim(asked, v -> false, v -> v)).isZero();

    asked.put("m10", 10L);
    // Even values are "panicking": the calm odd ones go first, oldest first.
    assertThat(cap.trim(asked, v -> v % 2 == 0, v -> v)).isEqualTo(2);
    assertThat(asked).doesNotContainKeys("m1", "m3").hasSize(9);
    assertThat(cap.evictions()).isEqualTo(2);
  }

  @Test
  void cap_belowOne_namesTheField() {
    assertThatThrownBy(() -> new MatchCap("maxMatches", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMatches must be >= 1, got 0");
  }
}
