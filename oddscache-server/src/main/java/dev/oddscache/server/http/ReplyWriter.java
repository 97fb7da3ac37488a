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

  // No lower-casing: a hit relays every stored header and should allocate nothing for it.
  static boolean skipped(String name) {
    for (String s : SKIPPED) {
      if (s.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

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
    write(res, status, headers, body, head, () -> { });
  }

  /**
   * As {@link #write(HttpServletResponse, int, Headers, byte[], boolean)}, with {@code
   * beforeBody} run once the relayed headers are set and before the body commits the response:
   * the place for the proxy's own headers ({@code Age}, {@code Cache-Status}...).
   */
  static void write(HttpServletResponse res, int status, Headers headers, byte[] body,
      boolean head, Runnable beforeBody) {
    res.setStatus(status);
    String date = headers.first("Date");
    if (date != null) {
      res.setHeader("Date", date);
    }
    String type = headers.first("Content-Type");
    for (int i = 0; i < headers.size(); i++) {
      if (!skipped(headers.name(i))) {
        res.addHeader(headers.name(i), headers.value(i));
      }
    }
    if (bodiless(status)) {
      beforeBody.run();
      return;
    }
    if (type != null) {
      res.setHeader("Content-Type", type);
    }
    res.setContentLengthLong(body.length);
    beforeBody.run();
    if (head || body.length == 0) {
      return;
    }
    try {
      res.getOutputStream().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the response failed", e);
    }
  }

  /** A 206 with one range of a stored 200's body, with that response's headers. */
  static void writeRange(HttpServletResponse res, Headers headers, byte[] body, ByteRange range,
      boolean head, Runnable beforeBody) {
    write(res, 206, headers, new byte[0], true, () -> {
      res.setHeader("Content-Range",
          "bytes " + range.first() + "-" + range.last() + "/" + body.length);
      res.setContentLengthLong(range.length());
      beforeBody.run();
    });
    if (head) {
      return;
    }
    try {
      res.getOutputStream().write(body, (int) range.first(), (int) range.length());
    } catch (IOException e) {
      throw new UncheckedIOException("writing the response failed", e);
    }
  }

  /**
   * Relays an answer whose body streams from {@code body}: the upstream's {@code Content-Length}
   * is kept when it sent one, else the body goes out chunked. Nothing is held whole.
   */
  static void writeStreaming(HttpServletResponse res, int status, Headers headers,
      java.io.InputStream body, boolean head, Runnable beforeBody) throws IOException {
    res.setStatus(status);
    String date = headers.first("Date");
    if (date != null) {
      res.setHeader("Date", date);
    }
    for (int i = 0; i < headers.size(); i++) {
      if (!skipped(headers.name(i))) {
        res.addHeader(headers.name(i), headers.value(i));
      }
    }
    String type = headers.first("Content-Type");
    if (type != null && !bodiless(status)) {
      res.setHeader("Content-Type", type);
    }
    String length = headers.first("Content-Length");
    if (length != null && !bodiless(status)) {
      try {
        res.setContentLengthLong(Long.parseLong(length.trim()));
      } catch (NumberFormatException e) {
        // The JDK client already refused a bad length; nothing to keep.
      }
    }
    beforeBody.run();
    if (head || bodiless(status)) {
      return;
    }
    body.transferTo(res.getOutputStream());
  }

  /**
   * A stored response, as {@link #write(HttpServletResponse, int, Headers, byte[], boolean,
   * Runnable)} writes it, with its relayed lines encoded once for all its hits.
   */
  static void writeStored(HttpServletResponse res, CachedResponse value, boolean head,
      Runnable beforeBody) {
    int status = value.status();
    res.setStatus(status);
    String date = value.headers().first("Date");
    if (date != null) {
      EncodedFields.put(res, "Date", date);
    }
    for (org.eclipse.jetty.http.HttpField field : value.encodedHeaders()) {
      EncodedFields.add(res, field);
    }
    byte[] body = value.body();
    if (bodiless(status)) {
      beforeBody.run();
      return;
    }
    String type = value.contentType();
    if (type != null) {
      res.setContentType(type);
    }
    res.setContentLengthLong(body.length);
    beforeBody.run();
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
