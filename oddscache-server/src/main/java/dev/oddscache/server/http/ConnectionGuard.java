package dev.oddscache.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.oddscache.server.settings.ConnectionLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.IdleTimeout;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link ConnectionLimits} to Jetty's connectors, so that slow or surplus clients cannot
 * hold the server's file descriptors. A bean of the Jetty {@link Server}: it configures the
 * connectors when the server starts (they exist by then, Javalin creates them late) and stops with
 * it.
 *
 * <ul>
 *   <li><b>Idle timeout</b>: the connector's own; a connection silent either way for that long is
 *       closed by Jetty.
 *   <li><b>Header timeout</b>: a client dripping its headers a byte at a time is never idle, and
 *       Jetty 11 has no total header-read timeout. A sweep on one daemon thread, every quarter of
 *       the timeout (at most a second), walks the connector's open endpoints and closes those whose
 *       parser is still before the end of the headers for longer than the timeout, counted from
 *       the connection's opening, or from the end of its previous request on a keep-alive
 *       connection. It reads only what Jetty keeps anyway (the parser's volatile state, the
 *       connection's request counter, the endpoint's timestamps), so requests pay nothing: no
 *       listener, no allocation, no lock on their path. A connection is closed at most a sweep
 *       period after its deadline.
 *   <li><b>Connection cap</b>: Jetty's {@code ConnectionLimit} stops accepting at the cap, which
 *       leaves new clients waiting in the kernel's accept backlog until they time out, with no
 *       hint why. Here every connection is accepted; one beyond the cap gets, in place of an HTTP
 *       connection, a raw {@code 503} with the usual JSON error body and {@code Connection:
 *       close}, written by Jetty's non-blocking I/O. Its input is then drained for at most {@link
 *       #LINGER_MILLIS} before the close, because closing a socket with unread request bytes makes
 *       the kernel send a reset that can destroy the 503 before the client reads it. Refused
 *       connections do not count against the cap.
 * </ul>
 *
 * <p>Logs on change only: a WARN when the cap is first reached and an INFO when connections are
 * back under it; a WARN when connections start being closed for late headers and an INFO once
 * none has been for a header timeout. Single connections are logged at DEBUG.
 */
final class ConnectionGuard extends AbstractLifeCycle {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
  /** How long a refused connection may keep sending before it is closed; see the class doc. */
  static final long LINGER_MILLIS = 1000;
  /** How much a refused connection may send before it is closed. */
  private static final int MAX_DRAINED_BYTES = 64 * 1024;

  private final Server server;
  private final int maxConnections;
  private final long headerTimeoutMillis;
  private final long idleTimeoutMillis;
  private final long sweepMillis;
  private final byte[] refusal;
  private final Runnable sweep = this::sweep;
  private final List<AbstractConnector> connectors = new ArrayList<>();

  /** Admitted connections open now: reserved when created, released when closed. */
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicBoolean capped = new AtomicBoolean();
  private final Connection.Listener release = new Connection.Listener() {
    @Override
    public void onOpened(Connection connection) {}

    @Override
    public void onClosed(Connection connection) {
      open.decrementAndGet();
    }
  };

  // Touched by the sweep's thread only.
  private final Map<EndPoint, Waiting> keepAliveWaits = new HashMap<>();
  private long refusedAtLastSweep;
  private long refusedAtLastInfo;
  private long lastRefusalMillis;
  private long lateInEpisode;
  private long lastLateMillis;
  private ScheduledExecutorScheduler scheduler;

  /** Since when a keep-alive connection has been waiting for the headers of request served+1. */
  private record Waiting(long served, long sinceMillis) {}

  private ConnectionGuard(Server server, ConnectionLimits limits) {
    this.server = server;
    this.maxConnections = limits.maxConnections();
    this.headerTimeoutMillis = limits.headerTimeout().toMillis();
    this.idleTimeoutMillis = limits.idleTimeout().toMillis();
    this.sweepMillis = Math.max(50, Math.min(1000, headerTimeoutMillis / 4));
    this.refusal = refusal(maxConnections);
  }

  /** Applies {@code limits} to every connector of {@code server} when it starts. */
  static void install(Server server, ConnectionLimits limits) {
    server.addBean(new ConnectionGuard(server, limits));
  }

