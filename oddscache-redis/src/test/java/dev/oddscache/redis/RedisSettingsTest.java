package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.redis.testing.JdkCaCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings' builder, defaults and copies, like the core configs'. */
class RedisSettingsTest {
  @TempDir Path dir;

  @Test
  void ofDefaults_isALocalRedisWithEveryDefault_andTheSameAsAnEmptyBuilder() {
    RedisSettings defaults = RedisSettings.ofDefaults();

    assertThat(defaults.uri()).isEqualTo(RedisSettings.DEFAULT_URI)
        .isEqualTo("redis://localhost:6379");
    assertThat(defaults.prefix()).isEqualTo(RedisSettings.DEFAULT_PREFIX);
    assertThat(defaults.commandTimeout()).isEqualTo(RedisSettings.DEFAULT_COMMAND_TIMEOUT);
    assertThat(defaults.connectTimeout()).isEqualTo(RedisSettings.DEFAULT_CONNECT_TIMEOUT);
    assertThat(defaults.reconnectInterval()).isEqualTo(RedisSettings.DEFAULT_RECONNECT_INTERVAL);
    assertThat(defaults.tlsCaCertificate()).isEmpty();
    assertThat(defaults.tlsClientCertificate()).isEmpty();
    assertThat(RedisSettings.custom().build().toString()).isEqualTo(defaults.toString());
  }

  @Test
  void aBadUri_isRejectedWhenSet_namingIt() {
    RedisSettings.Builder builder = RedisSettings.custom();

    assertThatThrownBy(() -> builder.uri("http://nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://nope");
    assertThatThrownBy(() -> builder.uri(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("uri");
    assertThat(builder.build().uri()).isEqualTo(RedisSettings.DEFAULT_URI);
  }

  @Test
  void from_copiesEverySetting_withoutReadingTheFilesAgain() throws Exception {
    Path ca = JdkCaCertificate.writePem(dir);
    RedisSettings base = RedisSettings.custom().uri("rediss://cache:6380").prefix("svc")
        .commandTimeout(Duration.ofMillis(80)).connectTimeout(Duration.ofSeconds(3))
        .reconnectInterval(Duration.ofMillis(250)).tlsCaCertificate(ca).build();
    Files.delete(ca);

    RedisSettings copy = RedisSettings.from(base).build();
    RedisSettings changed = RedisSettings.from(base).prefix("other").build();

    assertThat(copy.uri()).isEqualTo("rediss://cache:6380");
    assertThat(copy.prefix()).isEqualTo("svc");
    assertThat(copy.commandTimeout()).isEqualTo(Duration.ofMillis(80));
    assertThat(copy.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.reconnectInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(copy.tlsCaCertificate()).contains(ca);
    assertThat(copy.toString()).isEqualTo(base.toString());
    assertThat(changed.prefix()).isEqualTo("other");
    assertThat(changed.tlsCaCertificate()).contains(ca);
    assertThat(base.prefix()).isEqualTo("svc");
  }
}
