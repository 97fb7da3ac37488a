package dev.oddscache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.CommandCounter;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.StoreException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one way scripts travel, checked on a server of its own (these tests empty its script
 * cache): by SHA with EVAL when the node answers NOSCRIPT, or whole every time.
 */
class LuaScriptTest {
  private static final String ECHO = "return ARGV[1]";

  private static RedisServerProcess server;
  private static RedisConnector redis;
  private static RawRedis raw;

  @BeforeAll
  static void start() {
    server = RedisServerProcess.start();
    redis = RedisConnector.open(SharedRedisServer.settings(server.uri()));
    raw = new RawRedis(server.uri());
  }

  @AfterAll
  static void stop() {
    try {
      raw.close();
      redis.close();
    } finally {
      server.close();
    }
  }

  @BeforeEach
  void forgetScripts() {
    raw.sync().scriptFlush();
  }

  private static byte[] run(LuaScript script, String arg) {
    return redis.await("test", script.submit(redis.async(), new String[] {"k"},
        arg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bySha_onANodeThatDoesNotKnowTheScript_evalsOnce_thenSendsOnlyTheSha() {
    LuaScript script = LuaScript.bySha(ECHO, ScriptOutputType.VALUE);
    try (CommandCounter counter = new CommandCounter(List.of(server.uri()))) {
      long failuresBefore = redis.failures();
      counter.reset();

      byte[] first = run(script, "a");
      byte[] second = run(script, "b");
      byte[] third = run(script, "c");

      assertThat(List.of(first, second, third))
          .extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("a", "b", "c");
      assertThat(counter.calls("evalsha")).isEqualTo(3);
      assertThat(counter.calls("eval")).isEqualTo(1);
      // NOSCRIPT is no failure of Redis: the connector's health does not move for it.
      assertThat(redis.failures()).isEqualTo(failuresBefore);
    }
    assertThat(raw.sync().scriptExists(script.sha())).containsExactly(true);
  }

  @Test
  void whole_sendsTheTextEveryTime() {
    LuaScript script = LuaScript.whole(ECHO, ScriptOutputType.VALUE);
    try (CommandCounter counter = new CommandCounter(List.of(server.uri()))) {
      counter.reset();

      run(script, "a");
      run(script, "b");

      assertThat(counter.calls("eval")).isEqualTo(2);
      assertThat(counter.calls("evalsha")).isZero();
    }
  }

  @Test
  void anErrorOtherThanNoscript_failsTheCall() {
    LuaScript script = LuaScript.bySha("return redis.call('INCR', KEYS[1])",
        ScriptOutputType.INTEGER);
    raw.sync().set("k", "not a number".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> redis.await("test", script.submit(redis.async(),
        new String[] {"k"}))).isInstanceOf(StoreException.class)
        .hasMessageContaining("not an integer");
  }

  @Test
  void resource_dropsLineComments_keepsTheCode() {
    String panic = LuaScript.resource(dev.oddscache.redis.panic.RedisPanicClock.class,
        "panic.lua");

    assertThat(panic).doesNotContain("--").contains("redis.call('SET', KEYS[1]");
    assertThatThrownBy(() -> LuaScript.resource(LuaScriptTest.class, "missing.lua"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing.lua");
  }
}
