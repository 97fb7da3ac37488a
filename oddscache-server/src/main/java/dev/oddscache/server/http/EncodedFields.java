package dev.oddscache.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;

/**
 * Header lines encoded to bytes once instead of on every answer: a stored response's relayed
 * fields, and the proxy's own fields whose values repeat ({@code Via}, the zone, the breaker
 * mode...). A hit then hands Jetty ready bytes, which measured about a fifth of a proxied hit's
 * cost when every field was encoded per answer. Falls back to plain servlet headers when the
 * response is not Jetty's own (a wrapped one).
 */
final class EncodedFields {
  /** Values that repeat, by "name: value"; bounded, since values come from a closed set. */
  private static final int MAX_CONSTANTS = 1_000;
  private static final ConcurrentHashMap<String, HttpField> CONSTANTS = new ConcurrentHashMap<>();

  private EncodedFields() {}

  /** The pre-encoded line {@code name: value}, for values from a small closed set. */
  static HttpField constant(String name, String value) {
    String key = name + ": " + value;
    HttpField known = CONSTANTS.get(key);
    if (known != null) {
      return known;
    }
    HttpField field = new PreEncodedHttpField(name, value);
    if (CONSTANTS.size() < MAX_CONSTANTS) {
      CONSTANTS.putIfAbsent(key, field);
    }
    return field;
  }

  /** Pre-encodes every line of {@code headers} that {@code relayed} says goes out. */
  static HttpField[] encode(Headers headers, java.util.function.Predicate<String> relayed) {
    java.util.List<HttpField> out = new java.util.ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      if (relayed.test(headers.name(i))) {
        out.add(new PreEncodedHttpField(headers.name(i), headers.value(i)));
      }
    }
    return out.toArray(new HttpField[0]);
  }

  /** Adds {@code field} as one more line. */
  static void add(HttpServletResponse res, HttpField field) {
    if (res instanceof Response jetty) {
      jetty.getHttpFields().add(field);
    } else {
      res.addHeader(field.getName(), field.getValue());
    }
  }

  /** Sets {@code field}, replacing any line of its name. */
  static void put(HttpServletResponse res, HttpField field) {
    if (res instanceof Response jetty) {
      jetty.getHttpFields().put(field);
    } else {
      res.setHeader(field.getName(), field.getValue());
    }
  }

  /** Sets {@code name: value} for a value that changes per answer. */
  static void put(HttpServletResponse res, String name, String value) {
    if (res instanceof Response jetty) {
      jetty.getHttpFields().put(new HttpField(name, value));
    } else {
      res.setHeader(name, value);
    }
  }
}
