package dev.oddscache.server.settings;

/**
 * The bearer tokens of the write endpoints: {@code ingest} for odds and events, {@code admin} for
 * clearing the cache and resetting statistics. Null (or blank, read as null) leaves that group of
 * endpoints open, which only a loopback bind allows. They come from the environment, never from a
 * config file. Immutable.
 */
public record AccessTokens(String ingest, String admin) {
  private static final AccessTokens NONE = new AccessTokens(null, null);

  public AccessTokens {
    ingest = blankToNull(ingest);
    admin = blankToNull(admin);
  }

  /** No tokens: every endpoint is open. */
  public static AccessTokens none() {
    return NONE;
  }

  /** Whether both groups of write endpoints need a token. */
  public boolean complete() {
    return ingest != null && admin != null;
  }

  // A token must not reach a log line or a test report through a settings dump.
  @Override
  public String toString() {
    return "AccessTokens[ingest=" + shown(ingest) + ", admin=" + shown(admin) + "]";
  }

  private static String shown(String token) {
    return token == null ? "none" : "***";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
