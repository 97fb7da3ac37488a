package dev.oddscache.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;

/** Reading request bodies strictly: the right content type, valid JSON, clear 4xx otherwise. */
final class JsonBodies {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonBodies() {}

  /**
   * @throws ApiError 415 unless the body is declared JSON, 400 if it does not parse
   */
  static JsonNode read(Context ctx) {
    requireContentType(ctx, "application/json");
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiError.badRequest("body must not be empty", "body", "expected JSON");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      // Limit violations (nesting depth, number length) carry no location.
      JsonLocation at = e.getLocation();
      throw ApiError.badRequest("body is not valid JSON", "body", e.getOriginalMessage()
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw ApiError.badRequest("body could not be read", "body", e.getMessage());
    }
  }

  static void requireContentType(Context ctx, String expected) {
    String type = ctx.contentType();
    String base = mediaType(type);
    if (!base.equals(expected)
        && !(expected.equals("application/json") && base.endsWith("+json"))) {
      throw new ApiError(415, "Content-Type must be " + expected, "Content-Type",
          type == null ? "missing" : type);
    }
  }

  /**
   * The media type of a Content-Type value without its parameters, lower case; "" when absent.
   * Not {@code split(";")[0]}: that throws on a value of only semicolons.
   */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
        .toLowerCase(Locale.ROOT);
  }

  /** A text field, or null when absent or JSON null; any other type is a 400 naming it. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiError.badRequest(field + " must be a string", field, value.getNodeType().toString());
    }
    return value.asText();
  }

  /** A number field, or null when absent; must be finite. */
  static Double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
      throw ApiError.badRequest(field + " must be a finite number", field, value.toString());
    }
    return value.asDouble();
  }

  static void requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw ApiError.badRequest(what + " must be a JSON object", "body",
          node == null ? "missing" : node.getNodeType().toString());
    }
  }
}
