package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.redis.testing.KeytoolCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client certificate for mutual TLS is checked when it is configured, with errors naming the
 * field and the path, and saying how to fix a key in another format; a refused client certificate
 * is explained naming its file. No Redis needed: {@link MutualTlsRedisTest} covers the real
 * handshakes.
 */
class RedisTlsClientSettingsTest {
  private static final String URI = "rediss://cache:6380";
  private static final String CERTIFICATE_ERROR = "tlsClientCertificate must be a readable PEM"
      + " file of the client certificate (and its chain), got '";
  private static final String KEY_ERROR = "tlsClientKey must be a readable PEM file of an"
      + " unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----), got '";

  @TempDir static Path dir;
  private static KeytoolCertificate client;
  private static KeytoolCertificate rsaClient;
  private static KeytoolCertificate serverOnly;

  @BeforeAll
  static void makeCertificates() {
    client = KeytoolCertificate.create(dir, "client", "EC", "clientAuth");
    rsaClient = KeytoolCertificate.create(dir, "rsa-client", "RSA", "clientAuth");
    serverOnly = KeytoolCertificate.create(dir, "server-only", "EC", "serverAuth");
  }

  @Test
  void anEcOrRsaPkcs8KeyWithItsCertificate_isKept_forEveryTlsScheme() {
    for (String uri : new String[] {URI, "rediss-sentinel://s1:26379#mymaster",
        "rediss-cluster://a:7000,b:7001"}) {
      RedisSettings settings = RedisSettings.custom().uri(uri)
          .tlsClientCertificate(client.certificate(), client.key()).build();
      assertThat(settings.tlsClientCertificate()).as(uri).contains(client.certificate());
      assertThat(settings.tlsClientKey()).as(uri).contains(client.key());
      assertThat(settings.toString()).contains("tlsClientCertificate=" + client.certificate()
          + ", tlsClientKey=" + client.key());
    }
    assertThat(RedisSettings.custom().uri(URI).tlsClientCertificate(rsaClient.certificate(),
        rsaClient.key()).build().tlsClientKey()).contains(rsaClient.key());
    assertThat(RedisSettings.custom().uri(URI).build().tlsClientCertificate()).isEmpty();
    assertThat(RedisSettings.custom().uri(URI).build().tlsClientKey()).isEmpty();
  }

