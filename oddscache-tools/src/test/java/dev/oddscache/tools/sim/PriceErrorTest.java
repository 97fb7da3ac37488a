package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The price error of each answer, on a hand-made feed of one market with two selections, one
 * request per second at 0, 1, 2 and 3 s, loads of 100 ms:
 *
 * <ul>
 *   <li>0 s: selection 1 at 2.0, selection 2 at 4.0; the first load starts;
 *   <li>0.05 s: selection 1 moves to 2.2 (ln 1.1 ≈ 0.0953), during that load;
 *   <li>2.5 s: selection 2 jumps to 5.0 (ln 1.25 ≈ 0.2231), a jump the detector calls PANIC;
 *   <li>4 s: the feed's last tick (selection 1 unchanged), which ends the traffic.
 * </ul>
 */
class PriceErrorTest {
  private static final double MOVE = Math.log(1.1);
  private static final double JUMP = Math.log(1.25);

  @TempDir static Path dir;
  private static SimulationResult result;

  @BeforeAll
  static void run() {
    Path file = new TickFiles()
        .definition(0, "OPEN").prices(0, 1, 2.0, 2, 4.0)
        .prices(50, 1, 2.2)
        .prices(2500, 2, 5.0)
        .prices(4000, 1, 2.2)
        .write(dir.resolve("hand-made"));
    result = Runs.of(TickFiles.scenario(file, 100,
        "\"fixed-ttl:10s\", \"bypass\", \"oddscache\", \"oddscache-ttl\""));
  }

  @Test
  void feed_setsTheSpanAndTheTickCount() {
    assertThat(result.plan().durationSeconds()).isEqualTo(4);
    assertThat(result.plan().feed().ticks()).isEqualTo(5);
    assertThat(result.policies()).extracting(PolicyResult::requests).containsOnly(4L);
  }

  @Test
  void fixedTtl_servesTheFirstLoadThroughout_offByTheMovesSinceItStarted() {
    PolicyResult p = result.policy("fixed-ttl:10s");
    PriceErrorSummary e = p.priceError();

    // Answers at 0.1 s (the move came during the load), 1 s, 2 s: ln 1.1; at 3 s: ln 1.25 too.
    assertThat(p.backendCalls()).isEqualTo(1);
    assertThat(e.count()).isEqualTo(4);
    assertThat(e.mean()).isCloseTo((3 * MOVE + JUMP) / 4, within(1e-12));
    assertThat(e.p50()).isCloseTo(0.0953, within(1e-9));
    assertThat(e.p99()).isCloseTo(0.2231, within(1e-9));
    assertThat(e.p999()).isCloseTo(0.2231, within(1e-9));
    assertThat(e.max()).isCloseTo(JUMP, within(1e-12));
  }

  @Test
  void bypass_loadsOnceThePanicDetectedFromTheTicksBegins() {
    PolicyResult p = result.policy("bypass");

    // Calm until the jump: the first load serves 0, 1 and 2 s; at 3 s PANIC loads afresh.
    assertThat(p.backendCalls()).isEqualTo(2);
    assertThat(p.panicAges()).isNotNull();
    assertThat(p.priceError().mean()).isCloseTo(3 * MOVE / 4, within(1e-12));
    assertThat(p.priceError().max()).isCloseTo(MOVE, within(1e-12));
  }

  @Test
  void oddscache_reloadsWhatDrifted_andServesTheLivePriceAfterwards() {
    PolicyResult p = result.policy("oddscache");

    // The move during the first load drifts its value at once: 1 s reloads, 2 s is fresh, the
    // jump drifts it again and 3 s reloads. Only the first answer is off.
    assertThat(p.backendCalls()).isEqualTo(3);
    assertThat(p.priceError().mean()).isCloseTo(MOVE / 4, within(1e-12));
    assertThat(p.priceError().max()).isCloseTo(MOVE, within(1e-12));
  }

  @Test
  void oddscacheTtl_isTheTimerRule_likeBypassHere() {
    PolicyResult p = result.policy("oddscache-ttl");

    assertThat(p.backendCalls()).isEqualTo(2);
    assertThat(p.priceError().mean()).isCloseTo(3 * MOVE / 4, within(1e-12));
  }

  @Test
  void json_hasTheTickCountAndEachPolicysPriceError() throws Exception {
    JsonNode root = new ObjectMapper().readTree(result.toJsonText());

    assertThat(root.get("ticks").asLong()).isEqualTo(5);
    JsonNode e = root.get("policies").get("fixed-ttl:10s").get("priceError");
    assertThat(e.toString()).isEqualTo(
        "{\"mean\":0.127269,\"p50\":0.0953,\"p99\":0.2231,\"p999\":0.2231,\"max\":0.223144}");
    assertThat(root.get("policies")).allSatisfy(p -> assertThat(p.has("priceError")).isTrue());
  }

  @Test
  void marketStatusChanges_reachTheProductsDetector() {
    TickFiles base = new TickFiles().definition(0, "OPEN").prices(0, 1, 2.0);
    Path still = new TickFiles().definition(0, "OPEN").prices(0, 1, 2.0).prices(4000, 1, 2.0)
        .write(dir.resolve("still"));
    Path suspended = base.definition(1500, "SUSPENDED").definition(1600, "OPEN")
        .prices(4000, 1, 2.0).write(dir.resolve("suspended"));

    long calm = Runs.of(TickFiles.scenario(still, 100, "\"oddscache\""))
        .policy("oddscache").backendCalls();
    long withSuspension = Runs.of(TickFiles.scenario(suspended, 100, "\"oddscache\""))
        .policy("oddscache").backendCalls();

    // Prices never move; the suspension and re-open alone advance the drift epoch.
    assertThat(calm).isEqualTo(1);
    assertThat(withSuspension).isEqualTo(2);
  }
}
