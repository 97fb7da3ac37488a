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
 * A throwaway private CA and a server certificate it signs for 127.0.0.1 and localhost, made
 * with the {@code openssl} command line in a directory of the test's: nothing is committed that
 * could expire or leak. P-256 keys: quick to generate, and accepted by the JDK and Redis alike.
 *
 * @param ca the CA certificate (PEM), what clients must trust
 * @param serverCertificate the server's certificate (PEM), signed by the CA
 * @param serverKey the server's private key (PEM)
 */
public record TestCertificates(Path ca, Path serverCertificate, Path serverKey) {
  public static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final long COMMAND_TIMEOUT_SECONDS = 30;

  /** Generates the CA and the server certificate into {@code dir}. */
  public static TestCertificates create(Path dir) {
    Path caKey = dir.resolve("ca.key");
    Path ca = dir.resolve("ca.pem");
    Path serverKey = dir.resolve("server.key");
    Path request = dir.resolve("server.csr");
    Path server = dir.resolve("server.pem");
    Path extensions = dir.resolve("server.ext");
    try {
      // Hostname verification is on by default in Lettuce, so the names clients use are here.
      // clientAuth too: on the TLS cluster bus, nodes always demand each other's certificate
      // (tls-auth-clients does not apply there), and each presents this one.
      Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
          + "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String ec = "ec";
    String curve = "ec_paramgen_curve:prime256v1";
    openssl(dir, "req", "-x509", "-newkey", ec, "-pkeyopt", curve, "-nodes",
        "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "2",
        "-subj", "/CN=oddscache test CA");
    openssl(dir, "req", "-newkey", ec, "-pkeyopt", curve, "-nodes",
        "-keyout", serverKey.toString(), "-out", request.toString(), "-subj", "/CN=localhost");
    openssl(dir, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(),
        "-CAkey", caKey.toString(), "-CAcreateserial", "-out", server.toString(), "-days", "2",
        "-extfile", extensions.toString());
    return new TestCertificates(ca, server, serverKey);
  }

  /** The redis-server arguments that serve this certificate; clients are not asked for one. */
  public List<String> redisServerArgs() {
    return redisServerArgs("no");
  }

  /**
   * As {@link #redisServerArgs()}, but every client must present a certificate signed by the CA:
   * Redis's own default ({@code tls-auth-clients yes}).
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
