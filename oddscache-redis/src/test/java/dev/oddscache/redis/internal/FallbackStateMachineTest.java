package dev.oddscache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.ManualTicker;
import dev.oddscache.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback state machine on a manual ticker: one transition point, listeners told after the
 * change and only of changes, a throwing listener logged once and skipped, racing events all
 * applied.
 */
class FallbackStateMachineTest {
  private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

  private final ManualTicker ticker = new ManualTicker();
  private final Logger logger = LoggerFactory.getLogger(FallbackStateMachineTest.class);

  @RegisterExtension
  final LogCapture logs = LogCapture.of(FallbackStateMachineTest.class);

  enum Link { UP, DOWN }

  /** A failure falls back; a retry succeeds only a second after the failure. */
  sealed interface Event {}

  record Failure() implements Event {}

  record Retry() implements Event {}

  /** The state records when it went down, so that the rule can time the retry. */
  record State(Link link, long downSinceNanos) {}

  private static final State UP = new State(Link.UP, 0);

  private static State next(State state, Event event, long nowNanos) {
    if (event instanceof Failure) {
      return state.link() == Link.DOWN ? state : new State(Link.DOWN, nowNanos);
    }
    return state.link() == Link.DOWN && nowNanos - state.downSinceNanos() >= RETRY_NANOS
        ? UP : state;
  }

  private FallbackStateMachine<State, Event> machine() {
    return new FallbackStateMachine<>(logger, "test link", UP,
        FallbackStateMachineTest::next, ticker);
  }

  @Test
  void theRuleGetsTheTickersTime_soTheRetryComesExactlyOneIntervalAfterTheFailure() {
    FallbackStateMachine<State, Event> machine = machine();
    ticker.advanceSeconds(5);
    machine.fire(new Failure());
    long downAt = ticker.nanoTime();

    ticker.advance(Duration.ofNanos(RETRY_NANOS - 1));
    Transition<State, Event> early = machine.fire(new Retry());
    ticker.advance(Duration.ofNanos(1));
    Transition<State, Event> due = machine.fire(new Retry());

    assertThat(early.changed()).isFalse();
    assertThat(early.to()).isEqualTo(new State(Link.DOWN, downAt));
    assertThat(due.changed()).isTrue();
    assertThat(due.from()).isEqualTo(new State(Link.DOWN, downAt));
    assertThat(due.to()).isEqualTo(UP);
    assertThat(machine.state()).isEqualTo(UP);
  }

  @Test
  void listenersHearOfEachChangeOnce_inOrder_afterTheNewStateIsInPlace() {
    FallbackStateMachine<State, Event> machine = machine();
    List<String> heard = new ArrayList<>();
    machine.onTransition(t -> heard.add("first " + t.to().link() + " " + machine.state().link()));
    machine.onTransition(t -> heard.add("second " + t.to().link()));

    machine.fire(new Failure());
    machine.fire(new Failure());
    machine.fire(new Retry());
    ticker.advanceSeconds(1);
    machine.fire(new Retry());
    machine.fire(new Retry());

    assertThat(heard).containsExactly("first DOWN DOWN", "second DOWN", "first UP UP",
        "second UP");
  }

  @Test
  void anEventThatChangesNothing_isReturnedUnchanged_andPublishesNothing() {
    FallbackStateMachine<State, Event> machine = machine();
    List<Transition<State, Event>> heard = new ArrayList<>();
    machine.onTransition(heard::add);

    Transition<State, Event> t = machine.fire(new Retry());

    assertThat(t.changed()).isFalse();
    assertThat(t.from()).isSameAs(t.to()).isEqualTo(UP);
    assertThat(t.event()).isEqualTo(new Retry());
    assertThat(heard).isEmpty();
  }

  @Test
  void aThrowingListener_isLoggedOnceAndSkipped_theStateAndTheOtherListenersAreNotDisturbed() {
    FallbackStateMachine<State, Event> machine = machine();
    List<Link> heard = new ArrayList<>();
    machine.onTransition(t -> {
      throw new IllegalStateException("listener bug");
    });
    machine.onTransition(t -> heard.add(t.to().link()));

    Transition<State, Event> t = machine.fire(new Failure());

    assertThat(t.changed()).isTrue();
    assertThat(machine.state().link()).isEqualTo(Link.DOWN);
    assertThat(heard).containsExactly(Link.DOWN);
    assertThat(logs.events()).hasSize(1);
    ILoggingEvent line = logs.events().get(0);
    assertThat(line.getLevel()).isEqualTo(Level.WARN);
    assertThat(line.getFormattedMessage()).isEqualTo("test link listener failed");
    assertThat(line.getThrowableProxy().getMessage()).isEqualTo("listener bug");
  }

  @Test
  void aListenerMayFireEventsItself() {
    FallbackStateMachine<State, Event> machine = machine();
    List<Link> heard = new ArrayList<>();
    machine.onTransition(t -> {
      heard.add(t.to().link());
      if (t.to().link() == Link.DOWN) {
        ticker.advanceSeconds(1);
        machine.fire(new Retry());
      }
    });

    machine.fire(new Failure());

    assertThat(heard).containsExactly(Link.DOWN, Link.UP);
    assertThat(machine.state()).isEqualTo(UP);
  }

  @Test
  void racingEvents_areAppliedOneAfterTheOther_noneLost() throws Exception {
    int threads = 4;
    int perThread = 10_000;
    FallbackStateMachine<Integer, String> counter = new FallbackStateMachine<>(logger, "counter",
        0, (n, event, now) -> n + 1, ticker);
    List<Transition<Integer, String>> heard = Collections.synchronizedList(new ArrayList<>());
    counter.onTransition(heard::add);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int j = 0; j < perThread; j++) {
            counter.fire("tick");
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(counter.state()).isEqualTo(threads * perThread);
    assertThat(heard).hasSize(threads * perThread);
    assertThat(heard).allMatch(t -> t.to() == t.from() + 1);
  }
}
