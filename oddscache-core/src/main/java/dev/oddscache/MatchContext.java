package dev.oddscache;

import dev.oddscache.internal.ContextSlots;
import dev.oddscache.internal.Durations;
import dev.oddscache.quota.Stakes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a request knows about its match. Immutable; build with {@link #builder(String)}.
 *
 * <p>The match id scopes panics and tags; without one ({@link #none()}) a request still gets a
 * zone and breaker decision but no panic clock and no tags. Market ids are normalised to lower
 * case.
 */
public final class MatchContext {
  private static final MatchContext NONE = new Builder(null).build();

  static {
    ContextSlots.install(new ContextSlots.Access() {
      @Override
      public Object get(MatchContext context) {
        return context.slot;
      }

      @Override
      public void set(MatchContext context, Object value) {
        context.slot = value;
      }
    });
  }

  private final String matchId;
  private final String competition;
  private final String name;
  private final Stakes stakes;
  private final Instant kickoff;
  private final Set<String> markets;
  private final Map<String, Status> marketStatuses;
  private final Status status;
  private final Duration baseTtl;
  /**
   * The decider's last decision for this object ({@link ContextSlots}); not part of the
   * context's value. Holds an immutable object, so a plain read sees it whole.
   */
  private Object slot;

  private MatchContext(Builder b) {
    this.matchId = b.matchId;
    this.competition = b.competition;
    this.name = b.name;
    this.stakes = b.stakes;
    this.kickoff = b.kickoff;
    this.markets = Set.copyOf(b.markets);
    this.marketStatuses = Map.copyOf(b.marketStatuses);
    this.status = b.status;
    this.baseTtl = b.baseTtl;
  }

  /** A context with no match: zone STANDARD, status NORMAL, no panic scope. */
  public static MatchContext none() {
    return NONE;
  }

  /**
   * @throws IllegalArgumentException if {@code matchId} is blank
   */
  public static Builder builder(String matchId) {
    Objects.requireNonNull(matchId, "matchId");
    if (matchId.isBlank()) {
      throw new IllegalArgumentException("matchId must not be blank, got '" + matchId + "'");
    }
    return new Builder(matchId.trim());
  }

  /** The match id, or null for {@link #none()}. */
  public String matchId() {
    return matchId;
  }

  public String competition() {
    return competition;
  }

  public String name() {
    return name;
  }

  /** An explicit stakes override, or null to classify from competition and name. */
  public Stakes stakes() {
    return stakes;
  }

  /** The kickoff instant, or null when unknown. */
  public Instant kickoff() {
    return kickoff;
  }

  /** Normalised ids of the markets the value depends on. */
  public Set<String> markets() {
    return markets;
  }

  /** Per-market statuses supplied by the caller; they override the detector for those markets. */
  public Map<String, Status> marketStatuses() {
    return marketStatuses;
  }

  /** A status computed by the caller for the whole request, overriding the detector; or null. */
  public Status status() {
    return status;
  }

  /** An explicit base TTL overriding the zone's, or null. */
  public Duration baseTtl() {
    return baseTtl;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MatchContext c
        && Objects.equals(matchId, c.matchId)
        && Objects.equals(competition, c.competition)
        && Objects.equals(name, c.name)
        && stakes == c.stakes
        && Objects.equals(kickoff, c.kickoff)
        && markets.equals(c.markets)
        && marketStatuses.equals(c.marketStatuses)
        && status == c.status
        && Objects.equals(baseTtl, c.baseTtl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(matchId, competition, name, kickoff, markets);
  }

  @Override
  public String toString() {
    return "MatchContext{match=" + matchId + ", competition=" + competition + ", name=" + name
        + ", stakes=" + stakes + ", kickoff=" + kickoff + ", markets=" + markets
        + (marketStatuses.isEmpty() ? "" : ", marketStatuses=" + marketStatuses)
        + (status == null ? "" : ", status=" + status)
        + (baseTtl == null ? "" : ", baseTtl=" + baseTtl) + '}';
  }

  /** Not thread-safe. */
  public static final class Builder {
    private final String matchId;
    private String competition;
    private String name;
    private Stakes stakes;
    private Instant kickoff;
    private final Set<String> markets = new LinkedHashSet<>();
    private final Map<String, Status> marketStatuses = new LinkedHashMap<>();
    private Status status;
    private Duration baseTtl;

    private Builder(String matchId) {
      this.matchId = matchId;
    }

    public Builder competition(String value) {
      this.competition = value;
      return this;
    }

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder stakes(Stakes value) {
      this.stakes = value;
      return this;
    }

    public Builder kickoff(Instant value) {
      this.kickoff = value;
      return this;
    }

    /** Adds markets; ids are normalised to lower case and must not be blank. */
    public Builder markets(String... ids) {
      for (String id : ids) {
        markets.add(Markets.normalise(id));
      }
      return this;
    }

    public Builder markets(Iterable<String> ids) {
      for (String id : ids) {
        markets.add(Markets.normalise(id));
      }
      return this;
    }

    /** Overrides the detector's status for one market (the market is added too). */
    public Builder marketStatus(String market, Status value) {
      String id = Markets.normalise(market);
      markets.add(id);
      marketStatuses.put(id, Objects.requireNonNull(value, "status"));
      return this;
    }

    /** Overrides the detector for the whole request (the proxy's X-Vix-Status). */
    public Builder status(Status value) {
      this.status = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException if negative or not whole seconds
     */
    public Builder baseTtl(Duration value) {
      if (value != null) {
        Durations.nonNegative("baseTtl", value);
        if (value.getNano() != 0) {
          throw new IllegalArgumentException("baseTtl must be whole seconds, got " + value);
        }
      }
      this.baseTtl = value;
      return this;
    }

    public MatchContext build() {
      return new MatchContext(this);
    }
  }
}
