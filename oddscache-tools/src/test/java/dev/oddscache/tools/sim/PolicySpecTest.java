package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicySpecTest {

  @Test
  void fixedTtlWithADuration_isAFixedTtlOfThatDuration() {
    assertThat(PolicySpec.parse("p", "fixed-ttl:1s").ttl()).isEqualTo(Duration.ofSeconds(1));
    assertThat(PolicySpec.parse("p", "fixed-ttl:500ms").ttl()).isEqualTo(Duration.ofMillis(500));
    assertThat(PolicySpec.parse("p", "fixed-ttl:2m").ttl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(PolicySpec.parse("p", "fixed-ttl:1m30s").ttl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(PolicySpec.parse("p", "fixed-ttl:10s").kind())
        .isEqualTo(PolicySpec.Kind.FIXED_TTL);
  }

  @Test
  void plainNames_areTheirPolicies_withoutTtl() {
    assertThat(PolicySpec.parse("p", "fixed-ttl").ttl()).isNull();
    assertThat(PolicySpec.parse("p", "oddscache").kind()).isEqualTo(PolicySpec.Kind.ODDSCACHE);
    assertThat(PolicySpec.parse("p", "oddscache-ttl").kind())
        .isEqualTo(PolicySpec.Kind.ODDSCACHE_TTL);
    assertThat(PolicySpec.parse("p", "bypass").kind()).isEqualTo(PolicySpec.Kind.BYPASS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fixed-ttl:", "fixed-ttl:0s", "fixed-ttl:-1s", "fixed-ttl:soon",
      "fixed-ttl:1", "fixed-ttl 1s", "FIXED-TTL:1s", "lru"})
  void badNames_listTheAcceptedForms(String name) {
    assertThatThrownBy(() -> PolicySpec.parse("policies[3]", name))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("policies[3] must be one of oddscache, oddscache-ttl, bypass, fixed-ttl, or "
            + "fixed-ttl:D with D a positive duration such as 500ms, 1s, 2m, got '" + name + "'");
  }

  @Test
  void sameAs_comparesTheTtl_notTheSpelling() {
    assertThat(PolicySpec.parse("p", "fixed-ttl:1s").sameAs(PolicySpec.parse("p",
        "fixed-ttl:1000ms"))).isTrue();
    assertThat(PolicySpec.parse("p", "fixed-ttl:1s").sameAs(PolicySpec.parse("p",
        "fixed-ttl:2s"))).isFalse();
    assertThat(PolicySpec.parse("p", "fixed-ttl").sameAs(PolicySpec.parse("p",
        "fixed-ttl:1s"))).isFalse();
  }

  @Test
  void scenario_rejectsTheSameFixedTtlSpelledTwice() {
    String json = TestScenarios.clasico(1, 10, 0, 1, "\"fixed-ttl:1s\", \"fixed-ttl:1000ms\"");

    assertThatThrownBy(() -> ScenarioReader.parse(json))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("policies[1] must be unique, got duplicate 'fixed-ttl:1000ms' "
            + "(same as 'fixed-ttl:1s')");
  }

  @Test
  void fixedTtlWithADuration_holdsValuesForThatLong() {
    SimulationResult r = Runs.of(TestScenarios.clasico(1, 10, 0, 0.5,
        "\"fixed-ttl:1s\", \"fixed-ttl:10s\""));

    // 100 keys for a minute; each key reloads at most once per TTL.
    assertThat(r.policy("fixed-ttl:1s").backendCalls())
        .isGreaterThan(r.policy("fixed-ttl:10s").backendCalls());
    assertThat(r.policy("fixed-ttl:10s").ages().maxMillis()).isLessThan(10_000);
    assertThat(r.policy("fixed-ttl:1s").ages().maxMillis()).isLessThan(1_000);
  }
}
