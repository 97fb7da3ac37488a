package dev.oddscache.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * Writes an upstream answer onto the servlet response as it came: status, end-to-end headers,
 * body. The body goes straight to the servlet stream, not through Javalin's compressing one: the
 * upstream's {@code Content-Encoding} and bytes are relayed untouched, and a hit is written
 * without a copy.
 */
final class ReplyWriter {
  /** Set by the writer itself, or never relayed. */
  private static final Set<String> SKIPPED = Set.of("content-length", "age", "date",
      "content-type");

  private ReplyWriter() {}

  /** Whether a response with {@code status} has no body (RFC 9110 §6.4.1). */
  static boolean bodiless(int status) {
    return status < 200 || status == 204 || status == 304;
  }

  /**
   * Writes {@code status}, {@code headers} (end-to-end) and {@code body}; none on HEAD or a
   * bodiless status. {@code Date} and {@code Content-Type} come from {@code headers} when they
   * have them.
   */
  static void write(HttpServletResponse res, int status, Headers headers, byte[] body,
      boolean head) {
    res.setStatus(status);
    String date = headers.first("Date");
    if (date != null) {
      res.setHeader("Date", date);
    }
    String type = headers.first("Content-Type");
    for (int i = 0; i < headers.size(); i++) {
      if (!SKIPPED.contains(headers.name(i).toLowerCase(Locale.ROOT))) {
        res.addHeader(headers.name(i), headers.value(i));
      }
    }
    if (bodiless(status)) {
      return;
    }
    if (type != null) {
      res.setHeader("Content-Type", type);
    }
    res.setContentLengthLong(body.length);
    if (head || body.length == 0) {
      return;
    }
    try {
      res.getOutputStream().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the response failed", e);
    }
  }
}
