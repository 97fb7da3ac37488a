package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.SharedBetfairData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The two bundled greyhound scenarios end to end on the real files of the shared folder (skipped
 * when it is absent): three minutes of a race's WIN and PLACE markets, nine policies each.
 */
class BetfairScenariosTest {
  private static final Path DIR = Path.of("..", "scenarios");

  @Test
  void greyhoundWin_runsEveryTickPolicy_andTheProductIsNotDominated() {
    SharedBetfairData.file(SharedBetfairData.WIN_MARKET);
    check(Runs.of(ScenarioReader.read(DIR.resolve("betfair-greyhound-win.json"),
        SharedDataFolder.get())));
  }

  @Test
  void greyhoundPlace_runsEveryTickPolicy_andTheProductIsNotDominated() {
    SharedBetfairData.file(SharedBetfairData.PLACE_MARKET);
    check(Runs.of(ScenarioReader.read(DIR.resolve("betfair-greyhound-place.json"),
        SharedDataFolder.get())));
  }

  private static void check(SimulationResult r) {
    RunPlan plan = r.plan();
    assertThat(plan.feed().ticks()).isGreaterThan(100);
    assertThat(plan.matches()).singleElement()
        .satisfies(m -> assertThat(m.id()).isEqualTo("31389771"));
    assertThat(plan.durationSeconds()).isBetween(120L, 240L);
    assertThat(r.policies()).extracting(PolicyResult::policy)
        .containsExactlyElementsOf(Scenario.TICK_POLICIES);
    long requests = 10 * plan.durationSeconds();
    for (PolicyResult p : r.policies()) {
      assertThat(p.requests()).as(p.policy()).isEqualTo(requests);
      assertThat(p.errors()).as(p.policy()).isZero();
      assertThat(p.priceError().count()).as(p.policy()).isEqualTo(requests);
    }
    PolicyResult product = r.policy("oddscache");
    // The ticks drive the detector: the race's moves make requests PANIC.
    assertThat(product.panicAges()).isNotNull();
    for (PolicyResult p : r.policies()) {
      if (p.policy().startsWith("fixed-ttl:")) {
        boolean dominates = p.backendCalls() < product.backendCalls()
            && p.priceError().p999() < product.priceError().p999();
        assertThat(dominates).as("%s dominates oddscache", p.policy()).isFalse();
      }
    }
    assertThat(product.priceError().p999())
        .isLessThanOrEqualTo(r.policy("fixed-ttl:1s").priceError().p999());
    assertThat(r.policy("bypass").backendCalls()).isGreaterThan(product.backendCalls());
  }
}
