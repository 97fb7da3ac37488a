package dev.oddscache.redis;

import dev.oddscache.redis.internal.LuaScript;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce connection (standalone, Sentinel or Cluster) shared by the Redis store, panic clock,
 * breaker window and lease, with the rules that keep Redis from ever taking a request down:
 *
 * <ul>
 *   <li>every command waits at most {@link RedisSettings#commandTimeout()} (default 50 ms);
 *   <li>while disconnected, commands are rejected at once rather than queued;
 *   <li>failures become {@link StoreException}s and move the {@linkplain #health() health};
 *   <li>Lettuce reconnects by itself; if the very first connection fails, this class keeps
 *       trying in the background, so a process can start while Redis is down.
 * </ul>
 *
 * Keys are Strings (UTF-8), values byte arrays. Thread-safe.
 */
public final class RedisConnector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisConnector.class);
  private static final int SCRIPT_LOAD_TRIES = 3;
  private static final long SCRIPT_LOAD_RETRY_MILLIS = 100;
  static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final RedisSettings settings;
  private final RedisEndpoint endpoint;
  private final ClientResources resources;
  private final RedisHealthTracker health;
  private final ScheduledExecutorService reconnector;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object lock = new Object();
  private final ConnectAttempts attempts = new ConnectAttempts();
  private final Set<LuaScript> preloaded = ConcurrentHashMap.newKeySet();
  private RedisClient client;
  private RedisClusterClient clusterClient;
  private volatile StatefulConnection<String, byte[]> connection;
  private volatile RedisClusterAsyncCommands<String, byte[]> commands;
  private StatefulRedisPubSubConnection<String, byte[]> pubSub;
  /**
   * Moves to FALLBACK as soon as any connection (commands or pub/sub) drops, not only when a
   * command next fails: whoever keeps state that Redis invalidates (near caches) must learn
   * that messages may have been missed even if no command ran during the outage.
   */
  private final RedisConnectionStateListener connectionEvents = new RedisConnectionStateListener() {
    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> c) {
      if (!closed.get()) {
        health.disconnected();
      }
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> c, SocketAddress address) {
      // Off Lettuce's event loop: the commands it sends are waited for.
      if (!closed.get()) {
        reconnector.execute(() -> loadScripts(SCRIPT_LOAD_TRIES));
      }
    }
  };

  private RedisConnector(RedisSettings settings) {
    this.settings = settings;
    this.endpoint = RedisEndpoint.parse(settings.uri());
    this.resources = DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        // Lettuce's default backoff doubles up to 30 s: after an outage of a quarter of a minute,
        // Redis could be back for 30 s before anyone noticed. Capped at the reconnect interval.
        .reconnectDelay(Delay.exponential(Duration.ofMillis(1), settings.reconnectInterval(), 2,
            TimeUnit.MILLISECONDS))
        .build();
    this.health = new RedisHealthTracker(settings.redactedUri());
    this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "oddscache-redis-connect");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Connects to Redis. Never fails because Redis is unreachable: the connector then starts in
   * FALLBACK and keeps trying every {@link RedisSettings#reconnectInterval()}.
   */
  public static RedisConnector open(RedisSettings settings) {
    RedisConnector connector = new RedisConnector(Objects.requireNonNull(settings, "settings"));
    if (!connector.tryConnect()) {
      connector.scheduleReconnect();
    }
    return connector;
  }

  public RedisSettings settings() {
    return settings;
  }

  public boolean isCluster() {
    return endpoint.cluster();
  }

  public String prefix() {
    return settings.prefix();
  }

  public StoreHealth health() {
    StoreHealth state = health.state();
    if (state == StoreHealth.HEALTHY && !isConnected()) {
      health.disconnected();
      return StoreHealth.FALLBACK;
    }
    return state;
  }

  /** How many times the connector has entered FALLBACK. */
  public long fallbacks() {
    return health.fallbacks();
  }

  /** How many commands have failed or timed out. */
  public long failures() {
    return health.failures();
  }

  public boolean isConnected() {
    StatefulConnection<String, byte[]> c = connection;
    return c != null && c.isOpen();
  }

  /** Called on every health change, e.g. to resynchronise local state when Redis is back. */
  public void onHealthChange(Consumer<StoreHealth> listener) {
    health.addListener(listener);
  }

  /**
   * The async commands, for pipelining several commands and {@linkplain #await awaiting} them.
   *
   * @throws StoreException when not connected
   */
  public RedisClusterAsyncCommands<String, byte[]> async() {
    RedisClusterAsyncCommands<String, byte[]> c = commands;
    if (c == null || !isConnected()) {
      StoreException e = new StoreException("redis not connected: " + settings.redactedUri());
      health.failed("connect", e, false);
      throw e;
    }
    return c;
  }

  /** Runs one command and waits for it, at most the command timeout. */
  public <T> T call(String operation,
      Function<RedisClusterAsyncCommands<String, byte[]>, RedisFuture<T>> command) {
    return await(operation, command.apply(async()));
  }

  /**
   * Waits at most the command timeout for {@code future}.
   *
   * @throws StoreException on failure or timeout
   */
  public <T> T await(String operation, CompletionStage<T> future) {
    try {
      T value = future.toCompletableFuture()
          .get(settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
      health.succeeded(operation);
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(operation, e);
    } catch (ExecutionException e) {
      throw fail(operation, e.getCause());
    } catch (TimeoutException e) {
      future.toCompletableFuture().cancel(false);
      throw fail(operation,
          new TimeoutException(operation + " took longer than " + settings.commandTimeout()));
    }
  }

  private StoreException fail(String operation, Throwable cause) {
    health.failed(operation, cause, isConnected());
    return new StoreException("redis " + operation + " failed: " + cause, cause);
  }

  /**
   * Loads {@code script} into Redis's script cache now if connected (without waiting), and again
   * after every reconnection, so a script sent by SHA does not meet NOSCRIPT after a start, a
   * Redis restart or a failover. Failures are logged at DEBUG: the script's own EVAL fallback
   * still covers a node that missed the load.
   */
  public void preload(LuaScript script) {
    if (preloaded.add(Objects.requireNonNull(script, "script")) && isConnected()) {
      reconnector.execute(() -> loadScripts(SCRIPT_LOAD_TRIES));
    }
  }

  /** Loads every preloaded script; tries again shortly if the connection was not ready yet. */
  private void loadScripts(int triesLeft) {
    RedisClusterAsyncCommands<String, byte[]> c = commands;
    if (closed.get() || c == null || !isConnected() || preloaded.isEmpty()) {
      return;
    }
    try {
      CompletableFuture.allOf(preloaded.stream().map(s -> s.load(c))
          .toArray(CompletableFuture[]::new))
          .get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      log.atDebug().addKeyValue("scripts", preloaded.size()).log("redis scripts loaded");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.atDebug().addKeyValue("error", e.toString()).addKeyValue("triesLeft", triesLeft - 1)
          .log("redis scripts not loaded");
      if (triesLeft > 1 && !closed.get()) {
        reconnector.schedule(() -> loadScripts(triesLeft - 1), SCRIPT_LOAD_RETRY_MILLIS,
            TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Publishes {@code message} on {@code channel}; failures are StoreExceptions. */
  public void publish(String channel, String message) {
    call("publish", c -> c.publish(channel, message.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Subscribes {@code listener} to {@code channel}, on a dedicated pub/sub connection that Lettuce
   * re-subscribes after reconnects.
   *
   * @throws StoreException when Redis cannot be reached right now
   */
  public void subscribe(String channel, BiConsumer<String, String> listener) {
    synchronized (lock) {
      try {
        if (pubSub == null) {
          // The standalone client is created without a URI (one client, resources shared), so
          // every connect names the endpoint.
          pubSub = endpoint.cluster() ? clusterClient.connectPubSub(CODEC)
              : client.connectPubSub(CODEC, endpoint.uris().get(0));
        }
        pubSub.addListener(new RedisPubSubAdapter<>() {
          @Override
          public void message(String ch, byte[] message) {
            if (ch.equals(channel)) {
              listener.accept(ch, new String(message, StandardCharsets.UTF_8));
            }
          }
        });
        pubSub.sync().subscribe(channel);
      } catch (RuntimeException e) {
        throw fail("subscribe", e);
      }
    }
  }

  /**
   * Opens a {@link BlockingConnection} whose commands wait at most {@code timeout} (longer than
   * any BLOCK they carry), with its own client on this connector's I/O threads.
   *
   * @throws StoreException when Redis cannot be reached right now
   */
  public BlockingConnection openBlocking(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (closed.get()) {
      throw new StoreException("redis connector closed: " + settings.redactedUri());
    }
    TimeoutOptions timeouts = TimeoutOptions.enabled(timeout);
    SocketOptions socket =
        SocketOptions.builder().connectTimeout(settings.connectTimeout()).build();
    try {
      if (endpoint.cluster()) {
        RedisClusterClient own = RedisClusterClient.create(resources, endpoint.uris());
        try {
          own.setOptions(ClusterClientOptions.builder().timeoutOptions(timeouts)
              .socketOptions(socket).sslOptions(sslOptions())
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
          StatefulRedisClusterConnection<String, byte[]> c = own.connect(CODEC);
          return new BlockingConnection(c, c.sync(), c.async(),
              () -> own.shutdown(Duration.ZERO, Duration.ofSeconds(1)));
        } catch (RuntimeException e) {
          own.shutdown(Duration.ZERO, Duration.ofSeconds(1));
          throw e;
        }
      }
      RedisClient own = RedisClient.create(resources);
      try {
        own.setOptions(ClientOptions.builder().timeoutOptions(timeouts).socketOptions(socket)
            .sslOptions(sslOptions())
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        StatefulRedisConnection<String, byte[]> c = own.connect(CODEC, endpoint.uris().get(0));
        return new BlockingConnection(c, c.sync(), c.async(),
            () -> own.shutdown(Duration.ZERO, Duration.ofSeconds(1)));
      } catch (RuntimeException e) {
        own.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        throw e;
      }
    } catch (RuntimeException e) {
      throw new StoreException("redis blocking connection failed: " + e, e);
    }
  }

  private boolean tryConnect() {
    synchronized (lock) {
      if (closed.get() || connection != null) {
        return true;
      }
      try {
        TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
        SocketOptions socket =
            SocketOptions.builder().connectTimeout(settings.connectTimeout()).build();
        SslOptions ssl = sslOptions();
        if (endpoint.cluster()) {
          clusterClient = RedisClusterClient.create(resources, endpoint.uris());
          clusterClient.addListener(connectionEvents);
          clusterClient.setOptions(ClusterClientOptions.builder()
              .timeoutOptions(timeouts)
              .socketOptions(socket)
              .sslOptions(ssl)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                  .enableAllAdaptiveRefreshTriggers()
                  .enablePeriodicRefresh(Duration.ofSeconds(30))
                  .build())
              .build());
          StatefulRedisClusterConnection<String, byte[]> c = clusterClient.connect(CODEC);
          commands = c.async();
          connection = c;
        } else {
          client = RedisClient.create(resources);
          client.addListener(connectionEvents);
          client.setOptions(ClientOptions.builder()
              .timeoutOptions(timeouts)
              .socketOptions(socket)
              .sslOptions(ssl)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .build());
          StatefulRedisConnection<String, byte[]> c = client.connect(CODEC, endpoint.uris().get(0));
          commands = c.async();
          connection = c;
        }
        long failedAttempts = attempts.succeeded();
        // After failed attempts this line closes their WARN, at the same level.
        (failedAttempts > 0 ? log.atWarn() : log.atInfo())
            .addKeyValue("endpoint", settings.redactedUri())
            .addKeyValue("cluster", endpoint.cluster())
            .addKeyValue("failedAttempts", failedAttempts).log("redis connected");
        health.succeeded("connect");
        return true;
      } catch (RuntimeException e) {
        shutdownClients();
        health.failed("connect", e, false);
        String cause = ConnectFailure.describe(e, settings.tlsCaCertificate(),
            settings.tlsClientCertificate());
        // Log on change: the first failure and a new cause at WARN, then fewer and fewer
        // reminders; every try at DEBUG.
        (attempts.failed(cause) ? log.atWarn() : log.atDebug())
            .addKeyValue("endpoint", settings.redactedUri())
            .addKeyValue("error", cause)
            .addKeyValue("consecutiveFailures", attempts.consecutiveFailures())
            .addKeyValue("retryEvery", settings.reconnectInterval())
            .log("redis unreachable, running on local fallbacks and retrying");
        return false;
      }
    }
  }

  /**
   * Lettuce's defaults (the JVM's trust store, no client certificate) unless a private CA or a
   * client certificate is configured. Options only: whether a connection uses TLS at all is the
   * URI's scheme. The same options reach every connection: Sentinels, the master they name, and
   * every Cluster node Lettuce discovers.
   */
  private SslOptions sslOptions() {
    if (settings.tlsCaCertificate().isEmpty() && settings.tlsClientCertificate().isEmpty()) {
      return ClientOptions.DEFAULT_SSL_OPTIONS;
    }
    // The JDK provider: the one the settings checked the files against.
    SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
    settings.tlsCaCertificate().ifPresent(ca -> ssl.trustManager(ca.toFile()));
    settings.tlsClientCertificate().ifPresent(certificate -> ssl.keyManager(
        certificate.toFile(), settings.tlsClientKey().orElseThrow().toFile(), null));
    return ssl.build();
  }

  private void scheduleReconnect() {
    if (closed.get()) {
      return;
    }
    reconnector.schedule(() -> {
      if (!tryConnect()) {
        scheduleReconnect();
      }
    }, settings.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void shutdownClients() {
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      client = null;
    }
    if (clusterClient != null) {
      clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      clusterClient = null;
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    reconnector.shutdownNow();
    synchronized (lock) {
      if (pubSub != null) {
        pubSub.close();
      }
      if (connection != null) {
        connection.close();
        connection = null;
      }
      shutdownClients();
    }
    resources.shutdown(0, 1, TimeUnit.SECONDS);
  }
}
