package dev.oddscache.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.decision.Decider;
import dev.oddscache.decision.Decision;
import dev.oddscache.zone.Zone;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ValueRules' bounds, and Decider.rebase: a value's own base TTL under the request's floors. */
class ValueRulesTest {

  @Test
  void boundsBelowMinusOneAreRefusedWithTheirValues() {
    assertThatThrownBy(() -> new ValueRules(-2, -1, -1, false, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 0 or -1 (unset)").hasMessageContaining("ttl=-2s");
    assertThatThrownBy(() -> new ValueRules(-1, -5, -1, false, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleWindow=-5ms");
    assertThatThrownBy(() -> new ValueRules(-1, -1, -3, false, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleIfError=-3ms");
  }

  @Test
  void minusOneIsUnsetAndZeroIsExplicit() {
    assertThat(ValueRules.DEFAULT).isEqualTo(new ValueRules(-1, -1, -1, false, true));
    assertThat(ValueRules.DEFAULT.explicitTtl()).isFalse();
    assertThat(new ValueRules(0, 0, 0, false, true).explicitTtl()).isTrue();
  }

  @Test
  void rebaseKeepsTheBreakerFloor() {
    OddsCache<String> cache = OddsCache.<String>builder()
        .ticker(new ManualTicker(Instant.parse("2026-03-01T18:00:00Z")))
        .executor(Runnable::run)
        .decisionEngine(OddsCacheValueRulesTest.flooredEngine())
        .build();
    Decider decider = cache.decider();
    MatchContext calm = MatchContext.builder("psg-om").markets("1x2").status(Status.NORMAL).build();
    Decision zone = decider.decide(calm, 0);

    Decision zero = decider.rebase(zone, 0);
    Decision longer = decider.rebase(zone, 120);

    assertThat(zone.ttlSeconds()).isEqualTo(300);
    assertThat(zero.ttlSeconds()).isEqualTo(30);
    assertThat(zero.baseTtlSeconds()).isZero();
    assertThat(zero.baseTtlExplicit()).isTrue();
    assertThat(zero.breakerFloorSeconds()).isEqualTo(30);
    assertThat(zero.zone()).isEqualTo(Zone.STANDARD);
    assertThat(zero.status()).isEqualTo(Status.NORMAL);
    assertThat(longer.ttlSeconds()).isEqualTo(120);
    assertThat(decider.rebase(longer, 120)).isSameAs(longer);
  }
}
