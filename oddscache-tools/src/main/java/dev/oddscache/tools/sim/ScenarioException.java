package dev.oddscache.tools.sim;

/** A scenario file that cannot be read or breaks a rule; the message names the field and value. */
public final class ScenarioException extends IllegalArgumentException {

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
