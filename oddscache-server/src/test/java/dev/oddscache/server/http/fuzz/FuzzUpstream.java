package dev.oddscache.server.http.fuzz;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend behind the fuzzed proxy: answers 200 JSON to any path, except below {@code /fail/}
 * where it answers 500, so that a 502 from the proxy can be told apart from a 502 it should never
 * give. The JDK's server is used because it accepts any path the proxy may forward.
 */
final class FuzzUpstream implements AutoCloseable {
  final AtomicInteger calls = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  FuzzUpstream() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      calls.incrementAndGet();
      boolean fail = exchange.getRequestURI().getRawPath().startsWith("/fail/");
      byte[] body = (fail ? "boom" : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", fail ? "text/plain" : "application/json");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(fail ? 500 : 200, head ? -1 : body.length);
      if (!head) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.setExecutor(threads);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
