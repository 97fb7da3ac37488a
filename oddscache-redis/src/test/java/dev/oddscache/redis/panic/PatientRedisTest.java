package dev.oddscache.redis.panic;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One real redis-server per test class, a patient connector (timeouts are not what these tests
 * are about) and an admin connection; Redis is emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PatientRedisTest {
  RedisServerProcess server;
  RedisConnector redis;
  RedisAdmin admin;

  @BeforeAll
  void startRedis() {
    server = RedisServerProcess.start();
    redis = TestRedis.patient(server.uri());
    admin = new RedisAdmin(server.uri());
  }

  @AfterAll
  void stopRedis() {
    try {
      admin.close();
      redis.close();
    } finally {
      server.stop();
    }
  }

  @BeforeEach
  void emptyRedis() {
    admin.sync().flushall();
  }
}
