package dev.oddscache.redis.internal;

import dev.oddscache.Ticker;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The state of something that answers from Redis or falls back when Redis fails: the
 * connector's health, the shared panic clock, the shared breaker window. One current state,
 * changed at one transition point by a pure {@link Rule}, each change published afterwards.
 *
 * <p>{@link #fire} applies the rule to the current state in a compare-and-set loop, so events
 * that race are applied one after the other, each to the state the previous one left. The rule
 * may therefore run more than once for one event: it must have no side effects. When the state
 * changes, the {@link Transition} goes to the listeners on the firing thread, in the order they
 * were added, once the new state is in place and outside any lock, so a listener may fire
 * events itself. A listener that throws is logged once, at WARN, and skipped: the state has
 * changed all the same, and the other listeners and the caller are not disturbed.
 *
 * <p>States are immutable values compared with {@code equals}: enum constants, or records when
 * a state carries data. Thread-safe.
 *
 * @param <S> the states
 * @param <E> the events
 */
public final class FallbackStateMachine<S, E> {
  /**
   * How an event moves the state. Pure: the same arguments always give the same state.
   *
   * @param <S> the states
   * @param <E> the events
   */
  @FunctionalInterface
  public interface Rule<S, E> {
    /**
     * @param nowNanos the machine's ticker, read once per event
     * @return the next state: {@code state} itself, or an equal value, if nothing changes
     */
    S next(S state, E event, long nowNanos);
  }

  private final Logger log;
  private final String name;
  private final Rule<S, E> rule;
  private final Ticker ticker;
  private final AtomicReference<S> state;
  private final List<Consumer<? super Transition<S, E>>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param log the owner's logger, so that a failing listener is reported beside the owner's
   *     other lines
   * @param name what the machine is, for that report
   * @param ticker the time the rule is given; a machine whose rule ignores time may get any
   */
  public FallbackStateMachine(Logger log, String name, S initial, Rule<S, E> rule,
      Ticker ticker) {
    this.log = Objects.requireNonNull(log, "log");
    this.name = Objects.requireNonNull(name, "name");
    this.state = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    this.rule = Objects.requireNonNull(rule, "rule");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  public S state() {
    return state.get();
  }

  /** Adds a listener for every later change of state. */
  public void onTransition(Consumer<? super Transition<S, E>> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Applies {@code event} to the current state; if that changes it, tells the listeners before
   * returning.
   *
   * @return the transition, unchanged ({@code from} equal to {@code to}) if the event changed
   *     nothing
   */
  public Transition<S, E> fire(E event) {
    Objects.requireNonNull(event, "event");
    long now = ticker.nanoTime();
    while (true) {
      S from = state.get();
      S to = Objects.requireNonNull(rule.next(from, event, now), "the rule's next state");
      if (to.equals(from)) {
        return new Transition<>(from, from, event);
      }
      if (state.compareAndSet(from, to)) {
        Transition<S, E> transition = new Transition<>(from, to, event);
        publish(transition);
        return transition;
      }
    }
  }

  private void publish(Transition<S, E> transition) {
    for (Consumer<? super Transition<S, E>> listener : listeners) {
      try {
        listener.accept(transition);
      } catch (RuntimeException e) {
        log.warn("{} listener failed", name, e);
      }
    }
  }

  @Override
  public String toString() {
    return "FallbackStateMachine{" + name + ", state=" + state.get() + '}';
  }
}
