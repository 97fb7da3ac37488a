package dev.oddscache.redis.store;

import java.util.Objects;

/**
 * The names of everything a {@link RedisStore} keeps under its namespace {@code ns}:
 *
 * <ul>
 *   <li>{@code ns:v:{<key>}} — one value blob per cache key; the hash tag is the key, so values
 *       spread over a Cluster's slots;
 *   <li>{@code ns:t:{<matchId>}:m:<market>} — the tag set of one market of a match: members
 *       are {@link TagMember}s. Keys tagged with a match but no market live in the set of the
 *       empty market, {@code ns:t:{<matchId>}:m:}, which is never a real market id;
 *   <li>{@code ns:t:{<matchId>}:markets} — the markets of the match that have a tag set;
 *   <li>{@code ns:invalidate} — the pub/sub channel of the near caches.
 * </ul>
 *
 * <p>Every key of a match shares the hash tag {@code {<matchId>}}, so they live in one Cluster
 * slot and multi-key commands and scripts over them work. In match ids, {@code %}, {@code {} and
 * {@code }} are percent-escaped, so the first {@code }} always closes the hash tag and two
 * different (match, market) pairs never share a name. The market part needs no escaping: it is
 * the rest of the name. The literal {@code :v:} or {@code :t:} followed by {@code {} cannot occur
 * in a namespace (braces are not allowed in it), so the keys of two namespaces never match each
 * other's {@link #scanPattern()}. Immutable.
 */
final class KeyLayout {
  /** The market under which keys with a match but no markets are tagged; never a real id. */
  static final String MATCH_ONLY = "";

  private final String namespace;
  private final String valuePrefix;

  KeyLayout(String namespace) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.valuePrefix = namespace + ":v:{";
  }

  String namespace() {
    return namespace;
  }

  String valueKey(String key) {
    return valuePrefix + key + "}";
  }

  boolean isValueKey(String redisKey) {
    return redisKey.startsWith(valuePrefix);
  }

  String tagSet(String matchId, String market) {
    return matchPrefix(matchId) + ":m:" + market;
  }

  String marketSet(String matchId) {
    return matchPrefix(matchId) + ":markets";
  }

  /** A SCAN pattern for every value key and tag key of the namespace, and nothing else. */
  String scanPattern() {
    return namespace + ":[vt]:{*";
  }

  String invalidationChannel() {
    return namespace + ":invalidate";
  }

  private String matchPrefix(String matchId) {
    return namespace + ":t:{" + escape(matchId) + "}";
  }

  static String escape(String id) {
    if (id.indexOf('%') < 0 && id.indexOf('{') < 0 && id.indexOf('}') < 0) {
      return id;
    }
    return id.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
  }
}
