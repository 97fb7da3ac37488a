package dev.oddscache.tools.replay;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names that market catalogues give to the ids of a replay: runners by selection id, and
 * markets and events by Betfair market id. Ids without a catalogue keep their numbers.
 * Immutable once built.
 */
final class RunnerNames {
  static final RunnerNames NONE = new RunnerNames(List.of());

  private final Map<String, MarketCatalogue> byMarket = new HashMap<>();

  RunnerNames(Collection<MarketCatalogue> catalogues) {
    for (MarketCatalogue c : catalogues) {
      byMarket.put(c.marketId(), c);
    }
  }

  boolean isEmpty() {
    return byMarket.isEmpty();
  }

  /**
   * The name of {@code selection} (a runner id, with {@code @handicap} for Asian handicap
   * runners) in the first of {@code marketIds} whose catalogue names it, or null.
   */
  String runner(Collection<String> marketIds, String selection) {
    int at = selection.indexOf('@');
    String id = at < 0 ? selection : selection.substring(0, at);
    for (String market : marketIds) {
      MarketCatalogue c = byMarket.get(market);
      if (c != null && c.runners().containsKey(id)) {
        String name = c.runners().get(id);
        return at < 0 ? name : name + " " + selection.substring(at + 1);
      }
    }
    return null;
  }

  /** The event name of the first of {@code marketIds} whose catalogue has one, or null. */
  String event(Collection<String> marketIds) {
    for (String market : marketIds) {
      MarketCatalogue c = byMarket.get(market);
      if (c != null && c.eventName() != null) {
        return c.eventName();
      }
    }
    return null;
  }

  /** The market name of {@code marketId}'s catalogue, or null. */
  String market(String marketId) {
    MarketCatalogue c = byMarket.get(marketId);
    return c == null ? null : c.marketName();
  }
}
