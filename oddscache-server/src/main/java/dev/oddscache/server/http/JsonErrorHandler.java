package dev.oddscache.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers as JSON {@code {"error","field","detail"}}, in place of its
 * HTML pages. These are the requests Javalin never sees: a request line or header Jetty cannot
 * parse (control characters, a bad {@code Content-Length}), a URI or header block over its limits
 * (414, 431), an undecodable path. Without this, those clients got {@code text/html}.
 */
final class JsonErrorHandler extends ErrorHandler {

  JsonErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
  }

  /** Errors found while parsing, before any request object exists; the connection then closes. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) {
      return ByteBuffer.allocate(0);
    }
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(json(status, reason));
  }

  /** Errors Jetty raises for a parsed request (a path it refuses to decode, say). */
  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    baseRequest.setHandled(true);
    if (HttpStatus.hasNoBody(code)) {
      return;
    }
    byte[] body = json(code, message);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** Writes an {@link ApiError}-shaped JSON body with {@code status}, outside Javalin. */
  static void writeJson(HttpServletResponse response, int status,
      java.util.Map<String, Object> body) throws IOException {
    byte[] bytes = JsonBodies.MAPPER.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  static byte[] json(int status, String reason) {
    String error = HttpStatus.getMessage(status);
    String field = switch (status) {
      case 413 -> "body";
      case 414 -> "path";
      case 431 -> "headers";
      default -> "request";
    };
    try {
      return JsonBodies.MAPPER.writeValueAsBytes(ErrorResponses.body(
          error == null ? "error " + status : error.toLowerCase(Locale.ROOT), field,
          reason == null || reason.isBlank() ? error : reason));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error body", e);
    }
  }
}
