package dev.oddscache.server.testing;

import dev.oddscache.Ticker;
import dev.oddscache.server.http.OddscacheServer;
import dev.oddscache.server.settings.DemoClock;
import dev.oddscache.server.settings.ServerSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@link OddscacheServer} on a free loopback port for each test, for
 * {@code @RegisterExtension}: started before the test (or by the test with {@link #start}), closed
 * after it, then whatever {@link #thenClosing} names (the upstream it stood in front of).
 */
public final class RunningServer implements BeforeEachCallback, AfterEachCallback {
  private final Consumer<ServerSettings.Builder> atStart;
  private final Ticker ticker;
  private final List<AutoCloseable> closedAfter;
  private OddscacheServer server;

  private RunningServer(Consumer<ServerSettings.Builder> atStart, Ticker ticker,
      List<AutoCloseable> closedAfter) {
    this.atStart = atStart;
    this.ticker = ticker;
    this.closedAfter = closedAfter;
  }

  /** Started before each test with the defaults as {@code settings} changes them. */
  public static RunningServer started(Consumer<ServerSettings.Builder> settings) {
    return new RunningServer(Objects.requireNonNull(settings, "settings"), Ticker.system(),
        List.of());
  }

  /** Started before each test in front of the upstream at {@code url}, read at that moment. */
  public static RunningServer proxying(Supplier<String> url) {
    return started(b -> upstream(url.get()).accept(b));
  }

  /** Started by the test itself, with {@link #start}. */
  public static RunningServer startedByTest() {
    return new RunningServer(null, Ticker.system(), List.of());
  }

  /** The change that puts the proxy in front of the upstream at {@code url}. */
  public static Consumer<ServerSettings.Builder> upstream(String url) {
    return b -> b.proxy(p -> p.upstream(URI.create(url)));
  }

  /** Settings on a free port, with {@code change} applied: for servers a test closes itself. */
  public static ServerSettings onFreePort(Consumer<ServerSettings.Builder> change) {
    ServerSettings.Builder b = ServerSettings.custom().network(n -> n.port(0));
    change.accept(b);
    return b.build();
  }

  /** The same server, its cache on {@code clock}. */
  public RunningServer onTicker(Ticker clock) {
    return new RunningServer(atStart, Objects.requireNonNull(clock, "clock"), closedAfter);
  }

  /** The same server; after it closes, each of {@code others} closes, in this order. */
  public RunningServer thenClosing(AutoCloseable... others) {
    List<AutoCloseable> all = new ArrayList<>(closedAfter);
    all.addAll(List.of(others));
    return new RunningServer(atStart, ticker, List.copyOf(all));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (atStart != null) {
      start(atStart);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      stop();
    } finally {
      for (AutoCloseable other : closedAfter) {
        other.close();
      }
    }
  }

  /**
   * Starts a server on a free port (unless {@code settings} sets one), closing the running one
   * first.
   */
  public OddscacheServer start(Consumer<ServerSettings.Builder> settings) {
    return start(settings, DemoClock.real());
  }

  /** {@link #start(Consumer)} showing durations in {@code shown} (the demo's story time). */
  public OddscacheServer start(Consumer<ServerSettings.Builder> settings, DemoClock shown) {
    stop();
    server = OddscacheServer.start(onFreePort(settings), ticker, shown);
    return server;
  }

  /** Closes the server now, as a test of what happens when it goes away; after it, a no-op. */
  public void stop() {
    if (server != null) {
      OddscacheServer running = server;
      server = null;
      running.close();
    }
  }

  /** The running server. */
  public OddscacheServer get() {
    if (server == null) {
      throw new IllegalStateException("no server running: start one first");
    }
    return server;
  }

  /** The running server's base URL, such as {@code http://127.0.0.1:41234}. */
  public String url() {
    return get().url();
  }

  public int port() {
    return get().port();
  }
}