  @Test
  void missingFilesOrNull_areRejectedNamingFieldAndPath() {
    Path missing = dir.resolve("nope.pem");

    assertThatThrownBy(() -> settings(missing, client.key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(CERTIFICATE_ERROR + missing + "': no such file");
    assertThatThrownBy(() -> settings(client.certificate(), missing))
        .hasMessage(KEY_ERROR + missing + "': no such file");
    assertThatThrownBy(() -> settings(client.certificate(), dir))
        .hasMessage(KEY_ERROR + dir + "': not a regular file");
    assertThatThrownBy(() -> settings(null, client.key()))
        .hasMessage("tlsClientCertificate must be a path to a PEM file, got null");
    assertThatThrownBy(() -> settings(client.certificate(), null))
        .hasMessage("tlsClientKey must be a path to a PEM file, got null");
  }

  @Test
  void swappedFiles_areRejectedSayingSo() {
    assertThatThrownBy(() -> settings(client.key(), client.certificate()))
        .hasMessage(CERTIFICATE_ERROR + client.key() + "': holds no PEM certificate (-----BEGIN"
            + " CERTIFICATE-----); it holds a private key: are the certificate and the key"
            + " swapped?");
    assertThatThrownBy(() -> settings(client.certificate(), client.certificate()))
        .hasMessage(KEY_ERROR + client.certificate() + "': holds no PEM private key (-----BEGIN"
            + " PRIVATE KEY-----); it holds a certificate: are the certificate and the key"
            + " swapped?");
  }

  /** The JDK reads PKCS#8 only: OpenSSL's traditional formats get the command that converts. */
  @Test
  void pkcs1OrSec1Keys_areRejectedWithTheConvertCommand() throws Exception {
    for (String label : new String[] {"EC PRIVATE KEY", "RSA PRIVATE KEY"}) {
      Path key = Files.writeString(dir.resolve(label.replace(' ', '-') + ".key"),
          "-----BEGIN " + label + "-----\nAAAA\n-----END " + label + "-----\n");

      assertThatThrownBy(() -> settings(client.certificate(), key))
          .hasMessage(KEY_ERROR + key + "': the key is not in PKCS#8 (-----BEGIN " + label
              + "-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + key + " -out "
              + key + ".pk8");
    }
  }

  @Test
  void encryptedKeys_areRejected_noPasswordIsTaken() throws Exception {
    Path pkcs8 = Files.writeString(dir.resolve("encrypted.key"), "-----BEGIN ENCRYPTED PRIVATE"
        + " KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    Path traditional = Files.writeString(dir.resolve("encrypted-ec.key"), "-----BEGIN EC"
        + " PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n"
        + "-----END EC PRIVATE KEY-----\n");

    for (Path key : new Path[] {pkcs8, traditional}) {
      assertThatThrownBy(() -> settings(client.certificate(), key))
          .hasMessage(KEY_ERROR + key + "': the key is encrypted, and oddscache takes no key"
              + " password; decrypt it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + key
              + " -out " + key + ".pk8 (it asks for the password), and protect that file by its"
              + " permissions");
    }
  }

  @Test
  void anEd25519Key_isRejected_theTlsClientCannotLoadIt() {
    KeytoolCertificate ed = KeytoolCertificate.create(dir, "ed", "Ed25519", "clientAuth");

    assertThatThrownBy(() -> settings(ed.certificate(), ed.key()))
        .hasMessage(KEY_ERROR + ed.key() + "': the key is an Ed25519 or Ed448 key, which the TLS"
            + " client cannot load (it takes RSA, EC and DSA keys); issue the certificate for an"
            + " EC (P-256) or RSA key");
  }

  @Test
  void theKeyOfAnotherCertificate_isRejected() {
    assertThatThrownBy(() -> settings(client.certificate(), serverOnly.key()))
        .hasMessage("tlsClientKey must be the private key of the certificate in"
            + " tlsClientCertificate '" + client.certificate() + "', got '" + serverOnly.key()
            + "': it is the key of another certificate");
    assertThatThrownBy(() -> settings(client.certificate(), rsaClient.key()))
        .hasMessageContaining("it is the key of another certificate");
  }

  /** Redis answers such a certificate with an "unsupported certificate" alert. */
  @Test
  void aCertificateNotForClientAuthentication_isRejected() {
    assertThatThrownBy(() -> settings(serverOnly.certificate(), serverOnly.key()))
        .hasMessage(CERTIFICATE_ERROR + serverOnly.certificate() + "': the certificate is not for"
            + " client authentication (extendedKeyUsage: serverAuth), so servers refuse it; issue"
            + " one with extendedKeyUsage clientAuth");
  }

  @Test
  void aClientCertificateForAUriWithoutTls_isRejected_passwordMasked() {
    assertThatThrownBy(() -> RedisSettings.custom().uri("redis://user:hunter2@cache:6379")
            .tlsClientCertificate(client.certificate(), client.key()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tlsClientCertificate is set ('" + client.certificate() + "', tlsClientKey '"
            + client.key() + "') but the uri 'redis://user:***@cache:6379' does not use TLS: use"
            + " rediss://, rediss-sentinel:// or rediss-cluster://");
  }

  @Test
  void aRefusedClientCertificate_isExplainedNamingItsFile() {
    Optional<Path> presented = Optional.of(Path.of("/etc/oddscache/client.pem"));

    assertThat(ConnectFailure.describe(alert("unknown_ca"), Optional.empty(), presented))
        .startsWith("TLS: the server refused the client certificate in tlsClientCertificate"
            + " '/etc/oddscache/client.pem': it is not signed by a CA the server trusts");
    assertThat(ConnectFailure.describe(alert("certificate_expired"), Optional.empty(), presented))
        .contains("'/etc/oddscache/client.pem': it has expired or is not valid yet");
    assertThat(ConnectFailure.describe(alert("certificate_required"), Optional.empty(),
        presented)).startsWith("TLS: the server demands a client certificate and did not get the"
            + " one in tlsClientCertificate '/etc/oddscache/client.pem'");
    assertThat(ConnectFailure.describe(alert("unknown_ca"), Optional.empty(), Optional.empty()))
        .as("no client certificate: not a refusal of one").startsWith("TLS handshake failed");
  }

  private static RedisSettings settings(Path certificate, Path key) {
    return RedisSettings.custom().uri(URI).tlsClientCertificate(certificate, key).build();
  }

  private static Exception alert(String name) {
    return new RuntimeException("Unable to connect to cache:6380",
        new SSLHandshakeException("Received fatal alert: " + name));
  }
}
