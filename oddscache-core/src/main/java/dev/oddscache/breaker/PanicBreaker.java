package dev.oddscache.breaker;

import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.breaker.event.BreakerListener;
import dev.oddscache.breaker.event.BreakerTransition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The panic circuit breaker: when a large share of recent requests are PANIC, panic is the new
 * normal and the cache must stop bypassing itself.
 *
 * <p>Every request {@linkplain #record records} its aggregated status into a {@link
 * PanicWindow} of one-second buckets, keyed by epoch second ({@code ticker.epochMillis() / 1000})
 * so that a window may be shared between processes. The first call in a new second then
 * {@linkplain #evaluate evaluates} the window:
 *
 * <ol>
 *   <li>counts = {@code window.counts(now)}, i.e. the complete seconds {@code [now - window, now -
 *       1]}; the current second is never counted;
 *   <li>if counts.total &lt; {@link BreakerConfig#minSamples()}, the mode stays;
 *   <li>otherwise ratio = panic / total and the hysteresis table is applied step by step until the
 *       mode is stable (at most two steps), each step being one transition.
 * </ol>
 *
 * <p>So a sample recorded during second {@code s} first counts at the evaluation of second {@code
 * s + 1} and last counts at the evaluation of second {@code s + window}.
 *
 * <p>Thread-safe. {@link #record} is O(1) and lock-free: a bucket increment, one volatile read
 * and, once a second, one compare-and-set that elects the single thread that evaluates. The mode
 * lives in an {@link AtomicReference} and changes only by compare-and-set along a {@link
 * BreakerTransitionKind}. Each transition is logged (→CIRCUIT_OPEN at ERROR, →HIGH_VOLATILITY at
 * WARN, →NORMAL at INFO) and then published to the listeners on the evaluating thread, outside
 * any lock; a listener's exception is logged and swallowed.
 */
public final class PanicBreaker {
  private static final Logger log = LoggerFactory.getLogger(PanicBreaker.class);

  private final BreakerConfig config;
  private final Ticker ticker;
  private final PanicWindow window;
  private final Hysteresis hysteresis;
  private final AtomicReference<ModeState> state;
  private final AtomicLong lastEvaluatedSecond = new AtomicLong(BreakerSnapshot.NEVER);
  private final AtomicReference<Evaluation> latest =
      new AtomicReference<>(new Evaluation(BreakerSnapshot.NEVER, WindowCounts.EMPTY));
  private final AtomicLong transitions = new AtomicLong();
  private final List<BreakerListener> listeners = new CopyOnWriteArrayList<>();

  private PanicBreaker(BreakerConfig config, Ticker ticker, PanicWindow window) {
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.window = Objects.requireNonNull(window, "window");
    if (window.windowSeconds() != config.windowSeconds()) {
      throw new IllegalArgumentException("window length must match config.window, got "
          + window.windowSeconds() + "s for " + config.window());
    }
    this.hysteresis = new Hysteresis(config);
    this.state = new AtomicReference<>(new ModeState(BreakerMode.NORMAL, ticker.nanoTime()));
  }

  /** A breaker with the default settings over a process-local window. */
  public static PanicBreaker ofDefaults(Ticker ticker) {
    return of(BreakerConfig.ofDefaults(), ticker);
  }

  /** A breaker over a process-local {@link LocalPanicWindow} of {@code config.window()}. */
  public static PanicBreaker of(BreakerConfig config, Ticker ticker) {
    return of(config, ticker, new LocalPanicWindow(config.window()));
  }

  /**
   * A breaker over {@code window}, for example one shared by several processes.
   *
   * @throws IllegalArgumentException if the window's length differs from {@code config.window()}
   */
  public static PanicBreaker of(BreakerConfig config, Ticker ticker, PanicWindow window) {
    return new PanicBreaker(config, ticker, window);
  }

  /**
   * Records one request whose aggregated status is {@code status}, then evaluates the window if
   * this is the first call (of this or {@link #evaluate}) in a new second.
   *
   * @throws NullPointerException if {@code status} is null
   */
  public void record(Status status) {
    record(status, ticker.epochMillis());
  }

  /**
   * {@link #record(Status)} at {@code nowMillis}, a reading of this breaker's ticker the caller
   * already made (a request reads the clock once).
   */
  public void record(Status status, long nowMillis) {
    Objects.requireNonNull(status, "status");
    long now = Math.floorDiv(nowMillis, 1000L);
    window.record(status == Status.PANIC, now);
    if (now > lastEvaluatedSecond.get()) {
      tryEvaluate(now);
    }
  }

  /**
   * Evaluates the window now, unless it was already evaluated during the current second. For a
   * scheduler that keeps the mode moving when there is no traffic.
   *
   * @return whether this call performed the evaluation
   */
  public boolean evaluate() {
    return tryEvaluate(epochSecond());
  }

  /** The current mode; a volatile read. */
  public BreakerMode mode() {
    return state.get().mode();
  }

  /** The TTL floor in seconds for a request of {@code status} in the current mode. */
  public long floorSeconds(Status status) {
    return config.floors().floorSeconds(mode(), Objects.requireNonNull(status, "status"));
  }

  /** A consistent-enough snapshot: each field is read atomically, not all of them together. */
  public BreakerSnapshot state() {
    ModeState current = state.get();
    Evaluation evaluation = latest.get();
    WindowCounts counts = evaluation.counts();
    long windowSeconds = config.windowSeconds();
    return new BreakerSnapshot(
        current.mode(),
        counts.panicRatio(),
        counts.total(),
        counts.observedSeconds(),
        windowSeconds,
        counts.isFull(windowSeconds),
        transitions.get(),
        Duration.ofNanos(Math.max(0, ticker.nanoTime() - current.sinceNanos())),
        evaluation.epochSecond());
  }

  public BreakerConfig config() {
    return config;
  }

  /** Adds a listener for transitions; see {@link BreakerListener} for the calling contract. */
  public void addListener(BreakerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** @return whether the listener was registered */
  public boolean removeListener(BreakerListener listener) {
    return listeners.remove(listener);
  }

  /**
   * For tests and admins: back to NORMAL with an empty window, as if just created, except that
   * the transitions count is kept (it is monotonic, like the transitions metric) and the current
   * second is not evaluated again. Publishes no transition event: a reset is not one of the
   * legal transitions. Samples recorded concurrently with a reset may survive it.
   */
  public void reset() {
    BreakerMode previous = state.getAndSet(new ModeState(BreakerMode.NORMAL, ticker.nanoTime()))
        .mode();
    window.reset();
    latest.set(new Evaluation(lastEvaluatedSecond.get(), WindowCounts.EMPTY));
    log.atInfo().addKeyValue("from", previous).log("Panic breaker reset to NORMAL");
  }

  @Override
  public String toString() {
    return "PanicBreaker{mode=" + mode() + ", window=" + window + '}';
  }

  private long epochSecond() {
    return Math.floorDiv(ticker.epochMillis(), 1000L);
  }

  private boolean tryEvaluate(long now) {
    long last = lastEvaluatedSecond.get();
    if (now <= last || !lastEvaluatedSecond.compareAndSet(last, now)) {
      return false;
    }
    WindowCounts counts = window.counts(now);
    Evaluation evaluation = new Evaluation(now, counts);
    latest.accumulateAndGet(evaluation, (a, b) -> b.epochSecond() >= a.epochSecond() ? b : a);
    if (counts.total() >= config.minSamples()) {
      applyHysteresis(counts);
    }
    return true;
  }

  private void applyHysteresis(WindowCounts counts) {
    double ratio = counts.panicRatio();
    // Bounded although two steps always suffice: a concurrent evaluation may move the mode under
    // us, and we then re-read it rather than overwrite it.
    for (int attempt = 0; attempt < 8; attempt++) {
      ModeState current = state.get();
      BreakerMode next = hysteresis.next(current.mode(), ratio);
      if (next == current.mode()) {
        return;
      }
      BreakerTransitionKind kind = BreakerTransitionKind.of(current.mode(), next);
      if (state.compareAndSet(current, new ModeState(next, ticker.nanoTime()))) {
        transitions.incrementAndGet();
        BreakerTransition event = BreakerTransition.of(
            kind, ratio, counts.total(), counts.observedSeconds(), ticker.epochMillis());
        logTransition(event);
        publish(event);
      }
    }
  }

  private void logTransition(BreakerTransition event) {
    LoggingEventBuilder builder = switch (event.to()) {
      case CIRCUIT_OPEN -> log.atError();
      case HIGH_VOLATILITY -> log.atWarn();
      case NORMAL -> log.atInfo();
    };
    builder
        .addKeyValue("from", event.from())
        .addKeyValue("to", event.to())
        .addKeyValue("panicRatio", event.panicRatio())
        .addKeyValue("windowFill", Math.min(1.0, (double) event.observedSeconds()
            / config.windowSeconds()))
        .addKeyValue("samples", event.samples())
        .addKeyValue("trigger", event.trigger().label())
        .log("Panic breaker entered {}", event.to());
  }

  private void publish(BreakerTransition event) {
    for (BreakerListener listener : listeners) {
      try {
        listener.onTransition(event);
      } catch (RuntimeException e) {
        log.warn("Panic breaker listener {} failed on {}; ignored", listener, event, e);
      }
    }
  }

  /** The mode and the ticker's nanoTime at which it was entered. */
  private record ModeState(BreakerMode mode, long sinceNanos) {}

  /** The counts seen by the evaluation of one epoch second. */
  private record Evaluation(long epochSecond, WindowCounts counts) {}
}
