package dev.oddscache.redis.panic;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN for a stored value that is not a panic start, once per match: a corrupt key is read
 * on every call until the next PANIC replaces it. Thread-safe.
 */
final class CorruptStarts {
  /** The clock's logger: this line is the clock's. */
  private static final Logger log = LoggerFactory.getLogger(RedisPanicClock.class);

  private final PanicKeys keys;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  CorruptStarts(PanicKeys keys) {
    this.keys = keys;
  }

  void warn(String matchId, String value) {
    if (warned.add(matchId)) {
      log.atWarn().addKeyValue("matchId", matchId).addKeyValue("key", keys.key(matchId))
          .addKeyValue("value", value)
          .log("panic start in redis is not epoch millis; treated as unknown and replaced");
    }
  }

  /** A match whose panic ended: a corrupt value in a later panic is news again. */
  void forget(String matchId) {
    warned.remove(matchId);
  }

  /** Keeps the marks of {@code matchIds} only, so that memory stays bounded. */
  void retainOnly(Set<String> matchIds) {
    warned.retainAll(matchIds);
  }
}
