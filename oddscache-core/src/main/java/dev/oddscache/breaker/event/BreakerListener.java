package dev.oddscache.breaker.event;

/**
 * Receives the panic breaker's transitions.
 *
 * <p>Called synchronously on the thread that evaluated the window (usually a request thread),
 * after the mode has changed and outside any lock, so it must be quick and must not block. An
 * exception thrown by a listener is logged and swallowed: it affects neither the breaker nor the
 * other listeners.
 */
@FunctionalInterface
public interface BreakerListener {

  void onTransition(BreakerTransition transition);
}
