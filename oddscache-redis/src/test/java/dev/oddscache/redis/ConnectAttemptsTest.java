package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectAttemptsTest {
  @Test
  void aLongOutageWithOneCause_warnsAtTheFirstAndThenAtPowersOfTwoOnly() {
    ConnectAttempts attempts = new ConnectAttempts();
    List<Integer> warned = new ArrayList<>();
    for (int attempt = 1; attempt <= 600; attempt++) {
      if (attempts.failed("connection refused")) {
        warned.add(attempt);
      }
    }
    // Ten minutes of one-second retries: 10 WARN lines instead of 600.
    assertThat(warned).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512);
  }

  @Test
  void aNewCause_warnsAtOnce() {
    ConnectAttempts attempts = new ConnectAttempts();
    attempts.failed("connection refused");
    attempts.failed("connection refused");
    assertThat(attempts.failed("connection refused")).isFalse();
    assertThat(attempts.failed("certificate not trusted")).isTrue();
    assertThat(attempts.failed("certificate not trusted")).isFalse();
  }

  @Test
  void aSuccess_reportsTheFailuresBeforeItAndStartsOver() {
    ConnectAttempts attempts = new ConnectAttempts();
    for (int i = 0; i < 5; i++) {
      attempts.failed("connection refused");
    }
    assertThat(attempts.succeeded()).isEqualTo(5);
    assertThat(attempts.consecutiveFailures()).isZero();
    assertThat(attempts.failed("connection refused")).isTrue();
  }
}
