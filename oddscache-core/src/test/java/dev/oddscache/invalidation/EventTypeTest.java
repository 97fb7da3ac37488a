package dev.oddscache.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypeTest {

  @Test
  void parse_ignoresCaseAndAcceptsDashes() {
    assertThat(EventType.parse("event", "goal")).isEqualTo(EventType.GOAL);
    assertThat(EventType.parse("event", " Red-Card ")).isEqualTo(EventType.RED_CARD);
    assertThat(EventType.parse("event", "ODDS_SHOCK")).isEqualTo(EventType.ODDS_SHOCK);
  }

  @Test
  void parse_unknownType_namesFieldValueAndChoices() {
    assertThatThrownBy(() -> EventType.parse("event", "TOUCHDOWN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event")
        .hasMessageContaining("'TOUCHDOWN'")
        .hasMessageContaining("GOAL, PENALTY, RED_CARD")
        .hasMessageContaining("ODDS_SHOCK");
  }

  @Test
  void parse_missingValue_namesTheField() {
    assertThatThrownBy(() -> EventType.parse("type", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("type must be one of")
        .hasMessageEndingWith("got null");
  }
}
