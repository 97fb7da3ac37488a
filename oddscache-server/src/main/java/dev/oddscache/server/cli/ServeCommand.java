package dev.oddscache.server.cli;

import dev.oddscache.cache.Freshness;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.server.config.ConfigFile;
import dev.oddscache.server.http.OddscacheServer;
import dev.oddscache.server.settings.AccessTokens;
import dev.oddscache.server.settings.FreshnessText;
import dev.oddscache.server.settings.ImplicitFreshness;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.settings.StoreSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oddscache serve}: the HTTP caching proxy and API, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      // One sentence per element: picocli wraps each, and the command list shows the first.
      "Serves the caching proxy (/p/...), ingestion, decisions, status, /metrics and the"
          + " dashboard.",
      "Write endpoints need ODDSCACHE_INGEST_TOKEN / ODDSCACHE_ADMIN_TOKEN when set; binding"
          + " beyond loopback requires both."
    })
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "N",
      description = "Port (default 8080; 0 picks a free one).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Address to listen on (default 127.0.0.1).")
  String bind;

  @Option(names = "--upstream", paramLabel = "URL",
      description = "The backend to cache, e.g. http://localhost:9000.")
  String upstream;

  @Option(names = "--redis", paramLabel = "URI",
      description = "Share state through Redis: redis://, rediss://, redis-sentinel://,"
          + " redis-cluster://host:port,...")
  String redis;

  @Option(names = "--redis-tls-ca-cert", paramLabel = "FILE",
      description = "PEM file of the private CA that signed the Redis server's TLS certificate"
          + " (rediss:// URIs); default: the JVM's trust store.")
  Path redisTlsCaCert;

  @Option(names = "--redis-tls-client-cert", paramLabel = "FILE",
      description = "PEM file of the client certificate (then its chain) for a TLS Redis that"
          + " demands one (mutual TLS, Redis's default tls-auth-clients yes);"
          + " needs --redis-tls-client-key.")
  Path redisTlsClientCert;

  @Option(names = "--redis-tls-client-key", paramLabel = "FILE",
      description = "PEM file of that certificate's private key, unencrypted PKCS#8"
          + " (BEGIN PRIVATE KEY).")
  Path redisTlsClientKey;

  @Option(names = "--implicit-freshness", paramLabel = "zone|none",
      description = "What the proxy stores when the upstream states no freshness (no s-maxage,"
          + " max-age or Expires): zone (default) stores it for the decided TTL, none stores"
          + " nothing, as a strict shared cache.")
  String implicitFreshness;

  @Option(names = "--freshness", paramLabel = "drift|ttl",
      description = "drift (default): a value whose markets have a live odds feed is fresh until"
          + " their prices move, up to its base TTL; ttl: the TTL rule alone, whatever the"
          + " prices do.")
  String freshness;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML or JSON settings file; flags override it.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    ServerSettings settings = settings();
    OddscacheServer server;
    try {
      server = OddscacheServer.start(settings);
    } catch (IllegalStateException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("oddscache serving on " + server.url() + "  (dashboard: " + server.url() + "/)");
    URI target = settings.proxy().upstream();
    out.println(target == null
        ? "no --upstream: the proxy answers 503 until one is configured"
        : "proxying " + server.url() + "/p/... -> " + target);
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "oddscache-shutdown"));
    stopped.await();
    return 0;
  }

  ServerSettings settings() {
    ServerSettings.Builder settings;
    try {
      ServerSettings defaults = ServerSettings.ofDefaults();
      settings = ServerSettings.from(config == null ? defaults : ConfigFile.load(config, defaults));
      if (bind != null) {
        settings.network(n -> n.bind(bind));
      }
      if (port != null) {
        settings.network(n -> n.port(port));
      }
      if (upstream != null) {
        settings.proxy(p -> p.upstream(parseUpstream(upstream)));
      }
      if (redis != null) {
        settings.store(s -> s.redisUri(redis));
      }
      if (implicitFreshness != null) {
        settings.proxy(p -> p.implicitFreshness(
            ImplicitFreshness.parse("--implicit-freshness", implicitFreshness)));
      }
      if (freshness != null) {
        Freshness rule = FreshnessText.parse("--freshness", freshness);
        OddsCacheConfig cache = OddsCacheConfig.from(settings.build().policy().cache())
            .freshness(rule).build();
        settings.policy(p -> p.cache(cache));
      }
      StoreSettings store = settings.build().store();
      if (redisTlsCaCert != null) {
        if (!store.usesRedis()) {
          throw new IllegalArgumentException("--redis-tls-ca-cert '" + redisTlsCaCert
              + "' needs a rediss:// Redis URI (--redis or redis.uri in --config)");
        }
        settings.store(s -> s.redisTlsCaCert(redisTlsCaCert));
      }
      if (redisTlsClientCert != null || redisTlsClientKey != null) {
        checkClientCertificate(store);
        settings.store(s -> s.redisTlsClientCertificate(redisTlsClientCert, redisTlsClientKey));
      }
      // Checked now, while a mistake is still a usage error: the connector never fails on Redis
      // problems, so a wrong CA file would otherwise only show as a warning once serving.
      store = settings.build().store();
      if (store.usesRedis()) {
        checkRedis(store);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return settings.tokens(new AccessTokens(System.getenv("ODDSCACHE_INGEST_TOKEN"),
        System.getenv("ODDSCACHE_ADMIN_TOKEN"))).build();
  }

  private void checkRedis(StoreSettings store) {
    try {
      store.redisSettings();
    } catch (IllegalArgumentException e) {
      // The library names its settings; where a flag set one, name the flag the user typed.
      String message = e.getMessage();
      if (redisTlsCaCert != null) {
        message = message.replace("tlsCaCertificate", "--redis-tls-ca-cert");
      }
      if (redisTlsClientCert != null) {
        message = message.replace("tlsClientCertificate", "--redis-tls-client-cert")
            .replace("tlsClientKey", "--redis-tls-client-key");
      }
      throw new IllegalArgumentException(message, e);
    }
  }

  /** Both flags or neither, as for the config file's keys: they replace the file's pair. */
  private void checkClientCertificate(StoreSettings store) {
    if (redisTlsClientCert == null || redisTlsClientKey == null) {
      throw new IllegalArgumentException(redisTlsClientCert == null
          ? "--redis-tls-client-key '" + redisTlsClientKey + "' needs --redis-tls-client-cert too"
          : "--redis-tls-client-cert '" + redisTlsClientCert
              + "' needs --redis-tls-client-key too");
    }
    if (!store.usesRedis()) {
      throw new IllegalArgumentException("--redis-tls-client-cert '" + redisTlsClientCert
          + "' needs a rediss:// Redis URI (--redis or redis.uri in --config)");
    }
  }

  private static URI parseUpstream(String value) {
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--upstream must be an http(s) URL, got '" + value + "'");
    }
  }
}
