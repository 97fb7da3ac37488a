package dev.oddscache.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its private key as PEM files (the key in unencrypted PKCS#8),
 * made with the JDK's own {@code keytool}, for tests of settings that need real files but no
 * server: nothing beyond the JDK has to be installed.
 *
 * @param certificate the certificate (PEM)
 * @param key its private key (PEM, {@code BEGIN PRIVATE KEY})
 */
public record KeytoolCertificate(Path certificate, Path key) {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final long TIMEOUT_SECONDS = 60;

  /**
   * @param keyAlgorithm keytool's {@code -keyalg}: EC (P-256), RSA or Ed25519
   * @param extendedKeyUsage keytool's {@code -ext EKU=} value, such as clientAuth
   */
  public static KeytoolCertificate create(Path dir, String name, String keyAlgorithm,
      String extendedKeyUsage) {
    Path store = dir.resolve(name + ".p12");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
        "-alias", name, "-keyalg", keyAlgorithm, "-dname", "CN=" + name, "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-ext", "EKU=" + extendedKeyUsage));
    if (keyAlgorithm.equals("EC")) {
      command.addAll(List.of("-groupname", "secp256r1"));
    }
    run(command);
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD);
      Key key = keys.getKey(name, PASSWORD);
      return new KeytoolCertificate(
          Files.writeString(dir.resolve(name + ".pem"),
              pem("CERTIFICATE", keys.getCertificate(name).getEncoded())),
          // A private key's encoded form is PKCS#8.
          Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + store, e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static void run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      // Read before waiting: a full pipe would block keytool.
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS
            + " s");
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
