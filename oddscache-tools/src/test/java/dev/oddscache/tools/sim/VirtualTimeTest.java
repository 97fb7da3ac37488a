package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
  private static final Instant START = Instant.parse("2026-03-01T16:30:00Z");
  private final VirtualTime time = new VirtualTime(START);
  private final List<String> log = new ArrayList<>();

  @Test
  void runUntil_runsTasksInTimeOrder_andMovesTheTicker() {
    time.schedule(Duration.ofMillis(30), () -> log.add("c@" + time.ticker().epochMillis()));
    time.schedule(Duration.ofMillis(10), () -> log.add("a@" + time.ticker().epochMillis()));
    time.schedule(Duration.ofMillis(20), () -> log.add("b@" + time.ticker().epochMillis()));

    time.runUntil(Long.MAX_VALUE);

    long t0 = START.toEpochMilli();
    assertThat(log).containsExactly("a@" + (t0 + 10), "b@" + (t0 + 20), "c@" + (t0 + 30));
    assertThat(time.nowNanos()).isEqualTo(30_000_000L);
    assertThat(time.ticker().nanoTime()).isEqualTo(30_000_000L);
  }

  @Test
  void sameInstant_runsInSubmissionOrder() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      time.at(1_000, () -> log.add("t" + n));
    }

    time.runUntil(1_000);

    assertThat(log).containsExactly("t0", "t1", "t2", "t3", "t4");
  }

  @Test
  void execute_runsNow_afterTasksAlreadyQueuedForNow() {
    time.at(500, () -> {
      log.add("first");
      time.execute(() -> log.add("executed"));
      log.add("first done");
    });
    time.at(500, () -> log.add("second"));
    time.at(501, () -> log.add("later"));

    time.runUntil(1_000);

    assertThat(log).containsExactly("first", "first done", "second", "executed", "later");
  }

  @Test
  void schedule_neverRunsTheTaskBeforeReturning() {
    time.schedule(Duration.ZERO, () -> log.add("ran"));
    time.execute(() -> log.add("ran too"));

    assertThat(log).isEmpty();
    time.runUntil(0);
    assertThat(log).containsExactly("ran", "ran too");
  }

  @Test
  void runUntil_stopsAtTheBound_andLeavesLaterTasks() {
    time.at(100, () -> log.add("in"));
    time.at(101, () -> log.add("out"));

    assertThat(time.runUntil(100)).isEqualTo(1);
    assertThat(log).containsExactly("in");
    assertThat(time.pending()).isEqualTo(1);
  }

  @Test
  void cancel_preventsTheTask() {
    Scheduler.Cancellable c = time.schedule(Duration.ofSeconds(1), () -> log.add("cancelled"));
    time.schedule(Duration.ofSeconds(2), () -> log.add("kept"));

    c.cancel();
    time.runUntil(Long.MAX_VALUE);

    assertThat(log).containsExactly("kept");
  }

  @Test
  void at_inThePast_isRejected() {
    time.at(1_000, () -> {});
    time.runUntil(1_000);

    assertThatThrownBy(() -> time.at(999, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("atNanos must not be in the past, got 999");
  }
}
