package dev.oddscache.cache;

/** Wraps a checked exception thrown by a {@link Loader}, for the synchronous API. */
public class LoadFailedException extends RuntimeException {
  public LoadFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
