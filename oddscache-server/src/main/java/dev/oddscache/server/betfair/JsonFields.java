package dev.oddscache.server.betfair;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Typed reads of the fields of a stream message, each failing with a {@link BadField} whose
 * reason names the field's JSON path and shows the offending value.
 */
final class JsonFields {
  /** Longer values are cut in reasons, so that a hostile line cannot blow up the response. */
  private static final int MAX_SHOWN = 60;

  private JsonFields() {}

  /** The child {@code name} of {@code parent}, or null when it is absent or JSON null. */
  static JsonNode optional(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? null : node;
  }

  static JsonNode required(JsonNode parent, String name, String path) throws BadField {
    JsonNode node = parent.get(name);
    if (node == null) {
      throw new BadField(path + " is missing");
    }
    if (node.isNull()) {
      throw new BadField(path + " must not be null");
    }
    return node;
  }

  static long integer(JsonNode node, String path, String what) throws BadField {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new BadField(path + " must be " + what + ", got " + show(node));
    }
    return node.longValue();
  }

  /** A non-blank string; an integer is accepted too, since ids are digits either way. */
  static String id(JsonNode node, String path) throws BadField {
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw new BadField(path + " must be a non-blank string, got " + show(node));
    }
    return node.textValue();
  }

  static String text(JsonNode node, String path) throws BadField {
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw new BadField(path + " must be a non-blank string, got " + show(node));
    }
    return node.textValue();
  }

  static boolean bool(JsonNode node, String path) throws BadField {
    if (!node.isBoolean()) {
      throw new BadField(path + " must be true or false, got " + show(node));
    }
    return node.booleanValue();
  }

  /** Any JSON number, NaN and infinities included: the detector judges the value. */
  static double number(JsonNode node, String path) throws BadField {
    if (!node.isNumber()) {
      throw new BadField(path + " must be a number, got " + show(node));
    }
    return node.doubleValue();
  }

  static long instantMillis(JsonNode node, String path) throws BadField {
    String text = text(node, path);
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new BadField(path + " must be an ISO-8601 instant, got " + show(node));
    }
  }

  static JsonNode array(JsonNode node, String path) throws BadField {
    if (!node.isArray()) {
      throw new BadField(path + " must be an array, got " + show(node));
    }
    return node;
  }

  static JsonNode object(JsonNode node, String path) throws BadField {
    if (!node.isObject()) {
      throw new BadField(path + " must be an object, got " + show(node));
    }
    return node;
  }

  /** The value as JSON text (strings quoted), cut to a readable length. */
  static String show(JsonNode node) {
    String text = node.isNumber() && !Double.isFinite(node.doubleValue())
        ? String.valueOf(node.doubleValue())
        : node.toString();
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }
}
