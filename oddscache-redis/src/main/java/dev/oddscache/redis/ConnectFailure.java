package dev.oddscache.redis;

import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** The server's settings of the client certificate, for messages that say what to set. */
  private static final String CLIENT_SETTINGS = TlsClientCertificate.CERTIFICATE_FIELD + " and "
      + TlsClientCertificate.KEY_FIELD + " (server: redis.tlsClientCert and redis.tlsClientKey,"
      + " or --redis-tls-client-cert and --redis-tls-client-key)";
  /**
   * The TLS alerts a server sends about the certificate a client presented (RFC 8446 6.2), and
   * what each means here; the JDK reports them as "Received fatal alert: NAME".
   */
  private static final Map<String, String> REFUSALS = Map.of(
      "unknown_ca", "it is not signed by a CA the server trusts (Redis: tls-ca-cert-file)",
      "certificate_expired", "it has expired or is not valid yet",
      "unsupported_certificate", "its purpose does not allow client authentication",
      "certificate_revoked", "it was revoked",
      "bad_certificate", "the server could not verify it",
      "certificate_unknown", "the server could not verify it",
      "access_denied", "the server denies it access");

  static String describe(Throwable error, Optional<Path> caCertificate,
      Optional<Path> clientCertificate) {
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
      // The JDK leaves a certificate out when the server lists the CAs it accepts and the
      // certificate's issuer is not among them (Redis 7.0 lists none, so there it is sent).
      return clientCertificate.map(c -> "TLS: the server demands a client certificate and did"
              + " not get the one in " + TlsClientCertificate.CERTIFICATE_FIELD + " '" + c
              + "': the client leaves it out when the server lists the CAs it accepts and the"
              + " certificate's issuer is not among them")
          .orElse("TLS: the server demands a client certificate (Redis's default, tls-auth-clients"
              + " yes); set " + CLIENT_SETTINGS + " to a certificate signed by a CA the server"
              + " trusts and its key, or set tls-auth-clients to optional or no on the server")
          + " (" + chain + ")";
    }
    if (clientCertificate.isPresent()) {
      for (Map.Entry<String, String> refusal : REFUSALS.entrySet()) {
        if (chain.contains("alert: " + refusal.getKey())) {
          return "TLS: the server refused the client certificate in "
              + TlsClientCertificate.CERTIFICATE_FIELD + " '" + clientCertificate.get() + "': "
              + refusal.getValue() + " (" + chain + ")";
        }
      }
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
