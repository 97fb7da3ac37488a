package dev.oddscache.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One mapping of a config file with its dotted path: typed readers for its keys, and the single
 * place where problems become {@link ConfigException}s naming file, path and value. Not
 * thread-safe; used by one load.
 *
 * <p>Every reader has the shape {@code read(key, target, with)}: when the key is absent it returns
 * {@code target} unchanged, otherwise it converts the value and returns {@code with(target,
 * value)}. A builder's setter fits that shape, and any {@link IllegalArgumentException} it
 * throws is reported at the key's path, so validation stays in the builders. Which keys a mapping
 * may hold, and how each is read, is declared once per section with {@link Keys}.
 */
final class ConfigSection {
  static final String DURATION_FORMS = "30s, 45m, 2h, 1h30m, 250ms or ISO-8601 such as PT30M";

  private static final int MAX_SHOWN = 120;

  private final Path file;
  private final String path;
  private final JsonNode node;

  private ConfigSection(Path file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** The top level of {@code file}; an empty file is an empty mapping. */
  static ConfigSection root(Path file, JsonNode tree) {
    if (tree.isMissingNode() || tree.isNull()) {
      return new ConfigSection(file, "", JsonNodeFactory.instance.objectNode());
    }
    if (!tree.isObject()) {
      throw new ConfigException(file, "(top level)", show(tree),
          "expected a mapping of sections such as 'server:' or 'cache:'", null);
    }
    return new ConfigSection(file, "", tree);
  }

  /** How enum-named keys are written in files and listed in messages: {@code high_volatility}. */
  private static String lowerName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The dotted path of {@code key} in this mapping. */
  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The keys present, in file order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /**
   * Rejects any key not in {@code known}, listing the known ones; tokens get their own message
   * because they must come from the environment.
   */
  ConfigSection allow(List<String> known) {
    for (String key : keys()) {
      if (!known.contains(key)) {
        throw unknownKey(key, known);
      }
    }
    return this;
  }

  /** As {@link #enumKeys(Class, Function)}, listing the accepted keys in lower case. */
  <E extends Enum<E>> Map<String, E> enumKeys(Class<E> type) {
    return enumKeys(type, ConfigSection::lowerName);
  }

  /**
   * Maps each key to the constant of {@code type} it names, ignoring case and reading {@code -} as
   * {@code _} ({@code high_volatility}, {@code HIGH-VOLATILITY}); unknown and repeated constants
   * are rejected, listing the accepted keys as {@code display} spells them.
   */
  <E extends Enum<E>> Map<String, E> enumKeys(Class<E> type, Function<E, String> display) {
    List<String> known =
        Arrays.stream(type.getEnumConstants()).map(display).collect(Collectors.toList());
    Map<String, E> result = new LinkedHashMap<>();
    for (String key : keys()) {
      String normalised = key.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      E match = null;
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(normalised)) {
          match = constant;
          break;
        }
      }
      if (match == null) {
        throw unknownKey(key, known);
      }
      if (result.containsValue(match)) {
        throw error(key, "repeats " + display.apply(match) + ", already set by another spelling");
      }
      result.put(key, match);
    }
    return result;
  }

  /** The mapping under {@code key}; empty when the key is absent or null (nothing to change). */
  Optional<ConfigSection> child(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw error(key, "expected a mapping of keys to values");
    }
    return Optional.of(new ConfigSection(file, pathOf(key), value));
  }

  /** The raw value under {@code key}, or null when absent. */
  JsonNode raw(String key) {
    return node.get(key);
  }

  <T> T text(String key, T target, BiFunction<T, String, T> with) {
    return read(key, target, with, false, v -> v.isTextual() ? v.textValue() : null, "a string");
  }

  /** A string, or null (written {@code null} or {@code ~}) for "none". */
  <T> T textOrNull(String key, T target, BiFunction<T, String, T> with) {
    return read(key, target, with, true, v -> v.isTextual() ? v.textValue() : null, "a string");
  }

  <T> T bool(String key, T target, BiFunction<T, Boolean, T> with) {
    return read(key, target, with, false, v -> v.isBoolean() ? v.booleanValue() : null,
        "true or false");
  }

  <T> T integer(String key, T target, BiFunction<T, Integer, T> with) {
    return read(key, target, with, false,
        v -> v.isIntegralNumber() && v.canConvertToInt() ? v.intValue() : null,
        "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
  }

  <T> T longInteger(String key, T target, BiFunction<T, Long, T> with) {
    return read(key, target, with, false,
        v -> v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : null,
        "a whole number");
  }

  <T> T decimal(String key, T target, BiFunction<T, Double, T> with) {
    return read(key, target, with, false, v -> v.isNumber() ? v.doubleValue() : null,
        "a number");
  }

  /** A duration with a unit ({@value #DURATION_FORMS}); a bare number is rejected. */
  <T> T duration(String key, T target, BiFunction<T, Duration, T> with) {
    return read(key, target, with, false, v -> duration(key, v, false), "a duration");
  }

  /** As {@link #duration}, or null (written {@code null} or {@code ~}) for "the default rule". */
  <T> T durationOrNull(String key, T target, BiFunction<T, Duration, T> with) {
    return read(key, target, with, true, v -> duration(key, v, false), "a duration");
  }

  /** A duration, where a bare whole number means seconds (TTLs and floors, kept in seconds). */
  <T> T durationOrSeconds(String key, T target, BiFunction<T, Duration, T> with) {
    return read(key, target, with, false, v -> duration(key, v, true), "a duration");
  }

  /**
   * As {@link #durationOrSeconds}, handed on as a number of seconds for the APIs that take one; a
   * duration with a fraction of a second cannot be, and is rejected.
   */
  <T> T wholeSeconds(String key, T target, BiFunction<T, Long, T> with) {
    return read(key, target, with, false, v -> {
      Duration d = duration(key, v, true);
      if (d.getNano() != 0) {
        throw error(key, "expected whole seconds, such as 15s or 15");
      }
      return d.getSeconds();
    }, "a duration");
  }

  /** The list of strings under {@code key}; each element must be a string. */
  List<String> strings(String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isArray()) {
      throw error(key, "expected a list of strings, such as [a, b]");
    }
    List<String> result = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (!element.isTextual()) {
        throw new ConfigException(file, pathOf(key) + "[" + i + "]", show(element),
            "expected a string", null);
      }
      result.add(element.textValue());
    }
    return result;
  }

  /**
   * Runs {@code action} for the value under {@code key}, reporting what it rejects (an {@link
   * IllegalArgumentException} or {@link NullPointerException} from a builder) at the key's path.
   */
  <T> T at(String key, Supplier<T> action) {
    try {
      return action.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw error(key, "not allowed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code action} for this whole mapping, typically a builder's {@code build()} checking
   * rules that span keys, reporting what it rejects at this mapping's path.
   */
  <T> T build(Supplier<T> action) {
    try {
      return action.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigException(file, path, show(node), "not allowed: " + e.getMessage(), e);
    }
  }

  /** A problem with the value under {@code key}. */
  ConfigException error(String key, String problem) {
    return error(key, problem, null);
  }

  private ConfigException error(String key, String problem, Throwable cause) {
    JsonNode value = node.get(key);
    String shown = Secrets.isToken(key) ? "***" : value == null ? "(absent)" : show(value);
    return new ConfigException(file, pathOf(key), shown, problem, cause);
  }

  private ConfigException unknownKey(String key, List<String> known) {
    String variable = Secrets.environmentVariable(key);
    if (variable != null) {
      return error(key, "tokens are not read from config files; set " + variable
          + " in the environment instead");
    }
    return error(key, "unknown key; known keys of "
        + (path.isEmpty() ? "the top level" : path) + ": " + String.join(", ", known));
  }

  private <V, T> T read(String key, T target, BiFunction<T, V, T> with, boolean nullable,
      Function<JsonNode, V> convert, String expected) {
    JsonNode value = node.get(key);
    if (value == null) {
      return target;
    }
    V converted;
    if (value.isNull()) {
      if (!nullable) {
        throw error(key, "expected " + expected + "; leave the key out to keep the current value");
      }
      converted = null;
    } else {
      converted = convert.apply(value);
      if (converted == null) {
        throw error(key, "expected " + expected);
      }
    }
    V result = converted;
    return at(key, () -> with.apply(target, result));
  }

  private Duration duration(String key, JsonNode value, boolean secondsIfNumber) {
    if (value.isIntegralNumber() && secondsIfNumber && value.canConvertToLong()) {
      return Duration.ofSeconds(value.longValue());
    }
    if (value.isNumber()) {
      throw error(key, secondsIfNumber
          ? "expected whole seconds or a duration (" + DURATION_FORMS + ")"
          : "a bare number is ambiguous here; add a unit: " + DURATION_FORMS);
    }
    if (!value.isTextual()) {
      throw error(key, "expected a duration: " + DURATION_FORMS);
    }
    try {
      return DurationText.parse(value.textValue());
    } catch (IllegalArgumentException e) {
      throw error(key, "not a duration; use " + DURATION_FORMS, e);
    }
  }

  /** A value as written, for messages: strings quoted, passwords in URIs masked, long ones cut. */
  private static String show(JsonNode value) {
    String text = value.isTextual() ? "'" + value.textValue() + "'" : value.toString();
    text = Secrets.maskUriPassword(text);
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }
}
