package dev.oddscache.invalidation;

import dev.oddscache.internal.Enums;

/**
 * A match event that can make cached prices wrong. Which markets each one affects is decided by
 * {@link ImpactRules}.
 */
public enum EventType {
  GOAL,
  PENALTY,
  RED_CARD,
  LINEUP,
  KICKOFF,
  HALF_TIME,
  FULL_TIME,
  INJURY,
  YELLOW_CARD,
  CORNER,
  SUBSTITUTION,
  /** A sudden move of one market's odds; invalidation needs that market's id. */
  ODDS_SHOCK;

  /**
   * Parses an event type from user input, ignoring case and accepting {@code -} for {@code _}
   * ({@code "red-card"} is {@link #RED_CARD}).
   *
   * @param field the name of the input field, for the error message
   * @throws IllegalArgumentException naming {@code field}, the value and the accepted values
   */
  public static EventType parse(String field, String value) {
    return Enums.parse(EventType.class, field, value);
  }
}
