package dev.oddscache.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotaEnumsTest {

  @Test
  void panicMode_tiers() {
    assertThat(PanicMode.NORMAL.tier()).isEqualTo(0);
    assertThat(PanicMode.PANIC_FULL.tier()).isEqualTo(1);
    assertThat(PanicMode.PANIC_PARTIAL.tier()).isEqualTo(2);
    assertThat(PanicMode.DEGRADED.tier()).isEqualTo(3);
    assertThat(PanicMode.NEW_NORMAL.tier()).isEqualTo(4);
    for (PanicMode mode : PanicMode.values()) {
      assertThat(PanicMode.ofTier(mode.tier())).isEqualTo(mode);
    }
    assertThatThrownBy(() -> PanicMode.ofTier(5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5");
  }

  @Test
  void parse_isCaseInsensitiveAndNamesFieldOnError() {
    assertThat(Stakes.parse("stakes", "high")).isEqualTo(Stakes.HIGH);
    assertThat(Stakes.parse("stakes", " Medium ")).isEqualTo(Stakes.MEDIUM);
    assertThat(PanicMode.parse("mode", "new-normal")).isEqualTo(PanicMode.NEW_NORMAL);
    assertThatThrownBy(() -> Stakes.parse("stakes", "huge"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stakes")
        .hasMessageContaining("huge");
  }

  @Test
  void stakes_label_isLowerCase() {
    assertThat(Stakes.MEDIUM.label()).isEqualTo("medium");
  }
}
