package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.redis.testing.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Three JVMs decide for the same matches at the same instants, each with its own {@code Decider}
 * on a {@code ManualTicker} and the Redis panic clock: TTL, tier, panic mode and duration are
 * identical in every process at every instant, as is the breaker mode, which each process
 * computes locally from the same traffic.
 *
 * <p>The breaker window is per process here (its shared version is not this module's subject):
 * giving every process the same requests keeps the breaker modes equal, so whole decisions can be
 * compared and any difference is the panic clock's.
 */
class PanicDecisionsAcrossProcessesTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final int PROCESSES = 3;
  private static final String OFFSETS = "0,10,35,95,200";
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

  @Test
  void threeProcesses_sameInstants_identicalDecisions() throws Exception {
    List<ChildJvm> children = new ArrayList<>();
    List<List<String>> outputs = new ArrayList<>();
    try (RedisServerProcess server = RedisServerProcess.start()) {
      String run = UUID.randomUUID().toString();
      for (int c = 0; c < PROCESSES; c++) {
        children.add(ChildJvm.start(DecisionsChild.class, List.of(server.uri(), run,
            Integer.toString(PROCESSES), Long.toString(T0), OFFSETS)));
      }
      for (ChildJvm child : children) {
        outputs.add(child.awaitOutput(CHILD_TIMEOUT));
      }
    } finally {
      children.forEach(ChildJvm::close);
    }

    int decisions = 5 * 2 * MatchdayTraffic.REPEATS * MatchdayTraffic.MATCHES.size();
    assertThat(outputs.get(0)).hasSize(decisions + 1).last().isEqualTo("fallback false");
    // Zero variance: every line of every process, in order.
    assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
    assertThat(outputs.get(2)).isEqualTo(outputs.get(0));

    Map<String, String> tiers = tiersOfFirstRound(outputs.get(0));
    // Durations from the shared start: t0 for the three, +95 min for lens-lille's second panic.
    assertThat(tiers).containsEntry("0 clasico", "1").containsEntry("35 clasico", "1")
        .containsEntry("95 clasico", "2").containsEntry("200 clasico", "3")
        .containsEntry("35 psg-om", "2").containsEntry("95 psg-om", "3")
        .containsEntry("200 psg-om", "4")
        .containsEntry("10 caen-metz", "1").containsEntry("35 caen-metz", "2")
        .containsEntry("95 caen-metz", "4")
        .containsEntry("10 lens-lille", "1").containsEntry("35 lens-lille", "0")
        .containsEntry("95 lens-lille", "1").containsEntry("200 lens-lille", "3")
        .containsEntry("200 calm-1", "0");
    assertThat(outputs.get(0).stream().filter(l -> l.startsWith("offset"))
        .map(l -> l.replaceAll(".* breaker=(\\S+) .*", "$1")).collect(Collectors.toSet()))
        .as("the breaker moved, so comparing its mode meant something")
        .contains("NORMAL", "HIGH_VOLATILITY");
  }

  /** "offset match" to tier, from the first decision of round 0 for each. */
  private static Map<String, String> tiersOfFirstRound(List<String> lines) {
    Map<String, String> tiers = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.contains(" round=0 ")) {
        continue;
      }
      Map<String, String> f = new LinkedHashMap<>();
      for (String field : line.split(" ")) {
        String[] kv = field.split("=", 2);
        f.put(kv[0], kv[1]);
      }
      tiers.putIfAbsent(f.get("offset") + " " + f.get("match"), f.get("tier"));
    }
    return tiers;
  }
}
