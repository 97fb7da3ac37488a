package dev.oddscache.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

/**
 * The header lines a client request sends on to the upstream (RFC 9110 §7.6): every end-to-end
 * field, without hop-by-hop ones (and those its {@code Connection} names), without {@code Host}
 * (the upstream's own is used), without oddscache's match-context headers, plus {@code Via},
 * {@code X-Forwarded-For}/{@code -Host}/{@code -Proto} and {@code Forwarded}.
 */
final class ForwardedRequest {
  /** Never forwarded: read by the proxy itself, or set by the JDK client. */
  static final Set<String> OWN = Set.of("host", "content-length", "expect", "x-match-id",
      "x-competition", "x-match-name", "x-kickoff", "x-markets", "x-stakes", "x-vix-status");
  /**
   * A cached load asks for the whole current answer: the client's own validators and range are
   * answered by the proxy from it, since the answer is shared.
   */
  static final Set<String> CONDITIONAL = Set.of("if-none-match", "if-modified-since",
      "if-match", "if-unmodified-since", "if-range", "range");

  private ForwardedRequest() {}

  /** The client's header lines as received (hop-by-hop included). */
  static Headers received(HttpServletRequest req) {
    Headers.Builder b = Headers.builder();
    for (String name : Collections.list(req.getHeaderNames())) {
      b.addAll(name, Collections.list(req.getHeaders(name)));
    }
    return b.build();
  }

  /**
   * What goes upstream for {@code req}; without the client's conditional and range fields when
   * {@code forCache}.
   */
  static Headers of(HttpServletRequest req, Headers received, boolean forCache) {
    Set<String> hop = HopByHop.of(received);
    Headers.Builder b = Headers.builder();
    String priorFor = null;
    String priorForwarded = null;
    for (int i = 0; i < received.size(); i++) {
      String name = received.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      if (hop.contains(lower) || OWN.contains(lower) || forCache && CONDITIONAL.contains(lower)) {
        continue;
      }
      if (lower.equals("x-forwarded-for")) {
        priorFor = priorFor == null ? received.value(i) : priorFor + ", " + received.value(i);
        continue;
      }
      if (lower.equals("forwarded")) {
        priorForwarded = priorForwarded == null ? received.value(i)
            : priorForwarded + ", " + received.value(i);
        continue;
      }
      if (lower.startsWith("x-forwarded-") || lower.equals("via")) {
        continue;
      }
      b.add(name, received.value(i));
    }
    String client = req.getRemoteAddr();
    String host = req.getHeader("Host");
    String proto = req.isSecure() ? "https" : "http";
    b.add("X-Forwarded-For", priorFor == null ? client : priorFor + ", " + client);
    if (host != null) {
      b.add("X-Forwarded-Host", host);
    }
    b.add("X-Forwarded-Proto", proto);
    String node = client.contains(":") ? "\"[" + client + "]\"" : client;
    String element = "for=" + node + (host == null ? "" : ";host=\"" + host.replace("\"", "")
        + "\"") + ";proto=" + proto;
    b.add("Forwarded", priorForwarded == null ? element : priorForwarded + ", " + element);
    String via = received.joined("Via");
    b.add("Via", (via == null ? "" : via + ", ") + "1.1 oddscache");
    return b.build();
  }

  /**
   * The client's request as Vary, validators and ranges read it, straight from the servlet
   * request: a hit reads the few fields it needs and copies no header list.
   */
  static RequestHeaders view(HttpServletRequest req) {
    return name -> {
      java.util.Enumeration<String> lines = req.getHeaders(name);
      if (lines == null || !lines.hasMoreElements()) {
        return null;
      }
      String first = lines.nextElement();
      if (!lines.hasMoreElements()) {
        return first;
      }
      StringBuilder joined = new StringBuilder(first);
      while (lines.hasMoreElements()) {
        joined.append(", ").append(lines.nextElement());
      }
      return joined.toString();
    };
  }
}
