package dev.oddscache.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;

/**
 * A real CA certificate as a PEM file, for tests of settings that only need a valid file: the
 * first certificate of the JDK's own trust store, so no tool (openssl) has to be installed.
 */
public final class JdkCaCertificate {
  private JdkCaCertificate() {}

  /** Writes the certificate to a new {@code .pem} file in {@code dir}. */
  public static Path writePem(Path dir) {
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    try (InputStream in = Files.newInputStream(cacerts)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(in, null);
      Certificate certificate = null;
      for (String alias : Collections.list(trusted.aliases())) {
        if (trusted.isCertificateEntry(alias)) {
          certificate = trusted.getCertificate(alias);
          break;
        }
      }
      if (certificate == null) {
        throw new IllegalStateException(cacerts + " holds no certificate");
      }
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      return Files.writeString(Files.createTempFile(dir, "ca-", ".pem"), pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + cacerts, e);
    }
  }
}
