package dev.oddscache.server.http;

import dev.oddscache.Ticker;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the upstream is failing, logged on change: one WARN when calls start failing (or fail
 * in a new way, such as timeouts after refused connections), one INFO when a call succeeds again,
 * with how many failed in between; each failure on its own only at DEBUG, so a failing upstream
 * under load adds lines per change, not per request. A failure is a call without an answer
 * (unreachable, timed out, garbage) or a 5xx answer. Thread-safe.
 */
final class UpstreamHealth {
  private static final Logger log = LoggerFactory.getLogger(UpstreamHealth.class);

  /** The kind of a failure, as logged. */
  enum Failure {
    UNREACHABLE("unreachable"),
    TIMEOUT("timeout"),
    SERVER_ERROR("server_error");

    private final String key;

    Failure(String key) {
      this.key = key;
    }

    String key() {
      return key;
    }
  }

  private final URI upstream;
  private final Ticker ticker;
  private Failure failing;
  private long failingSinceMillis;
  private long failures;

  UpstreamHealth(URI upstream, Ticker ticker) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** A call that got no usable answer: {@code detail} says what happened (status or error). */
  void failed(Failure kind, String detail) {
    boolean changed;
    long count;
    synchronized (this) {
      changed = failing != kind;
      if (failing == null) {
        failingSinceMillis = ticker.epochMillis();
        failures = 0;
      }
      failing = kind;
      count = ++failures;
    }
    if (changed) {
      log.atWarn().setMessage("upstream failing; answering from stored values where possible")
          .addKeyValue("upstream", upstream).addKeyValue("failure", kind.key())
          .addKeyValue("detail", detail).addKeyValue("failuresSoFar", count).log();
    } else {
      log.atDebug().setMessage("upstream call failed").addKeyValue("upstream", upstream)
          .addKeyValue("failure", kind.key()).addKeyValue("detail", detail).log();
    }
  }

  /** A call that got an answer below 500. */
  void succeeded() {
    long count;
    long millis;
    synchronized (this) {
      if (failing == null) {
        return;
      }
      count = failures;
      millis = ticker.epochMillis() - failingSinceMillis;
      failing = null;
    }
    log.atInfo().setMessage("upstream recovered").addKeyValue("upstream", upstream)
        .addKeyValue("failures", count).addKeyValue("failingMillis", millis).log();
  }

  /** Whether the latest call failed. */
  synchronized boolean failing() {
    return failing != null;
  }
}
