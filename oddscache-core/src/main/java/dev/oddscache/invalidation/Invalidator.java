package dev.oddscache.invalidation;

import dev.oddscache.store.CacheStore;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies match events to a store's tagged keys: deletes exactly the keys of the match's markets
 * that the event affects under the {@link ImpactRules}, and keeps the others.
 *
 * <p>Stateless apart from its immutable rules, so thread-safe. An invalidation is as atomic as the
 * store's {@link CacheStore#removeTagged}: a key put concurrently may survive it, as if it had
 * been put just after.
 */
public final class Invalidator {
  private static final Logger log = LoggerFactory.getLogger(Invalidator.class);

  private final ImpactRules rules;

  public Invalidator(ImpactRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** The rules this invalidator applies. */
  public ImpactRules rules() {
    return rules;
  }

  /**
   * Applies {@code event} to the markets of {@code matchId} that have cached keys in {@code
   * store} ({@link CacheStore#markets}); deletes the keys of the affected ones with one {@link
   * CacheStore#removeTagged} call.
   *
   * @param market the market of an {@link EventType#ODDS_SHOCK}; ignored for other events
   * @return what was affected, deleted and preserved
   * @throws IllegalArgumentException naming the field: {@code matchId} when blank, {@code market}
   *     when the event is ODDS_SHOCK and it is blank
   * @throws dev.oddscache.store.StoreException when the store fails; keys may then have been
   *     partly deleted
   */
  public <V> InvalidationReport invalidate(
      CacheStore<V> store, String matchId, EventType event, String market) {
    Objects.requireNonNull(store, "store");
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException(
          "matchId must not be blank, got " + (matchId == null ? "null" : "'" + matchId + "'"));
    }
    Objects.requireNonNull(event, "event");
    String shocked = event == EventType.ODDS_SHOCK ? ImpactRules.oddsShockMarket(market) : null;

    Set<String> affected = new TreeSet<>();
    Set<String> preserved = new TreeSet<>();
    for (String m : store.markets(matchId)) {
      (rules.affects(event, m, shocked) ? affected : preserved).add(m);
    }
    long deleted = affected.isEmpty() ? 0 : store.removeTagged(matchId, affected);
    int total = affected.size() + preserved.size();
    double cpuSavedPct = total == 0 ? 0.0 : Math.round(preserved.size() * 10_000.0 / total) / 100.0;

    InvalidationReport report =
        new InvalidationReport(matchId, event, affected, deleted, preserved, cpuSavedPct);
    log.debug("invalidated match={} event={} market={} affected={} keysDeleted={} preserved={}"
        + " cpuSavedPct={}", matchId, event, shocked, affected, deleted, preserved, cpuSavedPct);
    return report;
  }
}
