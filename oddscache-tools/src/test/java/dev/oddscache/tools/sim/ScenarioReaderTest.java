package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {
  private static final String VALID =
      TestScenarios.clasico(20, 200, 5, 15, "\"oddscache\", \"bypass\", \"fixed-ttl\"");

  @Test
  void parse_specExample_keepsEveryField() {
    Scenario s = ScenarioReader.parse(VALID);

    assertThat(s.name()).isEqualTo("clasico-test");
    assertThat(s.seed()).isEqualTo(42L);
    assertThat(s.durationSeconds()).isEqualTo(1200);
    assertThat(s.matches()).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo("rma-fcb");
      assertThat(m.kickoffAtMinute()).isEqualTo(150.0);
      assertThat(m.markets()).hasSize(5);
    });
    assertThat(s.keysPerMarket()).isEqualTo(20);
    assertThat(s.load().requestsPerSecond()).isEqualTo(200);
    assertThat(s.backend().latencyMs()).isEqualTo(50);
    assertThat(s.backend().maxConcurrent()).isNull();
    assertThat(s.statuses()).hasSize(1);
    assertThat(s.events()).hasSize(1);
    assertThat(s.policies()).containsExactly("oddscache", "bypass", "fixed-ttl");
  }

  @Test
  void parse_minimalScenario_appliesDefaults() {
    Scenario s = ScenarioReader.parse("""
        { "name": "tiny", "durationMinutes": 1,
          "matches": [ { "id": "m", "markets": ["1x2"] } ],
          "load": { "requestsPerSecond": 1 } }
        """);

    assertThat(s.seed()).isZero();
    assertThat(s.keysPerMarket()).isEqualTo(1);
    assertThat(s.load().zipfExponent()).isEqualTo(1.0);
    assertThat(s.backend().latencyMs()).isEqualTo(50);
    assertThat(s.backend().failureRate()).isZero();
    assertThat(s.statuses()).isEmpty();
    assertThat(s.events()).isEmpty();
    assertThat(s.policies()).isEqualTo(Scenario.POLICIES);
  }

  @Test
  void parse_negativeRate_namesFieldAndValue() {
    assertError(
        TestScenarios.with(VALID, "\"requestsPerSecond\": 200", "\"requestsPerSecond\": -5"),
        "load.requestsPerSecond must be > 0, got -5");
  }

  @Test
  void parse_unknownPolicy_namesIt() {
    assertError(TestScenarios.with(VALID, "\"fixed-ttl\"]", "\"lru\"]"),
        "policies[2] must be one of oddscache, oddscache-ttl, bypass, fixed-ttl, or fixed-ttl:D "
            + "with D a positive duration such as 500ms, 1s, 2m, got 'lru'");
  }

  @Test
  void parse_unknownStatus_namesFieldAndChoices() {
    assertError(TestScenarios.with(VALID, "\"status\": \"PANIC\"", "\"status\": \"MELTDOWN\""),
        "statuses[0].status must be one of NORMAL, WARNING, PANIC, got 'MELTDOWN'");
  }

  @Test
  void parse_unknownEventType_namesIt() {
    assertError(TestScenarios.with(VALID, "\"type\": \"GOAL\"", "\"type\": \"OFFSIDE\""),
        "events[0].type must be one of", "got 'OFFSIDE'");
  }

  @Test
  void parse_statusForUnknownMatch_namesTheMatch() {
    assertError(TestScenarios.with(VALID, "\"match\": \"rma-fcb\", \"fromMinute\"",
            "\"match\": \"psg-om\", \"fromMinute\""),
        "statuses[0].match must be the id of a match in matches [rma-fcb], got 'psg-om'");
  }

  @Test
  void parse_eventForUnknownMatch_namesTheMatch() {
    assertError(TestScenarios.with(VALID, "\"match\": \"rma-fcb\", \"type\"",
            "\"match\": \"nope\", \"type\""),
        "events[0].match must be the id of a match", "got 'nope'");
  }

  @Test
  void parse_unknownField_namesFieldAndWhere() {
    assertError(TestScenarios.with(VALID, "\"zipfExponent\": 1.0",
            "\"zipfExponent\": 1.0, \"burst\": 3"),
        "unknown field 'burst' in load", "requestsPerSecond", "zipfExponent");
    assertError(TestScenarios.with(VALID, "\"keysPerMarket\": 20",
            "\"keysPerMarket\": 20, \"warmup\": 1"),
        "unknown field 'warmup' in the scenario");
  }

  @Test
  void parse_wrongType_namesTheField() {
    assertError(TestScenarios.with(VALID, "\"requestsPerSecond\": 200",
            "\"requestsPerSecond\": \"fast\""),
        "load.requestsPerSecond");
    assertError(
        TestScenarios.with(VALID, "\"requestsPerSecond\": 200", "\"requestsPerSecond\": 2.5"),
        "load.requestsPerSecond");
  }

  @Test
  void parse_otherRules_nameFieldAndValue() {
    assertError(TestScenarios.with(VALID, "\"durationMinutes\": 20,", ""),
        "durationMinutes is required");
    assertError(TestScenarios.with(VALID, "\"failureRate\": 0.0", "\"failureRate\": 1.5"),
        "backend.failureRate must be between 0 and 1, got 1.5");
    assertError(TestScenarios.with(VALID, "\"failureRate\": 0.0",
            "\"failureRate\": 0.0, \"maxConcurrent\": 0"),
        "backend.maxConcurrent must be >= 1, got 0");
    assertError(TestScenarios.with(VALID, "\"zipfExponent\": 1.0", "\"zipfExponent\": -1"),
        "load.zipfExponent must be a finite number >= 0, got -1.0");
    assertError(TestScenarios.with(VALID, "\"toMinute\": 15.0", "\"toMinute\": 5.0"),
        "statuses[0].toMinute must be > fromMinute (5.0), got 5.0");
    assertError(TestScenarios.with(VALID, "\"keysPerMarket\": 20", "\"keysPerMarket\": 0"),
        "keysPerMarket must be >= 1, got 0");
    assertError(TestScenarios.with(VALID, "\"atMinute\": 10.0", "\"atMinute\": 99"),
        "events[0].atMinute must be between 0 and durationMinutes (20), got 99.0");
    assertError(TestScenarios.with(VALID, "\"type\": \"GOAL\"",
            "\"type\": \"ODDS_SHOCK\", \"market\": \"corners\""),
        "events[0].market must be one of the markets of match 'rma-fcb'", "got 'corners'");
    assertError(TestScenarios.with(VALID,
            "\"policies\": [\"oddscache\", \"bypass\", \"fixed-ttl\"]",
            "\"policies\": [\"bypass\", \"bypass\"]"),
        "policies[1] must be unique, got duplicate 'bypass'");
    assertError(TestScenarios.with(VALID, "\"markets\": [\"1x2\", \"over_under_25\"",
            "\"markets\": [\"1x2\", \"1X2\""),
        "matches[0].markets[1] must be unique, got duplicate '1X2'");
  }

  @Test
  void parse_notJson_saysSoWithLocation() {
    assertError("{ \"name\": ", "scenario is not valid JSON", "line 1");
  }

  @Test
  void parse_lowerCaseEnums_areAccepted() {
    Scenario s = ScenarioReader.parse(TestScenarios.with(
        TestScenarios.with(VALID, "\"status\": \"PANIC\"", "\"status\": \"panic\""),
        "\"type\": \"GOAL\"", "\"type\": \"red_card\""));

    assertThat(s.statuses().get(0).status()).isEqualTo("panic");
    assertThat(SimEvents.parseType("type", s.events().get(0).type())).isEqualTo("RED_CARD");
    assertThat(List.of(s.matches().get(0).markets().get(0))).containsExactly("1x2");
  }

  private static void assertError(String json, String... fragments) {
    assertThatThrownBy(() -> ScenarioReader.parse(json))
        .isInstanceOf(ScenarioException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }
}
