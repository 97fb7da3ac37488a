package dev.oddscache.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * What the TLS tests need: a {@code redis-server} built with TLS, the one in the embedded-redis
 * jar that every Redis test starts (6.2, linked to the system's OpenSSL 3), and the {@code
 * openssl} command to make certificates. Where openssl is missing, or the server has no TLS, a
 * test is skipped with a message, except under {@code CI=true}: CI installs openssl (.ci/run), so
 * there it is a failure.
 */
public final class TlsRedis {
  public static final Path REDIS_SERVER = RedisServerProcess.embeddedBinary();

  private TlsRedis() {}

  /** Skips (or, in CI, fails) unless redis-server and openssl are installed. */
  public static void requireTools() {
    requireOrSkip(Files.isExecutable(REDIS_SERVER) && Files.isExecutable(TestCertificates.OPENSSL),
        "needs " + REDIS_SERVER + " and " + TestCertificates.OPENSSL
            + ": apt-get install openssl");
  }

  /**
   * Runs {@code start}; a server that refuses the TLS options skips (or, in CI, fails) the test,
   * any other startup failure is rethrown.
   */
  public static <T> T start(Supplier<T> start) {
    try {
      return start.get();
    } catch (IllegalStateException e) {
      requireOrSkip(!saysTlsIsUnsupported(e.getMessage()),
          REDIS_SERVER + " was built without TLS: " + e.getMessage());
      throw e;
    }
  }

  private static void requireOrSkip(boolean available, String why) {
    assertThat(available || !"true".equals(System.getenv("CI"))).as(why).isTrue();
    Assumptions.assumeTrue(available, "TLS Redis test skipped: " + why);
  }

  /**
   * A redis-server without TLS rejects the tls-* options as unknown or unsupported; any other
   * startup failure (a bad certificate, say) is a real one.
   */
  private static boolean saysTlsIsUnsupported(String output) {
    String text = output == null ? "" : output.toLowerCase(Locale.ROOT);
    return text.contains("tls") && (text.contains("bad directive") || text.contains("not supported")
        || text.contains("unsupported"));
  }
}
