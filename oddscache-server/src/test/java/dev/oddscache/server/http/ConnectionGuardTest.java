package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.oddscache.server.settings.NetworkSettings;
import dev.oddscache.server.testing.RunningServer;
import dev.oddscache.testing.LogCapture;
import dev.oddscache.testing.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris and idle clients against a real server on 127.0.0.1: over-cap connections get a 503
 * and are closed, dripping ones are closed after the header timeout, idle ones after the idle
 * timeout, and the health endpoint keeps answering.
 */
class ConnectionGuardTest {
  private static final String HEALTH = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
  /** A request line and one header, never ended; the drip continues with a header line. */
  private static final String DRIP_PREFIX = "GET /health/live HTTP/1.1\r\nHost: x\r\n";
  private static final byte[] DRIP = "X-Drip: ".getBytes(StandardCharsets.US_ASCII);

  @RegisterExtension
  final RunningServer server = RunningServer.startedByTest();
  /** The guard's log lines, as they happen. */
  @RegisterExtension
  final LogCapture guardLog = LogCapture.of(ConnectionGuard.class);

  private ScheduledExecutorService dripper;
  private final List<SocketChannel> channels = new ArrayList<>();

  @AfterEach
  void stopClients() throws IOException {
    if (dripper != null) {
      dripper.shutdownNow();
    }
    for (SocketChannel c : channels) {
      c.close();
    }
  }

  private void start(Consumer<NetworkSettings.Builder> limits) {
    server.start(b -> b.network(limits));
  }

  /** One attack socket: what it received and when the server ended it. */
  private static final class Probe {
    final SocketChannel channel;
    final long openedNanos;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    volatile int dripped;
    volatile long closedNanos = -1;

    Probe(SocketChannel channel, long openedNanos) {
      this.channel = channel;
      this.openedNanos = openedNanos;
    }

    boolean refused() {
      return received.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 503 ");
    }

    long closedAfterMillis() {
      return TimeUnit.NANOSECONDS.toMillis(closedNanos - openedNanos);
    }
  }

  @Test
  @Timeout(30)
  void slowloris_overCapGets503_drippersClosedAfterHeaderTimeout_healthKeepsAnswering()
      throws Exception {
    // Long enough next to the linger that a refused socket closed by the linger, even on a loaded
    // machine, is told apart from one the header timeout closed.
    Duration headerTimeout = Duration.ofSeconds(4);
    int max = 50;
    int attackers = 200;
    start(n -> n.headerTimeout(headerTimeout).maxConnections(max));

    // A monitor with a keep-alive connection from before the attack (it takes one of the slots).
    try (Socket monitor = socket(5_000)) {
      assertThat(exchange(monitor, HEALTH).status()).isEqualTo(200);

      List<Probe> probes = new ArrayList<>();
      for (int i = 0; i < attackers; i++) {
        SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
        channels.add(c);
        c.write(ByteBuffer.wrap(DRIP_PREFIX.getBytes(StandardCharsets.US_ASCII)));
        c.configureBlocking(false);
        probes.add(new Probe(c, System.nanoTime()));
      }
      dripper = Executors.newSingleThreadScheduledExecutor();
      dripper.scheduleAtFixedRate(() -> drip(probes), 200, 200, TimeUnit.MILLISECONDS);

      // During the attack, with every slot taken: the monitor's established connection is served,
      // a new connection is answered at once (503, not a hang).
      long duringNanos = System.nanoTime();
      Response kept = exchange(monitor, HEALTH);
      Response fresh;
      try (Socket s = socket(3_000)) {
        fresh = exchange(s, HEALTH);
      }
      assertThat(kept.status()).isEqualTo(200);
      assertThat(kept.body()).contains("\"status\"");
      assertThat(fresh.status()).isEqualTo(503);
      assertThat(fresh.body()).isEqualTo("{\"error\":\"too many connections\",\"field\":null,"
          + "\"detail\":\"at most 50 connections at once\"}");

      watchUntilAllClosed(probes, headerTimeout.plusSeconds(5));

      List<Probe> refused = probes.stream().filter(Probe::refused).toList();
      List<Probe> dripping = probes.stream().filter(p -> !p.refused()).toList();
      assertThat(probes).allSatisfy(p -> assertThat(p.closedNanos).as("closed").isPositive());
      // The monitor holds one slot; the attack gets the rest, and every other socket a 503.
      assertThat(dripping).hasSize(max - 1);
      assertThat(refused).hasSize(attackers - (max - 1));
      for (Probe p : refused) {
        String answer = p.received.toString(StandardCharsets.ISO_8859_1);
        assertThat(answer).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
            .contains("\r\nConnection: close\r\n", "\r\nContent-Type: application/json\r\n")
            .endsWith("\r\n\r\n{\"error\":\"too many connections\",\"field\":null,"
                + "\"detail\":\"at most 50 connections at once\"}");
        assertThat(p.closedAfterMillis()).as("refused socket closed after (ms)")
            .isLessThan(headerTimeout.toMillis());
      }
      long timeout = headerTimeout.toMillis();
      for (Probe p : dripping) {
        assertThat(p.received.size()).as("bytes answered to a dripper").isZero();
        assertThat(p.dripped).as("bytes dripped").isGreaterThan(3);
        assertThat(p.closedAfterMillis()).as("dripper closed after (ms)")
            .isBetween(timeout - 100, timeout + 1_500);
        assertThat(p.closedNanos).as("still open when the monitor was served")
            .isGreaterThan(duringNanos);
      }
      long slowest = dripping.stream().mapToLong(Probe::closedAfterMillis).max().orElseThrow();
      long fastest = dripping.stream().mapToLong(Probe::closedAfterMillis).min().orElseThrow();
      System.out.printf("header timeout %d ms: drippers closed after %d..%d ms, %d refused%n",
          timeout, fastest, slowest, refused.size());
    }

    // After the attack a new connection is served again.
    try (Socket s = socket(3_000)) {
      assertThat(exchange(s, HEALTH).status()).isEqualTo(200);
    }

    // Two lines when it starts and two when it is over, none per connection.
    Poll.await("the guard's four log lines").atMost(headerTimeout.plusSeconds(3))
        .untilAsserted(() -> assertThat(guardLog.lines(Level.INFO)).hasSizeGreaterThanOrEqualTo(4));
    List<String> lines = guardLog.lines(Level.INFO);
    assertThat(lines).containsExactlyInAnyOrder(
        "WARN connection cap reached: new connections are answered 503 and closed",
        "WARN closing connections whose request headers are late (slow clients)",
        "INFO connections back under the cap",
        "INFO no connection with late request headers any more");
    assertThat(lines.get(0)).startsWith("WARN");
    // Real time is the subject here: no further line from the server threads within 200 ms.
    Poll.await("no fifth line").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
        .until(() -> guardLog.lines(Level.INFO).size() == 4);
  }

