package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.ManualTicker;
import dev.oddscache.testing.LogCapture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.KeyValuePair;

/** One log line per transition, at a level chosen by the mode entered, with key-values. */
class BreakerLoggingTest {
  private final ManualTicker ticker = new ManualTicker();
  private final PanicBreaker breaker = PanicBreaker.of(Traffic.oneSecondWindow(), ticker);

  @RegisterExtension
  final LogCapture logs = LogCapture.of(PanicBreaker.class);

  @Test
  void transitions_loggedAtErrorWarnInfoWithKeyValues() {
    Traffic.percent(breaker, ticker, 90);
    Traffic.percent(breaker, ticker, 10);

    List<ILoggingEvent> lines = logs.events();
    assertThat(lines).extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.WARN, Level.ERROR, Level.WARN, Level.INFO);

    assertThat(keyValues(lines.get(1))).containsExactly(
        Map.entry("from", "HIGH_VOLATILITY"),
        Map.entry("to", "CIRCUIT_OPEN"),
        Map.entry("panicRatio", "0.9"),
        Map.entry("windowFill", "1.0"),
        Map.entry("samples", "100"),
        Map.entry("trigger", "sustained_panic"));
    assertThat(keyValues(lines.get(3)))
        .containsEntry("from", "HIGH_VOLATILITY")
        .containsEntry("to", "NORMAL")
        .containsEntry("panicRatio", "0.1")
        .containsEntry("trigger", "recovery");
  }

  @Test
  void evaluationsWithoutTransition_logNothing() {
    for (int i = 0; i < 5; i++) {
      Traffic.percent(breaker, ticker, 10);
    }

    assertThat(logs.events()).isEmpty();
  }

  private static Map<String, String> keyValues(ILoggingEvent event) {
    Map<String, String> map = new LinkedHashMap<>();
    for (KeyValuePair kv : event.getKeyValuePairs()) {
      map.put(kv.key, String.valueOf(kv.value));
    }
    return map;
  }
}
