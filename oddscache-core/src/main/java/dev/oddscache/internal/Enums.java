package dev.oddscache.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Case-insensitive enum parsing with errors that name the field, the value and the choices. */
public final class Enums {
  private Enums() {}

  /**
   * Parses {@code value} as a constant of {@code type}, ignoring case and accepting {@code -} for
   * {@code _}.
   *
   * @throws IllegalArgumentException naming {@code field}, the value and the accepted values
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must be one of " + choices(type) + ", got "
          + (value == null ? "null" : "'" + value + "'"));
    }
    String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalised)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        field + " must be one of " + choices(type) + ", got '" + value + "'");
  }

  private static <E extends Enum<E>> String choices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