  /** Runs while the server starts, after its connectors are bound and before they accept. */
  @Override
  protected void doStart() throws Exception {
    for (Connector c : server.getConnectors()) {
      if (c instanceof AbstractConnector connector) {
        connector.setIdleTimeout(idleTimeoutMillis);
        List<ConnectionFactory> factories = new ArrayList<>();
        for (ConnectionFactory f : connector.getConnectionFactories()) {
          factories.add(f instanceof HttpConnectionFactory http ? new Capped(http) : f);
        }
        connector.setConnectionFactories(factories);
        connectors.add(connector);
      }
    }
    scheduler = new ScheduledExecutorScheduler("oddscache-connection-guard", true);
    scheduler.start();
    scheduler.schedule(sweep, sweepMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() throws Exception {
    scheduler.stop();
  }

  private void sweep() {
    try {
      long now = System.currentTimeMillis();
      int late = 0;
      for (AbstractConnector connector : connectors) {
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
          if (endPoint.getConnection() instanceof HttpConnection http
              && headersLate(endPoint, http, now)) {
            log.atDebug().addKeyValue("remote", endPoint.getRemoteSocketAddress())
                .log("closing a connection whose request headers are late");
            endPoint.close(new TimeoutException(
                "request headers not received within " + headerTimeoutMillis + " ms"));
            keepAliveWaits.remove(endPoint);
            late++;
          }
        }
      }
      keepAliveWaits.keySet().removeIf(endPoint -> !endPoint.isOpen());
      logChanges(late, now);
    } catch (RuntimeException e) {
      log.warn("connection sweep failed", e);
    } finally {
      if (isRunning()) {
        scheduler.schedule(sweep, sweepMillis, TimeUnit.MILLISECONDS);
      }
    }
  }

  private boolean headersLate(EndPoint endPoint, HttpConnection http, long now) {
    // START (nothing of the next request yet) up to HEADER: the headers are still to come.
    if (!http.getParser().inHeaderState()) {
      keepAliveWaits.remove(endPoint);
      return false;
    }
    long served = http.getMessagesIn();
    long since;
    if (served == 0) {
      since = endPoint.getCreatedTimeStamp();
    } else {
      Waiting waiting = keepAliveWaits.get(endPoint);
      if (waiting == null || waiting.served() != served) {
        // First seen waiting after request `served`: its last byte either way is the end of that
        // request, or a byte of the next request's head, which only makes the deadline later.
        long idleFor = endPoint instanceof IdleTimeout t ? t.getIdleFor() : 0;
        waiting = new Waiting(served, now - idleFor);
        keepAliveWaits.put(endPoint, waiting);
      }
      since = waiting.sinceMillis();
    }
    return now - since >= headerTimeoutMillis;
  }

  /**
   * An episode (late headers, or refusals at the cap) ends after a header timeout without one: by
   * then every connection open at its last event has either sent its headers or been closed, so a
   * slowloris still under way would have shown up again. Without that quiet period the log would
   * flap between the two lines at every sweep of an attack.
   */
  private void logChanges(int late, long now) {
    if (late > 0) {
      if (lateInEpisode == 0) {
        log.atWarn().addKeyValue("headerTimeout", headerTimeoutMillis + "ms")
            .addKeyValue("closed", late)
            .log("closing connections whose request headers are late (slow clients)");
      }
      lateInEpisode += late;
      lastLateMillis = now;
    } else if (lateInEpisode > 0 && now - lastLateMillis >= headerTimeoutMillis) {
      log.atInfo().addKeyValue("closed", lateInEpisode)
          .log("no connection with late request headers any more");
      lateInEpisode = 0;
    }
    long refusedNow = refused.get();
    if (refusedNow != refusedAtLastSweep) {
      lastRefusalMillis = now;
      refusedAtLastSweep = refusedNow;
    } else if (capped.get() && now - lastRefusalMillis >= headerTimeoutMillis
        && open.get() < maxConnections) {
      capped.set(false);
      log.atInfo().addKeyValue("open", open.get()).addKeyValue("maxConnections", maxConnections)
          .addKeyValue("refused", refusedNow - refusedAtLastInfo)
          .log("connections back under the cap");
      refusedAtLastInfo = refusedNow;
    }
  }

  private Connection refuse(Connector connector, EndPoint endPoint) {
    refused.incrementAndGet();
    if (capped.compareAndSet(false, true)) {
      log.atWarn().addKeyValue("maxConnections", maxConnections)
          .log("connection cap reached: new connections are answered 503 and closed");
    }
    log.atDebug().addKeyValue("remote", endPoint.getRemoteSocketAddress())
        .log("refusing a connection over the cap");
    return new Refusal(endPoint, connector.getExecutor());
  }

  private static byte[] refusal(int maxConnections) {
    try {
      byte[] body = JsonBodies.MAPPER.writeValueAsBytes(ErrorResponses.body(
          "too many connections", null, "at most " + maxConnections + " connections at once"));
      byte[] head = ("HTTP/1.1 503 Service Unavailable\r\n"
          + "Content-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      return all;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the 503 body", e);
    }
  }

  /** Jetty's HTTP/1.1 factory, copied, that admits a connection only under the cap. */
  private final class Capped extends HttpConnectionFactory {
    Capped(HttpConnectionFactory original) {
      super(original.getHttpConfiguration());
      setInputBufferSize(original.getInputBufferSize());
      setRecordHttpComplianceViolations(original.isRecordHttpComplianceViolations());
      setUseInputDirectByteBuffers(original.isUseInputDirectByteBuffers());
      setUseOutputDirectByteBuffers(original.isUseOutputDirectByteBuffers());
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
      if (open.incrementAndGet() > maxConnections) {
        open.decrementAndGet();
        return refuse(connector, endPoint);
      }
      try {
        Connection connection = super.newConnection(connector, endPoint);
        connection.addEventListener(release);
        return connection;
      } catch (RuntimeException | Error e) {
        open.decrementAndGet();
        throw e;
      }
    }
  }

  /** Writes the 503, ends the output, drains the input until the client closes or for a while. */
  private final class Refusal extends AbstractConnection implements Callback {
    private final ByteBuffer drain = BufferUtil.allocate(1024);
    private final long openedNanos = System.nanoTime();
    private int drained;

    Refusal(EndPoint endPoint, Executor executor) {
      super(endPoint, executor);
    }

    @Override
    public void onOpen() {
      super.onOpen();
      getEndPoint().setIdleTimeout(LINGER_MILLIS);
      getEndPoint().write(this, ByteBuffer.wrap(refusal));
    }

    /** The 503 is written. */
    @Override
    public void succeeded() {
      getEndPoint().shutdownOutput();
      fillInterested();
    }

    @Override
    public void failed(Throwable x) {
      close();
    }

    @Override
    public void onFillable() {
      try {
        while (true) {
          BufferUtil.clear(drain);
          int n = getEndPoint().fill(drain);
          if (n > 0) {
            drained += n;
          }
          if (n < 0 || drained > MAX_DRAINED_BYTES
              || System.nanoTime() - openedNanos > TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS)) {
            close();
            return;
          }
          if (n == 0) {
            fillInterested();
            return;
          }
        }
      } catch (IOException e) {
        close();
      }
    }
  }
}
