package dev.oddscache.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
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
   * Sets {@code status}, the relayed {@code headers} ({@code Date} and {@code Content-Type} from
   * them when they have them) and {@code contentLength} (none when negative or bodiless): what
   * every writer below does before the proxy's own headers and the body.
   */
  private static void head(HttpServletResponse res, int status, Headers headers,
      Runnable relayLines, long contentLength) {
    res.setStatus(status);
    String date = headers.first("Date");
    if (date != null) {
      EncodedFields.put(res, "Date", date);
    }
    relayLines.run();
    if (bodiless(status)) {
      return;
    }
    String type = headers.first("Content-Type");
    if (type != null) {
      res.setContentType(type);
    }
    if (contentLength >= 0) {
      res.setContentLengthLong(contentLength);
    }
  }

  private static Runnable lines(HttpServletResponse res, Headers headers) {
    return () -> {
      for (int i = 0; i < headers.size(); i++) {
        if (!skipped(headers.name(i))) {
          res.addHeader(headers.name(i), headers.value(i));
        }
      }
    };
  }

  private static void body(HttpServletResponse res, byte[] body, int offset, int length) {
    if (length == 0) {
      return;
    }
    try {
      res.getOutputStream().write(body, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the response failed", e);
    }
  }

  /**
   * Writes {@code status}, {@code headers} (end-to-end) and {@code body}; none on HEAD or a
   * bodiless status.
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
    head(res, status, headers, lines(res, headers), body.length);
    beforeBody.run();
    if (!head && !bodiless(status)) {
      body(res, body, 0, body.length);
    }
  }

  /**
   * A stored response, as {@link #write(HttpServletResponse, int, Headers, byte[], boolean,
   * Runnable)} writes it, with its relayed lines encoded once for all its hits.
   */
  static void writeStored(HttpServletResponse res, CachedResponse value, boolean head,
      Runnable beforeBody) {
    byte[] body = value.body();
    head(res, value.status(), value.headers(), () -> {
      for (org.eclipse.jetty.http.HttpField field : value.encodedHeaders()) {
        EncodedFields.add(res, field);
      }
    }, body.length);
    beforeBody.run();
    if (!head && !bodiless(value.status())) {
      body(res, body, 0, body.length);
    }
  }

  /** A 206 with one range of a stored 200's body, with that response's headers. */
  static void writeRange(HttpServletResponse res, Headers headers, byte[] body, ByteRange range,
      boolean head, Runnable beforeBody) {
    head(res, 206, headers, lines(res, headers), range.length());
    res.setHeader("Content-Range",
        "bytes " + range.first() + "-" + range.last() + "/" + body.length);
    beforeBody.run();
    if (!head) {
      body(res, body, (int) range.first(), (int) range.length());
    }
  }

  /**
   * Relays an answer whose body streams from {@code body}: the upstream's {@code Content-Length}
   * is kept when it sent one, else the body goes out chunked. Nothing is held whole.
   */
  static void writeStreaming(HttpServletResponse res, int status, Headers headers,
      java.io.InputStream body, boolean head, Runnable beforeBody) throws IOException {
    long length = -1;
    String declared = headers.first("Content-Length");
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        // The JDK client already refused a bad length; nothing to keep.
      }
    }
    head(res, status, headers, lines(res, headers), length);
    beforeBody.run();
    if (!head && !bodiless(status)) {
      body.transferTo(res.getOutputStream());
    }
  }
}
