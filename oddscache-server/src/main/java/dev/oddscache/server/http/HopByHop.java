package dev.oddscache.server.http;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The header fields that belong to one connection, not to the message (RFC 9110 §7.6.1): a proxy
 * removes them, and every field the {@code Connection} header names, before forwarding a request
 * or relaying (and storing) a response.
 */
final class HopByHop {
  /** Lower-case names that never cross the proxy in either direction. */
  static final Set<String> FIELDS = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authentication-info", "proxy-authorization", "proxy-connection", "te", "trailer",
      "transfer-encoding", "upgrade");

  private HopByHop() {}

  /** {@link #FIELDS} plus the (lower-case) names listed in {@code headers}' Connection lines. */
  static Set<String> of(Headers headers) {
    String connection = headers.joined("Connection");
    if (connection == null) {
      return FIELDS;
    }
    Set<String> names = new HashSet<>(FIELDS);
    for (String token : connection.split(",")) {
      String t = token.trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        names.add(t);
      }
    }
    return names;
  }
}
