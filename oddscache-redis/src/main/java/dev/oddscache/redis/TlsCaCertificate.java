package dev.oddscache.redis;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * Checks a CA certificate file when it is configured, not when the first TLS handshake reads it:
 * the connector never fails on a connect problem (it falls back and retries), so a typo in the
 * path would otherwise show up only as a warning repeated every second.
 */
final class TlsCaCertificate {
  static final String FIELD = "tlsCaCertificate";
  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

  private TlsCaCertificate() {}

  /**
   * @return {@code file}
   * @throws IllegalArgumentException naming the field and the path when the file is missing,
   *     unreadable, or holds no PEM certificate
   */
  static Path check(Path file) {
    PemFile pem = PemFile.read(FIELD, "a readable PEM file of CA certificates", file);
    // Lettuce hands the file to Netty's PEM reader, which takes only PEM certificates: a DER
    // certificate that the JDK would parse still fails there, so the marker is required.
    if (!pem.contains(PEM_BEGIN)) {
      throw pem.invalid("holds no PEM certificate (" + PEM_BEGIN + ")");
    }
    try {
      if (CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(pem.text().getBytes(StandardCharsets.ISO_8859_1))).isEmpty()) {
        throw pem.invalid("holds no certificate");
      }
    } catch (CertificateException e) {
      throw pem.invalid("not a valid X.509 certificate (" + e.getMessage() + ")");
    }
    return file;
  }
}
