package dev.oddscache.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.cache.Strategy;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.InvalidationReport;
import dev.oddscache.vix.OddsTick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's library example is this code: it compiles here, runs here, and the README must
 * show it verbatim (between the EXAMPLE markers, indentation removed).
 */
class ReadmeLibraryExampleTest {
  private static final Path README = Path.of("..", "README.md");

  /** Stands in for an expensive model behind the cache. */
  static final class Model {
    final AtomicInteger calls = new AtomicInteger();

    Map<String, Double> predict(String key) {
      calls.incrementAndGet();
      return Map.of("home", 0.46, "draw", 0.27, "away", 0.27);
    }
  }

  @Test
  void exampleRuns() {
    Model model = new Model();
    // EXAMPLE-START
    OddsCache<Map<String, Double>> cache = OddsCache.<Map<String, Double>>builder()
        .config(OddsCacheConfig.custom().maxConcurrentLoads(32).build())
        .build();

    MatchContext clasico = MatchContext.builder("rma-fcb")
        .competition("La Liga")
        .name("El Clasico")
        .kickoff(Instant.now().plus(Duration.ofMinutes(45)))
        .markets("1x2", "over_under_25")
        .build();

    CacheResult<Map<String, Double>> result =
        cache.get("predict:rma-fcb:1x2", clasico, key -> model.predict(key));
    Map<String, Double> prediction = result.value();
    Strategy how = result.strategy();                // COMPUTE now, SERVE_FRESH next time
    List<String> why = result.decision().reasons();  // "zone GOLDEN base TTL 15s", ...

    // Live odds feed the volatility detector; a 10%+ jump makes the market PANIC at once.
    cache.vix().accept(new OddsTick("rma-fcb", "1x2", "home", 2.10, System.currentTimeMillis()));

    // A goal drops exactly the markets it moves and reports what it saved.
    InvalidationReport goal = cache.invalidate("rma-fcb", EventType.GOAL);
    // EXAMPLE-END

    assertThat(prediction).containsKey("home");
    assertThat(how).isEqualTo(Strategy.COMPUTE);
    assertThat(why).first().asString().startsWith("zone GOLDEN base TTL 15s");
    assertThat(goal.keysDeleted()).isEqualTo(1);
    assertThat(goal.marketsAffected()).containsExactlyInAnyOrder("1x2", "over_under_25");
    assertThat(cache.get("predict:rma-fcb:1x2", clasico, key -> model.predict(key)).strategy())
        .isEqualTo(Strategy.COMPUTE);
    assertThat(cache.get("predict:rma-fcb:1x2", clasico, key -> model.predict(key)).strategy())
        .isEqualTo(Strategy.SERVE_FRESH);
    assertThat(model.calls).hasValue(2);
  }

  @Test
  void readmeShowsThisExampleVerbatim() throws IOException {
    Path self = Path.of("src", "test", "java", "dev", "oddscache", "readme",
        "ReadmeLibraryExampleTest.java");
    String example = between(Files.readAllLines(self), "// EXAMPLE-START", "// EXAMPLE-END");

    assertThat(Files.readString(README)).contains(example);
  }

  private static String between(List<String> lines, String start, String end) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      String trimmed = lines.get(i).trim();
      if (trimmed.equals(start)) {
        from = i + 1;
      } else if (trimmed.equals(end)) {
        to = i;
      }
    }
    assertThat(from).as("example start marker").isPositive();
    assertThat(to).as("example end marker").isGreaterThan(from);
    int indent = lines.get(from).indexOf(lines.get(from).trim());
    return lines.subList(from, to).stream()
        .map(l -> l.length() >= indent ? l.substring(indent) : l.trim())
        .collect(Collectors.joining("\n"));
  }
}