  @Test
  @Timeout(20)
  void idleKeepAliveConnection_isClosedAfterIdleTimeout() throws Exception {
    Duration idle = Duration.ofSeconds(1);
    // A header timeout longer than the idle one, so the idle timeout is what ends the connection.
    start(n -> n.idleTimeout(idle).headerTimeout(Duration.ofSeconds(8)));

    try (Socket s = socket(6_000)) {
      Response r = exchange(s, HEALTH);
      long servedNanos = System.nanoTime();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("connection")).isNotEqualToIgnoringCase("close");

      assertThat(s.getInputStream().read()).as("end of stream").isEqualTo(-1);
      long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - servedNanos);
      System.out.printf("idle timeout %d ms: keep-alive connection closed after %d ms%n",
          idle.toMillis(), closedAfter);
      assertThat(closedAfter).isBetween(idle.toMillis() - 100, idle.toMillis() + 1_000);
    }
  }

  @Test
  @Timeout(20)
  void keepAliveConnection_headerClockRestartsWithEachRequest() throws Exception {
    Duration headerTimeout = Duration.ofSeconds(1);
    start(n -> n.headerTimeout(headerTimeout));
    dripper = Executors.newSingleThreadScheduledExecutor();

    try (Socket s = socket(5_000)) {
      // Six requests paced 400 ms apart by the scheduler: 2 s on one connection, twice the
      // header timeout, each request well within it.
      for (int i = 0; i < 6; i++) {
        ScheduledFuture<Response> r = dripper.schedule(() -> exchange(s, HEALTH),
            i == 0 ? 0 : 400, TimeUnit.MILLISECONDS);
        assertThat(r.get(5, TimeUnit.SECONDS).status()).as("request %d", i).isEqualTo(200);
      }
      long lastNanos = System.nanoTime();
      // Then silence: closed once the header timeout has passed since the last request.
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastNanos);
      System.out.printf("header timeout %d ms: keep-alive connection closed %d ms after its"
          + " last request%n", headerTimeout.toMillis(), closedAfter);
      assertThat(closedAfter)
          .isBetween(headerTimeout.toMillis() - 100, headerTimeout.toMillis() + 1_000);
    }
  }

  private void drip(List<Probe> probes) {
    for (Probe p : probes) {
      if (p.closedNanos >= 0 || p.refused()) {
        continue;
      }
      int i = p.dripped;
      byte b = i < DRIP.length ? DRIP[i] : (byte) 'a';
      try {
        if (p.channel.write(ByteBuffer.wrap(new byte[] {b})) == 1) {
          p.dripped = i + 1;
        }
      } catch (IOException e) {
        // Closed by the server; the watch loop records when.
      }
    }
  }

  /** Reads every probe on one selector until the server has closed them all, within limit. */
  private static void watchUntilAllClosed(List<Probe> probes, Duration limit) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    try (Selector selector = Selector.open()) {
      for (Probe p : probes) {
        p.channel.register(selector, SelectionKey.OP_READ, p);
      }
      // Each check waits in select until a socket has news, so a close is timed as it happens.
      Poll.await("every attack socket closed by the server").atMost(limit)
          .pollInSameThread().pollInterval(Duration.ofMillis(1))
          .untilAsserted(() -> assertThat(readReady(selector, buffer, probes))
              .as("sockets still open").isZero());
    }
  }

  /**
   * One select of at most 100 ms: what arrived is kept, a socket the server closed is timed and
   * dropped from the selector. Returns how many probes are still open.
   */
  private static long readReady(Selector selector, ByteBuffer buffer, List<Probe> probes)
      throws IOException {
    selector.select(100);
    for (SelectionKey key : selector.selectedKeys()) {
      Probe p = (Probe) key.attachment();
      int n;
      try {
        buffer.clear();
        n = p.channel.read(buffer);
      } catch (IOException reset) {
        n = -1;
      }
      if (n > 0) {
        p.received.write(buffer.array(), 0, n);
      } else if (n < 0) {
        p.closedNanos = System.nanoTime();
        key.cancel();
      }
    }
    selector.selectedKeys().clear();
    return probes.stream().filter(p -> p.closedNanos < 0).count();
  }

  private Socket socket(int timeoutMillis) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), timeoutMillis);
    s.setSoTimeout(timeoutMillis);
    return s;
  }

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }
  }

  /** Sends {@code request} and reads one response framed by Content-Length or chunks. */
  private static Response exchange(Socket s, String request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = s.getInputStream();
    String statusLine = line(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          l.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in), 16); size > 0;
          size = Integer.parseInt(line(in), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
      line(in);
    } else {
      body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
    }
    return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
        body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-line: " + line);
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }
}
