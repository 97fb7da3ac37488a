package dev.oddscache.redis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    if (file == null) {
      throw new IllegalArgumentException(FIELD + " must be a path to a PEM file, got null");
    }
    if (!Files.exists(file)) {
      throw invalid(file, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw invalid(file, "not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw invalid(file, "not readable by this process");
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw invalid(file, "cannot be read (" + e.getMessage() + ")");
    }
    // Lettuce hands the file to Netty's PEM reader, which takes only PEM certificates: a DER
    // certificate that the JDK would parse still fails there, so the marker is required.
    if (!new String(content, StandardCharsets.US_ASCII).contains(PEM_BEGIN)) {
      throw invalid(file, "holds no PEM certificate (" + PEM_BEGIN + ")");
    }
    try {
      if (CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(content)).isEmpty()) {
        throw invalid(file, "holds no certificate");
      }
    } catch (CertificateException e) {
      throw invalid(file, "not a valid X.509 certificate (" + e.getMessage() + ")");
    }
    return file;
  }

  private static IllegalArgumentException invalid(Path file, String problem) {
    return new IllegalArgumentException(
        FIELD + " must be a readable PEM file of CA certificates, got '" + file + "': " + problem);
  }
}
