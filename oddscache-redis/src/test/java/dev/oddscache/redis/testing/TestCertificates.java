package dev.oddscache.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway private CA, a server certificate it signs for 127.0.0.1 and localhost, and a client
 * certificate it signs for mutual TLS, made with the {@code openssl} command line in a directory
 * of the test's: nothing is committed that could expire or leak. P-256 keys: quick to generate,
 * and accepted by the JDK and Redis alike; OpenSSL 3 writes them in PKCS#8 ({@code BEGIN PRIVATE
 * KEY}), the form oddscache's client key must take.
 *
 * @param ca the CA certificate (PEM), what clients must trust
 * @param serverCertificate the server's certificate (PEM), signed by the CA
 * @param serverKey the server's private key (PEM)
 * @param clientCertificate a client certificate (PEM, extendedKeyUsage clientAuth only), signed
 *     by the CA: what a server demanding client certificates accepts
 * @param clientKey the client certificate's private key (PEM, unencrypted PKCS#8)
 */
public record TestCertificates(Path ca, Path serverCertificate, Path serverKey,
    Path clientCertificate, Path clientKey) {
  public static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final long COMMAND_TIMEOUT_SECONDS = 30;
  private static final String CURVE = "ec_paramgen_curve:prime256v1";

  /**
   * Generates the CA, the server and the client certificate into {@code dir}; another directory
   * gives another CA, whose certificates the first one's servers and clients do not trust.
   */
  public static TestCertificates create(Path dir) {
    Path caKey = dir.resolve("ca.key");
    Path ca = dir.resolve("ca.pem");
    openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", CURVE, "-nodes",
        "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "2",
        "-subj", "/CN=oddscache test CA");
    // Hostname verification is on by default in Lettuce, so the names clients use are here.
    // clientAuth too: on the TLS cluster bus, nodes always demand each other's certificate
    // (tls-auth-clients does not apply there), and each presents this one.
    Path server = issue(dir, ca, caKey, "server", "/CN=localhost",
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
            + "extendedKeyUsage=serverAuth,clientAuth\n");
    // clientAuth only, as a CA would issue a certificate for a client and nothing else.
    Path client = issue(dir, ca, caKey, "client", "/CN=oddscache test client",
        "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
    return new TestCertificates(ca, server, dir.resolve("server.key"), client,
        dir.resolve("client.key"));
  }

  /** A key ({@code name.key}) and a certificate ({@code name.pem}) that the CA signs. */
  private static Path issue(Path dir, Path ca, Path caKey, String name, String subject,
      String extensions) {
    Path key = dir.resolve(name + ".key");
    Path request = dir.resolve(name + ".csr");
    Path certificate = dir.resolve(name + ".pem");
    Path extensionFile = dir.resolve(name + ".ext");
    try {
      Files.writeString(extensionFile, extensions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(dir, "req", "-newkey", "ec", "-pkeyopt", CURVE, "-nodes",
        "-keyout", key.toString(), "-out", request.toString(), "-subj", subject);
    openssl(dir, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(),
        "-CAkey", caKey.toString(), "-CAcreateserial", "-out", certificate.toString(),
        "-days", "2", "-extfile", extensionFile.toString());
    return certificate;
  }

  /** The redis-server arguments that serve this certificate; clients are not asked for one. */
  public List<String> redisServerArgs() {
    return redisServerArgs("no");
  }

  /**
   * As {@link #redisServerArgs()}, but every client must present a certificate signed by the CA,
   * such as {@link #clientCertificate()}: Redis's own default ({@code tls-auth-clients yes}).
   */
  public List<String> redisServerArgsDemandingClientCertificates() {
    return redisServerArgs("yes");
  }

  private List<String> redisServerArgs(String authClients) {
    return List.of("--tls-cert-file", serverCertificate.toString(),
        "--tls-key-file", serverKey.toString(), "--tls-ca-cert-file", ca.toString(),
        "--tls-auth-clients", authClients);
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).start();
      // Nothing to type: a prompt would read end of input and fail instead of hanging.
      p.getOutputStream().close();
      // Read before waiting: a full pipe would block openssl.
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within "
            + COMMAND_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(command + " exited with " + p.exitValue() + ":\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
