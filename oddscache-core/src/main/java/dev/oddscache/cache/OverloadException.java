package dev.oddscache.cache;

/**
 * The bulkhead stayed full for {@code loadQueueTimeout} and no value young enough to serve
 * existed: the backend is protected by refusing this request.
 */
public class OverloadException extends RuntimeException {
  public OverloadException(String message) {
    super(message);
  }
}
