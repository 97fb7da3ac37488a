package dev.oddscache.tools.sim;

/** A simulated backend call that failed, as the scenario's {@code backend.failureRate} asks. */
final class BackendFailure extends RuntimeException {

  BackendFailure(String key) {
    super("simulated backend failure for " + key, null, false, false);
  }
}
