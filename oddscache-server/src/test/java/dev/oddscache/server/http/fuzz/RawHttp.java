package dev.oddscache.server.http.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends exact bytes over a plain socket and reads one HTTP/1.1 response. The JDK client refuses
 * control characters, bad methods and broken framing, which are exactly what the fuzz tests must
 * send. A connection closed or timed out before a complete status line and headers is reported as
 * {@link Response#dropped()}, never thrown.
 */
final class RawHttp {
  private static final int MAX_HEAD = 64 * 1024;

  private RawHttp() {}

  /** One response, or a dropped connection with what was seen. */
  record Response(int status, Map<String, String> headers, byte[] body, String dropped) {
    boolean isDropped() {
      return dropped != null;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends {@code request} and reads the answer.
   *
   * @param head whether the request is a HEAD, whose answer has headers but never a body
   */
  static Response send(int port, byte[] request, boolean head, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before reading a huge request to its end (a 413 on a
        // declared length, a 431): the answer is still there to read.
      }
      return read(socket.getInputStream(), head);
    } catch (SocketTimeoutException e) {
      return dropped("no complete response within " + timeoutMillis + " ms");
    } catch (IOException e) {
      return dropped(e.toString());
    }
  }

  private static Response read(InputStream in, boolean head) throws IOException {
    Response response = readOne(in, head);
    // An interim 1xx (100 Continue for an Expect header) precedes the real answer.
    while (!response.isDropped() && response.status() >= 100 && response.status() < 200) {
      response = readOne(in, head);
    }
    return response;
  }

  private static Response readOne(InputStream in, boolean headRequest) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        return dropped("connection closed after " + head.size() + " bytes of response head: "
            + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
      last4 = (last4 << 8) | b;
      if (head.size() > MAX_HEAD) {
        return dropped("response head longer than " + MAX_HEAD);
      }
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      return dropped("not an HTTP status line: " + lines[0]);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      return dropped("bad status code: " + lines[0]);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
      }
    }
    if (status < 200 || status == 204 || status == 304 || headRequest) {
      return new Response(status, headers, new byte[0], null);
    }
    byte[] body;
    String length = headers.get("content-length");
    String encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = chunked(in);
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
      if (body.length < Integer.parseInt(length)) {
        return dropped("body cut at " + body.length + " of " + length + " bytes");
      }
    } else {
      // No framing: the body runs to the end of the connection (requests say Connection: close).
      body = in.readAllBytes();
    }
    return new Response(status, headers, body, null);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        while (!line(in).isEmpty()) {
          // Trailers.
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new IOException("chunk cut at " + chunk.length + " of " + size + " bytes");
      }
      body.write(chunk);
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed inside a chunked body");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static Response dropped(String why) {
    return new Response(-1, Map.of(), new byte[0], why);
  }
}
