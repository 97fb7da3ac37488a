package dev.oddscache.server.fleet;

import dev.oddscache.cache.OddsCache;
import dev.oddscache.decision.Decider;
import dev.oddscache.decision.Decision;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.quota.PanicQuota;
import dev.oddscache.quota.PanicState;
import dev.oddscache.quota.Stakes;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.feed.FeedStats;
import dev.oddscache.redis.feed.RedisFeed;
import dev.oddscache.redis.fleet.FleetPanic;
import dev.oddscache.redis.fleet.FleetPanics;
import dev.oddscache.redis.fleet.InstanceInfo;
import dev.oddscache.redis.fleet.InstanceRegistry;
import dev.oddscache.server.settings.DemoClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One view of the fleet from every instance. Once a second ({@link #everySecond}) this instance
 * re-evaluates the shared breaker window, whether or not it serves requests (an idle instance
 * shows the fleet's mode, not the mode of its last request), heartbeats its {@link InstanceInfo}
 * and reports the matches it decides as panicking. {@link #instances} lists the live instances;
 * {@link #withFleetPanics} completes this instance's panics with the fleet's, each with its
 * shared start (the panic clock in Redis) and the tier that start gives. Redis being down costs
 * only the view: each call answers what it can and logs on change. Thread-safe.
 */
public final class FleetView implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FleetView.class);
  /** How long a heartbeat lives: an instance that stops drops out of the view within this. */
  public static final Duration HEARTBEAT_EXPIRY = Duration.ofSeconds(5);
  /** The most panics a status lists; the panics of a fleet are bounded like those of one. */
  public static final int MAX_PANICS_LISTED = 100;

  private final OddsCache<?> cache;
  private final RedisFeed feed;
  private final InstanceRegistry registry;
  private final FleetPanics panics;
  private final PanicQuota quota;
  private final Supplier<DemoClock> shown;
  private final String instanceId;
  private final String version;
  private final long startedMillis;
  private final Supplier<String> url;
  private final DoubleSupplier requestsPerSecond;
  private volatile String failing;

  /**
   * @param feed the fleet's tick feed, or null when ticks are not shared (its stats are shown)
   * @param shown the clock panic durations are shown in
   * @param url where this instance serves, read at each heartbeat; null until it serves
   * @param requestsPerSecond its proxied requests of the last complete second
   */
  public FleetView(RedisConnector redis, OddsCache<?> cache, RedisFeed feed, PanicQuota quota,
      Supplier<DemoClock> shown, String instanceId, String version, Supplier<String> url,
      DoubleSupplier requestsPerSecond) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.feed = feed;
    this.registry = new InstanceRegistry(redis, HEARTBEAT_EXPIRY);
    this.panics = new FleetPanics(redis, Decider.PANIC_STALE_AFTER);
    this.quota = Objects.requireNonNull(quota, "quota");
    this.shown = Objects.requireNonNull(shown, "shown");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.version = Objects.requireNonNull(version, "version");
    this.startedMillis = System.currentTimeMillis();
    this.url = Objects.requireNonNull(url, "url");
    this.requestsPerSecond = Objects.requireNonNull(requestsPerSecond, "requestsPerSecond");
  }

  /** A new id for an instance starting now. */
  public static String newInstanceId() {
    return InstanceIds.generate();
  }

  public String instanceId() {
    return instanceId;
  }

  /** The once-a-second work: breaker, heartbeat, panic report; never throws. */
  public void everySecond() {
    // First and on its own: the mode must move even when Redis refuses the rest.
    cache.breaker().evaluate();
    try {
      String where = url.get();
      if (where != null) {
        // Null until the instance serves: it joins the view with its address, not before.
        registry.heartbeat(new InstanceInfo(instanceId, version, startedMillis, where,
            cache.breaker().mode().name(), cache.store().health().name(),
            requestsPerSecond.getAsDouble(), System.currentTimeMillis()));
      }
      Map<String, Stakes> panicking = new TreeMap<>();
      for (Map.Entry<String, Decision> e : cache.decider().panickingMatches().entrySet()) {
        panicking.put(e.getKey(), e.getValue().stakes());
      }
      panics.report(panicking, instanceId, cache.decider().ticker().epochMillis());
      recovered();
    } catch (RuntimeException e) {
      failed("heartbeat", e);
    }
  }

  /** The live instances as {@code /v1/status} lists them, this one marked {@code self}. */
  public List<Map<String, Object>> instances() {
    List<InstanceInfo> live;
    try {
      live = registry.live();
    } catch (RuntimeException e) {
      failed("instances", e);
      live = List.of();
    }
    List<Map<String, Object>> json = new ArrayList<>(live.size());
    for (InstanceInfo i : live) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", i.id());
      m.put("self", i.id().equals(instanceId));
      m.put("version", i.version());
      m.put("startedMillis", i.startedMillis());
      m.put("url", i.url());
      m.put("breakerMode", i.breakerMode());
      m.put("storeHealth", i.storeHealth());
      m.put("requestsPerSecond", i.requestsPerSecond());
      m.put("heartbeatMillis", i.heartbeatMillis());
      json.add(m);
    }
    return json;
  }

  /**
   * {@code local} (this instance's panics, {@code /v1/status} entries) with every other match
   * the fleet reports panicking and the shared panic clock still holds, in the same shape: its
   * shared start, the minutes since and the tier of its stakes at {@code nowMillis}. By match
   * id, at most {@link #MAX_PANICS_LISTED}.
   */
  public List<Map<String, Object>> withFleetPanics(List<Map<String, Object>> local,
      long nowMillis) {
    List<FleetPanic> reported;
    try {
      reported = panics.list(nowMillis);
    } catch (RuntimeException e) {
      failed("panics", e);
      return local;
    }
    Map<String, Map<String, Object>> byMatch = new TreeMap<>();
    for (Map<String, Object> p : local) {
      byMatch.put(String.valueOf(p.get("match")), p);
    }
    PanicClock clock = cache.decider().panicClock();
    Set<String> known = new HashSet<>(byMatch.keySet());
    for (FleetPanic p : reported) {
      if (known.contains(p.matchId())) {
        continue;
      }
      long since = clock.panicStart(p.matchId(), nowMillis);
      if (since == PanicClock.NO_PANIC) {
        continue;
      }
      long lasted = Math.max(0, nowMillis - since);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("match", p.matchId());
      m.put("sinceMillis", since);
      m.put("minutes", shown.get().minutes(lasted));
      m.put("tier", quota.decide(0, PanicState.lastingMillis(lasted), p.stakes()).tier());
      m.put("stakes", p.stakes().name());
      byMatch.put(p.matchId(), m);
    }
    List<Map<String, Object>> all = new ArrayList<>(byMatch.values());
    return all.size() <= MAX_PANICS_LISTED ? all : all.subList(0, MAX_PANICS_LISTED);
  }

  /** The feed's counters for {@code /v1/status}, or null without a shared feed. */
  public Map<String, Object> feed() {
    if (feed == null) {
      return null;
    }
    FeedStats s = feed.stats();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("live", s.live());
    m.put("appended", s.appended());
    m.put("appliedFromStream", s.appliedFromStream());
    m.put("appliedLocally", s.appliedLocally());
    m.put("duplicates", s.duplicates());
    m.put("backlog", s.backlog());
    m.put("backlogDropped", s.backlogDropped());
    m.put("gaps", s.gaps());
    m.put("malformed", s.malformed());
    m.put("position", s.position());
    return m;
  }

  /** Leaves the view at once rather than when the heartbeat expires. */
  @Override
  public void close() {
    try {
      registry.leave(instanceId);
    } catch (RuntimeException e) {
      log.atDebug().addKeyValue("error", e.toString()).log("fleet leave failed");
    }
  }

  private void failed(String what, RuntimeException e) {
    String cause = what + ": " + e;
    (failing == null ? log.atWarn() : log.atDebug()).addKeyValue("instance", instanceId)
        .addKeyValue("error", cause).log("fleet view unavailable, showing this instance only");
    failing = cause;
  }

  private void recovered() {
    if (failing != null) {
      log.atInfo().addKeyValue("instance", instanceId).log("fleet view back");
      failing = null;
    }
  }
}
