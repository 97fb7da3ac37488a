package dev.oddscache.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered as JSON {@code {"error", "field", "detail"}} with a 4xx or 503 status.
 * Thrown by handlers for bad input; never carries a stack trace to the client.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String field;
  private final String detail;

  public ApiError(int status, String error, String field, String detail) {
    super(error, null, false, false);
    this.status = status;
    this.field = field;
    this.detail = detail;
  }

  public static ApiError badRequest(String error, String field, String detail) {
    return new ApiError(400, error, field, detail);
  }

  public int status() {
    return status;
  }

  public Map<String, Object> body() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", getMessage());
    json.put("field", field);
    json.put("detail", detail);
    return json;
  }
}
