package dev.oddscache.server.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The keys one mapping of a config file may hold, each with its type and where its value goes:
 * the one definition that both reading and unknown-key detection use. Declared in the order the
 * keys are read and listed in messages. Immutable: each method returns a copy with one more key.
 *
 * @param <T> what the values are applied to, typically a builder
 */
final class Keys<T> {
  private final Map<String, BiFunction<ConfigSection, T, T>> readers;

  private Keys(Map<String, BiFunction<ConfigSection, T, T>> readers) {
    this.readers = readers;
  }

  static <T> Keys<T> of() {
    return new Keys<>(Map.of());
  }

  /** The declared keys, in order. */
  List<String> names() {
    return List.copyOf(readers.keySet());
  }

  /**
   * {@code target} with every key present in {@code s} applied, in declaration order.
   *
   * @throws ConfigException for a key not declared, or a value of the wrong type or refused
   */
  T read(ConfigSection s, T target) {
    s.allow(names());
    T result = target;
    for (BiFunction<ConfigSection, T, T> reader : readers.values()) {
      result = reader.apply(s, result);
    }
    return result;
  }

  Keys<T> text(String key, BiFunction<T, String, T> with) {
    return key(key, (s, t) -> s.text(key, t, with));
  }

  Keys<T> textOrNull(String key, BiFunction<T, String, T> with) {
    return key(key, (s, t) -> s.textOrNull(key, t, with));
  }

  Keys<T> bool(String key, BiFunction<T, Boolean, T> with) {
    return key(key, (s, t) -> s.bool(key, t, with));
  }

  Keys<T> integer(String key, BiFunction<T, Integer, T> with) {
    return key(key, (s, t) -> s.integer(key, t, with));
  }

  Keys<T> longInteger(String key, BiFunction<T, Long, T> with) {
    return key(key, (s, t) -> s.longInteger(key, t, with));
  }

  Keys<T> decimal(String key, BiFunction<T, Double, T> with) {
    return key(key, (s, t) -> s.decimal(key, t, with));
  }

  Keys<T> duration(String key, BiFunction<T, Duration, T> with) {
    return key(key, (s, t) -> s.duration(key, t, with));
  }

  Keys<T> durationOrNull(String key, BiFunction<T, Duration, T> with) {
    return key(key, (s, t) -> s.durationOrNull(key, t, with));
  }

  Keys<T> wholeSeconds(String key, BiFunction<T, Long, T> with) {
    return key(key, (s, t) -> s.wholeSeconds(key, t, with));
  }

  /** A nested mapping, read by {@code read} when present and not null. */
  Keys<T> mapping(String key, BiFunction<ConfigSection, T, T> read) {
    return key(key, (s, t) -> s.child(key).map(child -> read.apply(child, t)).orElse(t));
  }

  /**
   * A key that {@code read} reads from the whole mapping itself, for a value that needs another
   * key too (a certificate and its private key) or a check of its own.
   */
  Keys<T> custom(String key, BiFunction<ConfigSection, T, T> read) {
    return key(key, read);
  }

  /** A key read by the reader of another declared key, listed here so that it is allowed. */
  Keys<T> readWith(String key, String reader) {
    if (!readers.containsKey(reader)) {
      throw new IllegalArgumentException(key + " is read with " + reader + ", not declared yet");
    }
    return key(key, (s, t) -> t);
  }

  private Keys<T> key(String key, BiFunction<ConfigSection, T, T> reader) {
    if (readers.containsKey(key)) {
      throw new IllegalArgumentException("key declared twice: " + key);
    }
    Map<String, BiFunction<ConfigSection, T, T>> copy = new LinkedHashMap<>(readers);
    copy.put(key, reader);
    return new Keys<>(copy);
  }
}
