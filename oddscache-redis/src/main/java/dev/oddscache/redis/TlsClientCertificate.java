package dev.oddscache.redis;

import io.lettuce.core.SslOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the client certificate and key for mutual TLS when they are configured, for the same
 * reason as {@link TlsCaCertificate}: a connect failure only logs and retries, so a wrong file
 * must be refused while it is still a configuration error.
 *
 * <p>What passes is what the connection can load: Lettuce hands both files to Netty's JDK TLS,
 * which reads PEM certificates and only unencrypted PKCS#8 keys of RSA, EC or DSA (the other
 * formats need BouncyCastle, which is not on the classpath).
 */
final class TlsClientCertificate {
  static final String CERTIFICATE_FIELD = "tlsClientCertificate";
  static final String KEY_FIELD = "tlsClientKey";

  private static final String CERTIFICATE = "CERTIFICATE";
  private static final String PKCS8 = "PRIVATE KEY";
  /** What OpenSSL writes for PKCS#1 (RSA), SEC1 (EC) and DSA keys, encrypted or not. */
  private static final Pattern TRADITIONAL_KEY =
      Pattern.compile("-----BEGIN ((RSA|EC|DSA) PRIVATE KEY)-----");
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_PURPOSE = "2.5.29.37.0";
  private static final Map<String, String> PURPOSES = Map.of("1.3.6.1.5.5.7.3.1", "serverAuth",
      CLIENT_AUTH, "clientAuth", "1.3.6.1.5.5.7.3.3", "codeSigning",
      "1.3.6.1.5.5.7.3.4", "emailProtection");
  /** Netty tries these, in this order, and no others. */
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "DSA");

  private TlsClientCertificate() {}

  /**
   * @throws IllegalArgumentException naming the field and the path when either file is missing or
   *     unreadable, the certificate is no PEM certificate or not for client authentication, the key
   *     is not an unencrypted PKCS#8 key (with the command that converts it), or the key is not the
   *     certificate's
   */
  static void check(Path certificateChain, Path privateKey) {
    X509Certificate certificate = certificate(certificateChain);
    PrivateKey key = key(privateKey);
    if (!belongTogether(key, certificate.getPublicKey())) {
      throw new IllegalArgumentException(KEY_FIELD + " must be the private key of the certificate"
          + " in " + CERTIFICATE_FIELD + " '" + certificateChain + "', got '" + privateKey
          + "': it is the key of another certificate");
    }
    // The checks above mirror what Netty reads; loading both exactly as the connection will
    // turns any difference between the two into an error now rather than a retry loop later.
    try {
      SslOptions.builder().jdkSslProvider()
          .keyManager(certificateChain.toFile(), privateKey.toFile(), null)
          .build().createSslContextBuilder();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(CERTIFICATE_FIELD + " '" + certificateChain + "' and "
          + KEY_FIELD + " '" + privateKey + "' cannot be loaded for TLS: " + e.getMessage(), e);
    }
  }

  /** The first certificate of the file: the one the client presents, its chain after it. */
  private static X509Certificate certificate(Path file) {
    PemFile pem = PemFile.read(CERTIFICATE_FIELD,
        "a readable PEM file of the client certificate (and its chain)", file);
    List<byte[]> blocks = pem.blocks(CERTIFICATE);
    if (blocks.isEmpty()) {
      throw pem.invalid("holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
          + (pem.contains("PRIVATE KEY-----") ? "; it holds a private key: are the certificate"
              + " and the key swapped?" : ""));
    }
    X509Certificate leaf;
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      for (byte[] block : blocks.subList(1, blocks.size())) {
        x509.generateCertificate(new ByteArrayInputStream(block));
      }
      leaf = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(blocks.get(0)));
      List<String> purposes = leaf.getExtendedKeyUsage();
      // Redis (OpenSSL) answers such a certificate with "unsupported certificate", after the
      // handshake looked fine to the client: an error that is much clearer here.
      if (purposes != null && !purposes.contains(CLIENT_AUTH) && !purposes.contains(ANY_PURPOSE)) {
        throw pem.invalid("the certificate is not for client authentication (extendedKeyUsage: "
            + purposes.stream().map(p -> PURPOSES.getOrDefault(p, p))
                .collect(Collectors.joining(", "))
            + "), so servers refuse it; issue one with extendedKeyUsage clientAuth");
      }
    } catch (CertificateException e) {
      throw pem.invalid("not a valid X.509 certificate (" + e.getMessage() + ")");
    }
    return leaf;
  }

  private static PrivateKey key(Path file) {
    PemFile pem = PemFile.read(KEY_FIELD,
        "a readable PEM file of an unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----)",
        file);
    List<byte[]> blocks = pem.blocks(PKCS8);
    if (blocks.isEmpty()) {
      Matcher traditional = TRADITIONAL_KEY.matcher(pem.text());
      boolean isTraditional = traditional.find();
      if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
          || isTraditional && pem.contains("Proc-Type: 4,ENCRYPTED")) {
        throw pem.invalid("the key is encrypted, and oddscache takes no key password; decrypt it"
            + " to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out " + file
            + ".pk8 (it asks for the password), and protect that file by its permissions");
      }
      if (isTraditional) {
        throw pem.invalid("the key is not in PKCS#8 (-----BEGIN " + traditional.group(1)
            + "-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out "
            + file + ".pk8");
      }
      throw pem.invalid("holds no PEM private key (-----BEGIN PRIVATE KEY-----)"
          + (pem.contains("-----BEGIN CERTIFICATE-----") ? "; it holds a certificate: are the"
              + " certificate and the key swapped?" : ""));
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(blocks.get(0));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Not this algorithm: try the next, as Netty does.
      }
    }
    if (parses(spec, "EdDSA")) {
      throw pem.invalid("the key is an Ed25519 or Ed448 key, which the TLS client cannot load (it"
          + " takes RSA, EC and DSA keys); issue the certificate for an EC (P-256) or RSA key");
    }
    throw pem.invalid("not a valid PKCS#8 RSA, EC or DSA key");
  }

  private static boolean parses(PKCS8EncodedKeySpec spec, String algorithm) {
    try {
      KeyFactory.getInstance(algorithm).generatePrivate(spec);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Whether a signature made with {@code key} verifies with {@code certified}. */
  private static boolean belongTogether(PrivateKey key, PublicKey certified) {
    if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
      return false;
    }
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> "SHA256withDSA";
    };
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certified);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
