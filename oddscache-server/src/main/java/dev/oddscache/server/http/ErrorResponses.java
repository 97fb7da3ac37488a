package dev.oddscache.server.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error is JSON {@code {"error","field","detail"}}: bad input is a 4xx naming the field,
 * an unexpected failure a 500 without a stack trace (logged here instead).
 */
final class ErrorResponses {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void install(Javalin app) {
    app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
    app.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus() == 413 || e.getStatus() < 500 ? e.getStatus() : 400;
      if (status == 405) {
        ctx.header("Allow", allow(e.getDetails().get("availableMethods")));
      }
      ctx.status(status).json(body(e.getMessage(), null, null));
    });
    app.exception(Exception.class, (e, ctx) -> {
      log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
      ctx.status(500).json(body("internal error", null, e.getClass().getSimpleName()));
    });
    app.error(404, ctx -> {
      // A 404 relayed from the upstream by the proxy keeps the upstream's body.
      if (ctx.res().getHeader("X-Cache") == null) {
        ctx.json(body("not found", "path", ctx.method() + " " + ctx.path()));
      }
    });
    app.error(405, ctx -> {
      Object sent = ctx.attribute(HeadFilter.SENT_METHOD);
      String method = sent == null ? ctx.method().name() : sent.toString();
      ctx.json(body("method not allowed", "method", method + " is not allowed on " + ctx.path()
          + "; allowed: " + ctx.res().getHeader("Allow")));
    });
  }

  /**
   * The {@code Allow} field of a 405 from the methods whose routes match the path: a GET route
   * answers HEAD too (Javalin runs it for HEAD, and {@link HeadFilter} gives it its length).
   */
  static String allow(String available) {
    java.util.Set<String> methods = new java.util.LinkedHashSet<>();
    if (available != null) {
      for (String m : available.split(",")) {
        if (!m.isBlank()) {
          methods.add(m.trim().toUpperCase(java.util.Locale.ROOT));
        }
      }
    }
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    return String.join(", ", methods);
  }

  static Map<String, Object> body(String error, String field, String detail) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", error);
    json.put("field", field);
    json.put("detail", detail);
    return json;
  }
}
