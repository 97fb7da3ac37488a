package dev.oddscache.redis;

import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a connection attempt failed, in words an operator can act on. Lettuce's own message names
 * only the address ("Unable to connect to ..."); the reason, such as an untrusted certificate,
 * is buried in its causes, and a fail-safe connector that just logs that first line leaves a TLS
 * misconfiguration looking like an outage.
 */
final class ConnectFailure {
  private ConnectFailure() {}

  static String describe(Throwable error, Optional<Path> caCertificate) {
    String chain = chain(error);
    if (!hasCause(error, SSLException.class)) {
      return chain;
    }
    if (hasCause(error, CertPathBuilderException.class)
        || hasCause(error, CertPathValidatorException.class)) {
      return "TLS: the server's certificate is not trusted; " + caCertificate
          .map(ca -> "it is not signed by a CA in " + TlsCaCertificate.FIELD + " '" + ca + "'")
          .orElse("set " + TlsCaCertificate.FIELD + " (server: redis.tlsCaCert or"
              + " --redis-tls-ca-cert) to the PEM file of the CA that signed it")
          + " (" + chain + ")";
    }
    // The JDK's words for a certificate that does not list the host (by IP, DNS name or CN).
    if (chain.contains("No subject alternative") || chain.contains("No name matching")) {
      return "TLS: the server's certificate does not name the host of the URI; connect by a name"
          + " or IP address it lists (" + chain + ")";
    }
    // TLS 1.3's alert when the server wants a client certificate, which Redis does by default.
    if (chain.contains("certificate_required")) {
      return "TLS: the server demands a client certificate, which oddscache does not send; set"
          + " tls-auth-clients to no or optional on the Redis server (" + chain + ")";
    }
    return "TLS handshake failed (" + chain + ")";
  }

  /** The messages of {@code error} and its causes, outermost first, repeats left out. */
  private static String chain(Throwable error) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = error; t != null && parts.size() < 8; t = t.getCause()) {
      String part = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (parts.stream().noneMatch(p -> p.contains(part))) {
        parts.add(part);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return String.join(": ", parts);
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
