package dev.oddscache.redis.panic;

import static dev.oddscache.panic.PanicClock.NO_PANIC;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starts written by other clients: as a string (a StringCodec connection, or redis-py with
 * decode_responses), as raw bytes, with whitespace, corrupt, or as a key of another type.
 */
class PanicStoredValuesTest extends PatientRedisTest {
  private static final long T0 = 1_767_225_600_000L;

  private final ManualTicker ticker = new ManualTicker();
  private RedisPanicClock clock;

  /** One for the class's single instance; each test still starts with no lines. */
  @RegisterExtension
  final LogCapture logs = LogCapture.of(RedisPanicClock.class);

  @BeforeEach
  void fresh() {
    admin.sync().flushall();
    clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
  }

  @Test
  void key_isPrefixedAndHashTaggedOnTheMatchId() {
    assertThat(clock.key("psg-om")).isEqualTo("oddscache:panic:{psg-om}");
    try (RedisConnector other = RedisConnector.open(
        RedisSettings.custom().uri(server.uri()).prefix("svc1").build())) {
      assertThat(new RedisPanicClock(other, PanicClockConfig.ofDefaults(), ticker).key("m"))
          .isEqualTo("svc1:panic:{m}");
    }
  }

  @Test
  void startWrittenAsAString_decodes() {
    admin.sync().set(clock.key("m1"), "1767225600000");

    assertThat(clock.panicStart("m1", T0 + 60_000)).isEqualTo(T0);
    assertThat(clock.observe("m2", Status.PANIC, T0)).isEqualTo(T0);
    ticker.advanceSeconds(2);
    assertThat(clock.observe("m1", Status.PANIC, T0 + 120_000)).isEqualTo(T0);
  }

  @Test
  void startWrittenAsBytes_decodes() {
    admin.setBytes(clock.key("m1"), "1767225600000".getBytes(StandardCharsets.US_ASCII));

    assertThat(clock.observe("m1", Status.PANIC, T0 + 60_000)).isEqualTo(T0);
    ticker.advanceSeconds(2);
    assertThat(clock.panicStart("m1", T0 + 120_000)).isEqualTo(T0);
  }

  @Test
  void ourStart_readsBackAsAPlainString() {
    clock.observe("m1", Status.PANIC, T0);

    assertThat(admin.sync().get(clock.key("m1"))).isEqualTo("1767225600000");
  }

  @Test
  void startWithWhitespace_decodesInJavaAndInTheScript() {
    admin.sync().set(clock.key("m1"), " 1767225600000\r\n");

    assertThat(clock.panicStart("m1", T0 + 60_000)).isEqualTo(T0);
    ticker.advanceSeconds(2);
    assertThat(clock.observe("m1", Status.PANIC, T0 + 120_000)).isEqualTo(T0);
    assertThat(warnings()).isZero();
  }

  @Test
  void corruptValue_isUnknown_warnedOnce_andReplacedByTheNextPanic() {
    admin.sync().set(clock.key("m1"), "yesterday");

    for (int i = 0; i < 5; i++) {
      ticker.advanceSeconds(2);
      assertThat(clock.panicStart("m1", T0)).isEqualTo(NO_PANIC);
    }
    assertThat(clock.observe("m1", Status.PANIC, T0 + 10_000)).isEqualTo(T0 + 10_000);

    assertThat(admin.sync().get(clock.key("m1"))).isEqualTo(Long.toString(T0 + 10_000));
    assertThat(admin.sync().pttl(clock.key("m1"))).isPositive();
    assertThat(warnings()).isEqualTo(1);
    assertThat(clock.inFallback()).isFalse();
  }

  @Test
  void corruptValueMetFirstByAPanic_isReplacedAndWarnedOnce() {
    admin.sync().set(clock.key("m1"), "12:00");

    assertThat(clock.observe("m1", Status.PANIC, T0)).isEqualTo(T0);

    assertThat(admin.sync().get(clock.key("m1"))).isEqualTo(Long.toString(T0));
    assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement().extracting(ILoggingEvent::getKeyValuePairs).asString()
        .contains("12:00");
  }

  @Test
  void keyOfAnotherType_isReplacedByTheNextPanic() {
    admin.sync().hset(clock.key("m1"), "field", "value");

    assertThat(clock.observe("m1", Status.PANIC, T0)).isEqualTo(T0);

    assertThat(admin.sync().type(clock.key("m1"))).isEqualTo("string");
    assertThat(clock.inFallback()).isFalse();
    assertThat(warnings()).isEqualTo(1);
  }

  private long warnings() {
    return logs.events().stream().filter(e -> e.getLevel() == Level.WARN).count();
  }
}
