package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.oddscache.redis.testing.JdkCaCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private-CA setting is checked when it is configured, with errors naming the field and the
 * path; and a failed TLS connect is explained in words an operator can act on. No Redis needed:
 * {@link TlsRedisTest} covers the real handshakes.
 */
class RedisTlsSettingsTest {
  private static final String FIELD_ERROR = "tlsCaCertificate must be a readable PEM file of CA"
      + " certificates, got '";

  @TempDir Path dir;

  private static RedisSettings.Builder tls() {
    return RedisSettings.custom().uri("rediss://cache:6380");
  }

  @Test
  void aPemCertificate_isKept_forEveryTlsScheme() {
    Path ca = pemCertificate();

    for (String uri : new String[] {"rediss://cache:6380", "rediss-sentinel://s1:26379#mymaster",
        "rediss-cluster://a:7000,b:7001"}) {
      RedisSettings settings = RedisSettings.custom().uri(uri).tlsCaCertificate(ca).build();
      assertThat(settings.tlsCaCertificate()).as(uri).contains(ca);
      assertThat(settings.toString()).contains("tlsCaCertificate=" + ca);
    }
    assertThat(tls().build().tlsCaCertificate()).isEmpty();
  }

  @Test
  void missingDirectoryOrNull_isRejectedNamingFieldAndPath() {
    Path missing = dir.resolve("nope.pem");

    assertThatThrownBy(() -> tls().tlsCaCertificate(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(FIELD_ERROR + missing + "': no such file");
    assertThatThrownBy(() -> tls().tlsCaCertificate(dir))
        .hasMessage(FIELD_ERROR + dir + "': not a regular file");
    assertThatThrownBy(() -> tls().tlsCaCertificate(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tlsCaCertificate must be a path to a PEM file, got null");
  }

  @Test
  void notAPemCertificate_isRejected() throws Exception {
    Path key = Files.writeString(dir.resolve("ca.key"),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    Path broken = Files.writeString(dir.resolve("broken.pem"),
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> tls().tlsCaCertificate(key))
        .hasMessage(
            FIELD_ERROR + key + "': holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    assertThatThrownBy(() -> tls().tlsCaCertificate(broken))
        .hasMessageStartingWith(FIELD_ERROR + broken + "': not a valid X.509 certificate");
  }

  @Test
  void unreadableFile_isRejected() throws Exception {
    Path locked = pemCertificate();
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeThat(Files.isReadable(locked)).as("running as a user who can read anything").isFalse();

    assertThatThrownBy(() -> tls().tlsCaCertificate(locked))
        .hasMessage(FIELD_ERROR + locked + "': not readable by this process");
  }

  @Test
  void aCaForAUriWithoutTls_isRejected_passwordMasked() {
    Path ca = pemCertificate();

    assertThatThrownBy(() -> RedisSettings.custom().uri("redis://user:hunter2@cache:6379")
            .tlsCaCertificate(ca).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tlsCaCertificate is set ('" + ca + "') but the uri"
            + " 'redis://user:***@cache:6379' does not use TLS: use rediss://, rediss-sentinel://"
            + " or rediss-cluster://");
    assertThatThrownBy(() -> RedisSettings.custom().uri("redis-cluster://a:7000")
        .tlsCaCertificate(ca).build()).hasMessageContaining("does not use TLS");
  }

  @Test
  void untrustedCertificate_isExplained_withWhatToSet() {
    Exception connect = new RuntimeException("Unable to connect to cache:6380",
        handshake("PKIX path building failed", new CertPathBuilderException(
            "unable to find valid certification path to requested target")));

    assertThat(ConnectFailure.describe(connect, Optional.empty(), Optional.empty()))
        .startsWith("TLS: the server's certificate is not trusted; set tlsCaCertificate")
        .contains("Unable to connect to cache:6380: PKIX path building failed: unable to find");
    assertThat(ConnectFailure.describe(connect, Optional.of(Path.of("/etc/redis/ca.pem")),
        Optional.empty()))
        .startsWith("TLS: the server's certificate is not trusted; it is not signed by a CA in"
            + " tlsCaCertificate '/etc/redis/ca.pem'");
  }

  @Test
  void certificateForAnotherHost_clientCertificateDemanded_andOtherFailures_areExplained() {
    Exception wrongHost = new RuntimeException("Unable to connect to cache:6380",
        handshake("No subject alternative DNS name matching cache found.",
            new CertificateException("No subject alternative DNS name matching cache found.")));
    Exception refused = new RuntimeException("Unable to connect to cache:6380",
        new java.net.ConnectException("Connection refused"));
    Exception clientCertificate = new RuntimeException("Unable to connect to cache:6380",
        handshake("Received fatal alert: certificate_required", null));

    assertThat(ConnectFailure.describe(wrongHost, Optional.empty(), Optional.empty()))
        .startsWith("TLS: the server's certificate does not name the host of the URI");
    assertThat(ConnectFailure.describe(clientCertificate, Optional.empty(), Optional.empty()))
        .startsWith("TLS: the server demands a client certificate (Redis's default,"
            + " tls-auth-clients yes); set tlsClientCertificate and tlsClientKey");
    assertThat(ConnectFailure.describe(refused, Optional.empty(), Optional.empty()))
        .isEqualTo("Unable to connect to cache:6380: Connection refused");
  }

  private static SSLHandshakeException handshake(String message, Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException(message);
    e.initCause(cause);
    return e;
  }

  private Path pemCertificate() {
    return JdkCaCertificate.writePem(dir);
  }
}
