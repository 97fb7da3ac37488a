package dev.oddscache.redis.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link NearCachedStore} tells the others on the namespace's invalidation channel: a
 * line of space-separated, URL-encoded words, readable with {@code redis-cli SUBSCRIBE}:
 *
 * <pre>
 * &lt;origin&gt; key &lt;key&gt;
 * &lt;origin&gt; tags &lt;matchId&gt; &lt;market&gt;…
 * &lt;origin&gt; match &lt;matchId&gt;
 * &lt;origin&gt; all
 * </pre>
 *
 * The origin identifies the sending store, which ignores its own messages. Immutable.
 *
 * @param origin the sender
 * @param kind what was invalidated
 * @param args the key, or the match id followed by markets, or the match id, or nothing
 */
record InvalidationMessage(String origin, Kind kind, List<String> args) {

  enum Kind {
    KEY("key"), TAGS("tags"), MATCH("match"), ALL("all");

    final String word;

    Kind(String word) {
      this.word = word;
    }
  }

  InvalidationMessage {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(kind, "kind");
    args = List.copyOf(args);
  }

  static InvalidationMessage key(String origin, String key) {
    return new InvalidationMessage(origin, Kind.KEY, List.of(key));
  }

  static InvalidationMessage tags(String origin, String matchId, Iterable<String> markets) {
    List<String> args = new ArrayList<>();
    args.add(matchId);
    markets.forEach(args::add);
    return new InvalidationMessage(origin, Kind.TAGS, args);
  }

  static InvalidationMessage match(String origin, String matchId) {
    return new InvalidationMessage(origin, Kind.MATCH, List.of(matchId));
  }

  static InvalidationMessage all(String origin) {
    return new InvalidationMessage(origin, Kind.ALL, List.of());
  }

  String encode() {
    StringBuilder line = new StringBuilder(word(origin)).append(' ').append(kind.word);
    args.forEach(a -> line.append(' ').append(word(a)));
    return line.toString();
  }

  /**
   * @throws IllegalArgumentException when {@code line} is not a message of this format
   */
  static InvalidationMessage parse(String line) {
    String[] words = line.split(" ", -1);
    if (words.length < 2) {
      throw new IllegalArgumentException(
          "invalidation message needs an origin and a kind, got '" + line + "'");
    }
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.word.equals(words[1])) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new IllegalArgumentException("unknown invalidation kind '" + words[1] + "'");
    }
    List<String> args = new ArrayList<>();
    for (int i = 2; i < words.length; i++) {
      args.add(URLDecoder.decode(words[i], StandardCharsets.UTF_8));
    }
    int expected = switch (kind) {
      case KEY, MATCH -> 1;
      case ALL -> 0;
      case TAGS -> -1;
    };
    if ((expected >= 0 && args.size() != expected) || (kind == Kind.TAGS && args.isEmpty())) {
      throw new IllegalArgumentException(
          "wrong number of words for '" + kind.word + "' in '" + line + "'");
    }
    return new InvalidationMessage(URLDecoder.decode(words[0], StandardCharsets.UTF_8), kind, args);
  }

  private static String word(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
