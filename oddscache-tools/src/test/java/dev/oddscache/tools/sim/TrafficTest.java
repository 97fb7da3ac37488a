package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrafficTest {
  private final VirtualTime time = new VirtualTime(Instant.parse("2026-03-01T16:30:00Z"));

  @Test
  void requests_areSpreadEvenlyInsideEachSecond() {
    List<Long> at = new ArrayList<>();
    Traffic traffic = new Traffic(time, new ZipfSampler(10, 1.0), new SplittableRandom(1), 4, 3,
        key -> at.add(time.nowNanos()));

    traffic.start();
    time.runUntil(Long.MAX_VALUE);

    assertThat(at).containsExactly(
        0L, 250_000_000L, 500_000_000L, 750_000_000L,
        1_000_000_000L, 1_250_000_000L, 1_500_000_000L, 1_750_000_000L,
        2_000_000_000L, 2_250_000_000L, 2_500_000_000L, 2_750_000_000L);
    assertThat(traffic.issued()).isEqualTo(12);
  }

  @Test
  void keys_areDrawnFromTheSeededSampler() {
    List<Integer> first = draw(7);
    List<Integer> second = draw(7);

    assertThat(first).hasSize(300).isEqualTo(second);
    assertThat(first).isNotEqualTo(draw(8));
  }

  private static List<Integer> draw(long seed) {
    VirtualTime t = new VirtualTime(Instant.EPOCH);
    List<Integer> keys = new ArrayList<>();
    new Traffic(t, new ZipfSampler(20, 1.0), new SplittableRandom(seed), 100, 3, keys::add).start();
    t.runUntil(Long.MAX_VALUE);
    return keys;
  }
}
