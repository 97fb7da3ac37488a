package dev.oddscache.invalidation;

import dev.oddscache.Markets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which markets each {@link EventType} affects, by market family ({@link Markets#family(String)}):
 * a goal moves {@code over_under_25} because it moves family {@code over_under}. Immutable and
 * thread-safe.
 *
 * <p>{@link EventType#ODDS_SHOCK} is not configurable: it always affects exactly the market it
 * names.
 *
 * <p>The defaults:
 *
 * <table>
 *   <caption>Default impact rules</caption>
 *   <tr><th>event</th><th>affected families</th></tr>
 *   <tr><td>GOAL, PENALTY</td><td>1x2, match_odds, over_under, btts, correct_score,
 *       asian_handicap, next_goal, draw_no_bet, double_chance, goalscorer, half_time</td></tr>
 *   <tr><td>RED_CARD, LINEUP, KICKOFF, HALF_TIME, FULL_TIME</td><td>every market</td></tr>
 *   <tr><td>INJURY</td><td>1x2, match_odds, asian_handicap, over_under, goalscorer</td></tr>
 *   <tr><td>YELLOW_CARD</td><td>cards, player_cards</td></tr>
 *   <tr><td>CORNER</td><td>corners</td></tr>
 *   <tr><td>SUBSTITUTION</td><td>goalscorer, player_cards</td></tr>
 *   <tr><td>ODDS_SHOCK</td><td>the named market only</td></tr>
 * </table>
 */
public final class ImpactRules {
  public static final Set<String> DEFAULT_GOAL_FAMILIES = Set.of(
      "1x2", "match_odds", "over_under", "btts", "correct_score", "asian_handicap", "next_goal",
      "draw_no_bet", "double_chance", "goalscorer", "half_time");
  public static final Set<String> DEFAULT_INJURY_FAMILIES =
      Set.of("1x2", "match_odds", "asian_handicap", "over_under", "goalscorer");
  public static final Set<String> DEFAULT_YELLOW_CARD_FAMILIES = Set.of("cards", "player_cards");
  public static final Set<String> DEFAULT_CORNER_FAMILIES = Set.of("corners");
  public static final Set<String> DEFAULT_SUBSTITUTION_FAMILIES = Set.of("goalscorer", "player_cards");

  private static final ImpactRules DEFAULTS = builder()
      .affects(EventType.GOAL, DEFAULT_GOAL_FAMILIES)
      .affects(EventType.PENALTY, DEFAULT_GOAL_FAMILIES)
      .affectsAllMarkets(EventType.RED_CARD)
      .affectsAllMarkets(EventType.LINEUP)
      .affectsAllMarkets(EventType.KICKOFF)
      .affectsAllMarkets(EventType.HALF_TIME)
      .affectsAllMarkets(EventType.FULL_TIME)
      .affects(EventType.INJURY, DEFAULT_INJURY_FAMILIES)
      .affects(EventType.YELLOW_CARD, DEFAULT_YELLOW_CARD_FAMILIES)
      .affects(EventType.CORNER, DEFAULT_CORNER_FAMILIES)
      .affects(EventType.SUBSTITUTION, DEFAULT_SUBSTITUTION_FAMILIES)
      .build();

  private final Map<EventType, Set<String>> families;
  private final Set<EventType> allMarkets;

  private ImpactRules(Builder b) {
    EnumMap<EventType, Set<String>> copy = new EnumMap<>(EventType.class);
    b.families.forEach((event, f) -> copy.put(event, Collections.unmodifiableSet(new TreeSet<>(f))));
    this.families = Collections.unmodifiableMap(copy);
    this.allMarkets = Collections.unmodifiableSet(EnumSet.copyOf(b.allMarkets));
  }

  /** The default rules, as in the table above. */
  public static ImpactRules ofDefaults() {
    return DEFAULTS;
  }

  /** An empty builder: an event without a rule affects no market (except ODDS_SHOCK). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s rules, to change some of them. */
  public static Builder from(ImpactRules base) {
    Objects.requireNonNull(base, "base");
    Builder b = new Builder();
    b.families.putAll(base.families);
    b.allMarkets.addAll(base.allMarkets);
    return b;
  }

  /**
   * Whether {@code event} affects {@code market}: the event affects every market, or the
   * market's family (or the market id itself) is among the event's families; for {@link
   * EventType#ODDS_SHOCK}, whether {@code market} is {@code oddsShockMarket}.
   *
   * @param market a market id, normalised here
   * @param oddsShockMarket the market of an ODDS_SHOCK; ignored for other events
   * @throws IllegalArgumentException naming the field {@code market} when {@code market} is blank,
   *     or when {@code event} is ODDS_SHOCK and {@code oddsShockMarket} is blank
   */
  public boolean affects(EventType event, String market, String oddsShockMarket) {
    Objects.requireNonNull(event, "event");
    String id = Markets.normalise(market);
    if (event == EventType.ODDS_SHOCK) {
      return id.equals(oddsShockMarket(oddsShockMarket));
    }
    if (allMarkets.contains(event)) {
      return true;
    }
    Set<String> f = families.get(event);
    return f != null && (f.contains(Markets.family(id)) || f.contains(id));
  }

  /** Whether {@code event} affects every market of the match. */
  public boolean affectsAllMarkets(EventType event) {
    return allMarkets.contains(Objects.requireNonNull(event, "event"));
  }

  /**
   * The families {@code event} affects, sorted; empty when it affects every market (see {@link
   * #affectsAllMarkets}), none, or is ODDS_SHOCK.
   */
  public Set<String> families(EventType event) {
    return families.getOrDefault(Objects.requireNonNull(event, "event"), Set.of());
  }

  /**
   * The normalised market of an ODDS_SHOCK.
   *
   * @throws IllegalArgumentException naming the field {@code market} when it is null or blank
   */
  static String oddsShockMarket(String market) {
    if (market == null || market.isBlank()) {
      throw new IllegalArgumentException("market is required for ODDS_SHOCK, got "
          + (market == null ? "null" : "'" + market + "'"));
    }
    return Markets.normalise(market);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImpactRules other
        && families.equals(other.families) && allMarkets.equals(other.allMarkets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(families, allMarkets);
  }

  @Override
  public String toString() {
    return "ImpactRules{allMarkets=" + allMarkets + ", families=" + families + '}';
  }

  /** Collects rules; each call replaces the event's previous rule. Not thread-safe. */
  public static final class Builder {
    private final Map<EventType, Set<String>> families = new EnumMap<>(EventType.class);
    private final Set<EventType> allMarkets = EnumSet.noneOf(EventType.class);

    private Builder() {}

    /**
     * {@code event} affects the markets of these families (an exact market id also works, since
     * ids are matched as well). An empty set means it affects nothing.
     *
     * @throws IllegalArgumentException for ODDS_SHOCK, which always affects exactly its market,
     *     or when a family is null or blank
     */
    public Builder affects(EventType event, Set<String> families) {
      configurable(event);
      Objects.requireNonNull(families, "families");
      Set<String> normalised = new TreeSet<>();
      for (String family : families) {
        if (family == null || family.isBlank()) {
          throw new IllegalArgumentException("families of " + event
              + " must not contain blank ids, got " + (family == null ? "null" : "'" + family + "'"));
        }
        normalised.add(Markets.normalise(family));
      }
      allMarkets.remove(event);
      this.families.put(event, normalised);
      return this;
    }

    /**
     * {@code event} affects every market of the match.
     *
     * @throws IllegalArgumentException for ODDS_SHOCK
     */
    public Builder affectsAllMarkets(EventType event) {
      configurable(event);
      families.remove(event);
      allMarkets.add(event);
      return this;
    }

    public ImpactRules build() {
      return new ImpactRules(this);
    }

    private static void configurable(EventType event) {
      Objects.requireNonNull(event, "event");
      if (event == EventType.ODDS_SHOCK) {
        throw new IllegalArgumentException(
            "event ODDS_SHOCK always affects exactly its market and cannot be configured, got " + event);
      }
    }
  }
}
