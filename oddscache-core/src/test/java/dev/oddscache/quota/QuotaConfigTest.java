package dev.oddscache.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaConfigTest {

  private static QuotaThresholds medium(long t1, long t2, long t3, long ttl1, long ttl2, long ttl3,
      long ttl4) {
    return new QuotaThresholds(Stakes.MEDIUM, Duration.ofMinutes(t1), Duration.ofMinutes(t2),
        Duration.ofMinutes(t3), ttl1, ttl2, ttl3, ttl4);
  }

  @Test
  void defaults_areTheTableOfTheSpec() {
    QuotaConfig config = QuotaConfig.ofDefaults();

    assertThat(config.thresholds(Stakes.HIGH)).isEqualTo(new QuotaThresholds(Stakes.HIGH,
        Duration.ofMinutes(60), Duration.ofMinutes(180), Duration.ofMinutes(360), 0, 5, 30, 60));
    assertThat(config.thresholds(Stakes.MEDIUM)).isEqualTo(new QuotaThresholds(Stakes.MEDIUM,
        Duration.ofMinutes(30), Duration.ofMinutes(90), Duration.ofMinutes(180), 0, 5, 30, 60));
    assertThat(config.thresholds(Stakes.LOW)).isEqualTo(new QuotaThresholds(Stakes.LOW,
        Duration.ofMinutes(15), Duration.ofMinutes(45), Duration.ofMinutes(90), 0, 5, 20, 45));
  }

  @Test
  void builder_replacesOneRowAndLeavesOthers() {
    QuotaConfig config = QuotaConfig.custom().thresholds(medium(10, 20, 40, 1, 2, 3, 4)).build();

    assertThat(config.thresholds(Stakes.MEDIUM)).isEqualTo(medium(10, 20, 40, 1, 2, 3, 4));
    assertThat(config.thresholds(Stakes.HIGH)).isEqualTo(QuotaConfig.DEFAULT_HIGH_THRESHOLDS);
    assertThat(config.thresholds(Stakes.LOW)).isEqualTo(QuotaConfig.DEFAULT_LOW_THRESHOLDS);
  }

  @Test
  void from_copiesTheBaseWithoutChangingIt() {
    QuotaConfig base = QuotaConfig.custom().thresholds(medium(10, 20, 40, 1, 2, 3, 4)).build();

    QuotaConfig copy = QuotaConfig.from(base).build();
    QuotaConfig changed = QuotaConfig.from(base).thresholds(medium(5, 6, 7, 0, 0, 0, 0)).build();

    assertThat(copy).isEqualTo(base).hasSameHashCodeAs(base);
    assertThat(changed.thresholds(Stakes.MEDIUM).tier1Until()).isEqualTo(Duration.ofMinutes(5));
    assertThat(base.thresholds(Stakes.MEDIUM).tier1Until()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void builder_laterChanges_doNotAffectABuiltConfig() {
    QuotaConfig.Builder builder = QuotaConfig.custom();
    QuotaConfig built = builder.build();

    builder.thresholds(medium(10, 20, 40, 1, 2, 3, 4));

    assertThat(built).isEqualTo(QuotaConfig.ofDefaults());
  }

  @Test
  void thresholds_nonPositiveFirstBound_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> medium(0, 20, 40, 0, 5, 30, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier1Until")
        .hasMessageContaining("PT0S");
  }

  @Test
  void thresholds_boundsOutOfOrder_areRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> medium(30, 30, 180, 0, 5, 30, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier2Until")
        .hasMessageContaining("PT30M");
    assertThatThrownBy(() -> medium(30, 90, 60, 0, 5, 30, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier3Until")
        .hasMessageContaining("PT1H");
  }

  @Test
  void thresholds_negativeTtl_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> medium(30, 90, 180, -1, 5, 30, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier1TtlSeconds").hasMessageContaining("-1");
    assertThatThrownBy(() -> medium(30, 90, 180, 0, -2, 30, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier2TtlSeconds").hasMessageContaining("-2");
    assertThatThrownBy(() -> medium(30, 90, 180, 0, 5, -3, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier3TtlSeconds").hasMessageContaining("-3");
    assertThatThrownBy(() -> medium(30, 90, 180, 0, 5, 30, -4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier4TtlSeconds").hasMessageContaining("-4");
  }

  @Test
  void thresholds_nulls_areRejectedNamingTheField() {
    assertThatThrownBy(() -> new QuotaThresholds(null, Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(3), 0, 0, 0, 0))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("stakes");
    assertThatThrownBy(() -> new QuotaThresholds(Stakes.LOW, Duration.ofMinutes(1), null,
        Duration.ofMinutes(3), 0, 0, 0, 0))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("tier2Until");
    assertThatThrownBy(() -> QuotaConfig.custom().thresholds(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("thresholds");
  }

  @Test
  void thresholds_tierLookups() {
    QuotaThresholds t = QuotaConfig.DEFAULT_LOW_THRESHOLDS;

    assertThat(t.tierStart(1)).isEqualTo(Duration.ZERO);
    assertThat(t.tierStart(4)).isEqualTo(Duration.ofMinutes(90));
    assertThat(t.ttlSeconds(3)).isEqualTo(20);
    assertThatThrownBy(() -> t.ttlSeconds(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> t.tierStart(5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5");
  }
}
