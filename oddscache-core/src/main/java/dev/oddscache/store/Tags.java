package dev.oddscache.store;

import dev.oddscache.Markets;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a stored key depends on: one match and some of its markets. A key is tagged
 * with {@code (matchId, market)} for each market; untagged keys ({@link #NONE}) are only removed
 * by full invalidation or expiry.
 *
 * @param matchId the match, or null for {@link #NONE}
 * @param markets normalised market ids (lower case), never null
 */
public record Tags(String matchId, Set<String> markets) {
  public static final Tags NONE = new Tags(null, Set.of());

  public Tags {
    markets = markets == null ? Set.of()
        : markets.stream().map(Markets::normalise).collect(Collectors.toUnmodifiableSet());
    if (matchId == null && !markets.isEmpty()) {
      throw new IllegalArgumentException("markets need a matchId, got markets " + markets);
    }
  }

  public static Tags of(String matchId, Set<String> markets) {
    return matchId == null ? NONE : new Tags(Objects.requireNonNull(matchId), markets);
  }

  public boolean isEmpty() {
    return matchId == null;
  }
}
