package dev.oddscache.redis.internal;

/**
 * What one event did to a {@link FallbackStateMachine}: the state before, the state after, and
 * the event. Listeners only hear of changes; {@link FallbackStateMachine#fire} also returns the
 * events that changed nothing, with {@code from} equal to {@code to}.
 *
 * @param <S> the machine's states
 * @param <E> the machine's events
 */
public record Transition<S, E>(S from, S to, E event) {
  /** Whether the event moved the machine to another state. */
  public boolean changed() {
    return !from.equals(to);
  }
}
