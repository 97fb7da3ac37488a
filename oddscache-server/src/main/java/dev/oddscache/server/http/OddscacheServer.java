package dev.oddscache.server.http;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.oddscache.Scheduler;
import dev.oddscache.Ticker;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.quota.PanicQuota;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.feed.FeedConfig;
import dev.oddscache.redis.feed.RedisFeed;
import dev.oddscache.server.fleet.FleetView;
import dev.oddscache.server.fleet.TickIntake;
import dev.oddscache.server.metrics.PrometheusHistograms;
import dev.oddscache.server.settings.DemoClock;
import dev.oddscache.server.settings.NetworkSettings;
import dev.oddscache.server.settings.PolicySettings;
import dev.oddscache.server.settings.ProxySettings;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.vix.VixDetector;
import dev.oddscache.zone.ZonePolicy;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code oddscache serve}: the caching proxy, ingestion, decisions, status, metrics and the
 * dashboard over HTTP, on Javalin. Start with {@link #start}; {@link #close} stops
 * gracefully: in-flight requests finish, then background work is cancelled.
 */
public final class OddscacheServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OddscacheServer.class);
  private static final int GRACE_SECONDS = 10;
  /**
   * The largest upstream answer the proxy takes: it holds each answer whole, to store it and to
   * relay it, so one endless or huge body must not fill the heap. A larger one is a 502.
   */
  static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
  /** How long a start waits for the feed's replay to warm the detector before serving. */
  private static final Duration REPLAY_WAIT = Duration.ofSeconds(10);

  private final ServerSettings settings;
  private final Javalin app;
  private final OddsCache<CachedResponse> cache;
  private final ExecutorService executor;
  private final ScheduledExecutorService background;
  private final Backends backends;
  private final StatusRoutes statusRoutes;
  private final VixIdleEviction idleEviction;
  /** The clock durations are shown in: real time, or the demo's story time. */
  private volatile DemoClock shown;
  /** Markers the dashboard draws on its charts: posted match events, the demo's story. */
  private final TimelineMarks marks = new TimelineMarks();
  /** With Redis: the fleet's tick stream, this instance's reader and appender; else null. */
  private final RedisFeed feed;
  /** With Redis: the heartbeat, fleet panics and the breaker's evaluation each second. */
  private final FleetView fleet;
  /**
   * The URL once the server serves; null before. The fleet's heartbeat, on another thread, must
   * not ask Javalin for the port while it starts: that raced with the start and left Jetty's
   * handler chain empty ("StatisticsHandler has no Wrapped Handler").
   */
  private volatile String servingUrl;

  private OddscacheServer(ServerSettings settings, Ticker ticker, DemoClock shown) {
    NetworkSettings network = settings.network();
    ProxySettings proxySettings = settings.proxy();
    PolicySettings policy = settings.policy();
    if (network.bindsBeyondLoopback() && !settings.tokens().complete()) {
      throw new IllegalStateException("refusing to listen on " + network.bind()
          + " without tokens: set ODDSCACHE_INGEST_TOKEN and ODDSCACHE_ADMIN_TOKEN, or bind to"
          + " 127.0.0.1");
    }
    this.settings = settings;
    this.shown = shown;
    this.executor = Executors.newFixedThreadPool(8, daemon("oddscache-load"));
    this.background = Executors.newSingleThreadScheduledExecutor(daemon("oddscache-background"));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Before the cache registers its meters: its histograms replace two of them on /metrics.
    PrometheusHistograms histograms =
        PrometheusHistograms.prepare(registry, policy.cache().quantiles());
    this.backends = Backends.create(settings, ticker, executor);
    VixDetector vix = new VixDetector(settings.vix().detector(), ticker);
    this.idleEviction = new VixIdleEviction(vix, ticker, settings.vix().evictIdleAfter());
    RedisConnector redis = backends.redis();
    String instanceId = FleetView.newInstanceId();
    FeedConfig feedConfig = settings.store().feed();
    this.feed = redis != null && feedConfig.enabled()
        ? RedisFeed.start(redis, feedConfig, instanceId, vix) : null;
    TickIntake intake = feed == null ? TickIntake.local(vix) : TickIntake.shared(vix, feed);
    DecisionEngine engine = new DecisionEngine(new ZonePolicy(policy.zones()),
        policy.breaker().floors(), new PanicQuota(policy.quota()));
    OddsCache.Builder<CachedResponse> builder = OddsCache.<CachedResponse>builder()
        .config(policy.cache())
        .ticker(ticker)
        .scheduler(Scheduler.system())
        .executor(executor)
        .meterRegistry(registry)
        .vixDetector(vix)
        .maxPanickingMatches(policy.panicClock().maxMatches())
        .breakerConfig(policy.breaker())
        .decisionEngine(engine)
        .stakesClassifier(policy.stakes())
        .impactRules(policy.impactRules())
        .valuePolicy(CachedResponse::rules);
    backends.configure(builder);
    this.cache = builder.build();
    histograms.export(cache.histograms());
    Upstream upstream = proxySettings.upstream() == null ? null
        : new Upstream(proxySettings.upstream(), proxySettings.upstreamTimeout(), executor, ticker,
            MAX_RESPONSE_BYTES);
    Timeline timeline = new Timeline(cache, upstream == null ? () -> 0 : upstream::calls);
    PanicQuota quota = new PanicQuota(policy.quota());
    this.fleet = redis == null ? null : new FleetView(redis, cache, feed, quota, this::shown,
        instanceId, version(), () -> servingUrl, timeline::requestsPerSecond);
    this.statusRoutes = new StatusRoutes(cache, timeline, registry, policy.breaker(), fleet,
        quota, this::shown, marks);
    Auth auth = new Auth(settings.tokens().ingest(), settings.tokens().admin());
    ProxyHandler proxy = new ProxyHandler(cache, upstream, timeline, proxySettings.maxKeyBytes(),
        proxySettings.implicitFreshness());
    OddsRoutes odds = new OddsRoutes(intake);
    BetfairRoute betfair = new BetfairRoute(intake, settings.betfair());
    EventRoutes events = new EventRoutes(cache, marks, ticker);
    DecisionRoutes decisions = new DecisionRoutes(cache.decider());
    AdminRoutes admin = new AdminRoutes(cache);

    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = network.maxBodyBytes();
      // A known path asked with a method it does not serve is a 405 with Allow, not a 404.
      config.http.prefer405over404 = true;
      config.jsonMapper(new JavalinJackson(
          JsonBodies.MAPPER.copy().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS), false));
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/dashboard";
        files.location = Location.CLASSPATH;
      });
      config.staticFiles.enableWebjars();
      config.jetty.modifyServer(server -> {
        server.setStopTimeout(GRACE_SECONDS * 1000L);
        // Errors Jetty answers itself (unparseable requests, 414, 431) are JSON too.
        server.setErrorHandler(new JsonErrorHandler());
        // Header/idle timeouts and the connection cap, so slow clients cannot exhaust descriptors.
        ConnectionGuard.install(server, network.connections());
      });
      config.jetty.modifyServletContextHandler(handler -> {
        handler.setErrorHandler(new JsonErrorHandler());
        FilterHolder guard = new FilterHolder(new RequestGuardFilter(network.maxBodyBytes()));
        guard.setAsyncSupported(true);
        handler.addFilter(guard, "/*", EnumSet.of(DispatcherType.REQUEST));
        handler.addFilter(new FilterHolder(new HeadFilter()), "/*",
            EnumSet.of(DispatcherType.REQUEST));
        FilterHolder pass = new FilterHolder(new PassThroughFilter(() -> upstream, cache,
            network.maxBodyBytes(), proxySettings.maxKeyBytes()));
        handler.addFilter(pass, ProxyHandler.PREFIX + "*", EnumSet.of(DispatcherType.REQUEST));
      });
    });
    app.before(ctx -> {
      String uri = ctx.req().getRequestURI();
      // Before matching: Javalin decodes the proxy's path parameter first and fails on bad escapes.
      if (uri.startsWith(ProxyHandler.PREFIX)) {
        ProxyHandler.requireWellFormedEscapes(uri);
      }
      long length = ctx.req().getContentLengthLong();
      if (length > network.maxBodyBytes()) {
        throw new ApiError(413, "request body too large", "body",
            "at most " + network.maxBodyBytes() + " bytes, got " + length);
      }
    });
    app.get(ProxyHandler.PREFIX + "<path>", proxy::handle);
    app.head(ProxyHandler.PREFIX + "<path>", proxy::handle);
    app.post("/v1/odds", ctx -> {
      auth.requireIngest(ctx);
      odds.postOdds(ctx);
    });
    app.post("/v1/odds/betfair", ctx -> {
      auth.requireIngest(ctx);
      betfair.post(ctx);
    });
    app.post("/v1/events", ctx -> {
      auth.requireIngest(ctx);
      events.postEvent(ctx);
    });
    app.post("/v1/decisions", decisions::postDecision);
    app.get("/v1/status", statusRoutes::status);
    app.get("/v1/timeline", statusRoutes::timeline);
    app.get("/metrics", statusRoutes::metrics);
    app.get("/health/live", statusRoutes::live);
    app.get("/health/ready", statusRoutes::ready);
    app.delete("/v1/cache", ctx -> {
      auth.requireAdmin(ctx);
      admin.deleteCache(ctx);
    });
    app.post("/v1/stats/reset", ctx -> {
      auth.requireAdmin(ctx);
      admin.resetStats(ctx);
    });
    ErrorResponses.install(app);
    background.scheduleAtFixedRate(() -> {
      try {
        timeline.sample();
      } catch (RuntimeException e) {
        log.warn("timeline sample failed", e);
      }
    }, 1, 1, TimeUnit.SECONDS);
    // O(matches tracked) once a minute: short enough to share the timeline's thread.
    idleEviction.scheduleOn(background);
    if (fleet != null) {
      background.scheduleAtFixedRate(fleet::everySecond, 1, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * Starts a server.
   *
   * @throws IllegalStateException when binding beyond loopback without tokens
   */
  public static OddscacheServer start(ServerSettings settings) {
    return start(settings, Ticker.system());
  }

  /** Starts a server whose cache runs on {@code ticker} (tests run it on virtual time). */
  public static OddscacheServer start(ServerSettings settings, Ticker ticker) {
    return start(settings, ticker, DemoClock.real());
  }

  /**
   * Starts a server whose cache runs on {@code ticker} and that shows durations in {@code shown}:
   * the demo's story time, when {@code settings} has its policy durations compressed by the
   * clock's speed.
   */
  public static OddscacheServer start(ServerSettings settings, Ticker ticker, DemoClock shown) {
    OddscacheServer server = new OddscacheServer(settings, ticker, shown);
    try {
      if (server.feed != null && server.backends.redis().isConnected()
          && !server.feed.awaitReplay(REPLAY_WAIT)) {
        log.atWarn().addKeyValue("waited", REPLAY_WAIT)
            .log("feed replay still running: serving while the detector warms up");
      }
      server.app.start(settings.network().bind(), settings.network().port());
      server.servingUrl = server.url();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    if (server.fleet != null) {
      // In the fleet's view from the first moment it serves, not a second later.
      server.fleet.everySecond();
    }
    log.atInfo().addKeyValue("url", server.url())
        .addKeyValue("upstream", settings.proxy().upstream())
        .addKeyValue("store", server.cache.store().kind()).log("oddscache serving");
    return server;
  }

  public int port() {
    return app.port();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    String bind = settings.network().bind();
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return "http://" + host + ":" + port();
  }

  /** The clock durations are shown in. */
  public DemoClock shown() {
    return shown;
  }

  /**
   * Shows durations in {@code clock} from now on: the demo starts its story clock once the server
   * is up, so that the story's first minutes are not spent starting it.
   */
  public void showDurationsIn(DemoClock clock) {
    this.shown = Objects.requireNonNull(clock, "clock");
  }

  /** The markers the dashboard draws on its charts; the demo adds its story's events. */
  public TimelineMarks marks() {
    return marks;
  }

  public OddsCache<CachedResponse> cache() {
    return cache;
  }

  /** The periodic idle eviction of the volatility detector, so tests can run it by hand. */
  VixIdleEviction idleEviction() {
    return idleEviction;
  }

  /** The {@code /v1/status} document, for the demo's console summary. */
  public Map<String, Object> status() {
    return statusRoutes.status();
  }

  /** Stops accepting, lets in-flight requests finish (up to 10 s), then stops background work. */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      background.shutdownNow();
      if (fleet != null) {
        fleet.close();
      }
      if (feed != null) {
        feed.close();
      }
      executor.shutdown();
      try {
        if (!executor.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
      cache.close();
      backends.close();
    }
  }

  /** The fleet view, with Redis; null without. */
  FleetView fleet() {
    return fleet;
  }

  /** The fleet's tick feed, with Redis; null without. */
  public RedisFeed feed() {
    return feed;
  }

  private static String version() {
    String version = OddscacheServer.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
