package dev.oddscache.store;

/** A store operation failed or timed out. The cache never lets it fail a request. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
