package dev.oddscache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.cache.Freshness;
import dev.oddscache.redis.testing.JdkCaCertificate;
import dev.oddscache.redis.testing.KeytoolCertificate;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}: the config file applies, and command-line flags override it. */
class ServeCommandTest {

  private static ServerSettings settings(String... args) {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  @Test
  void flagsOverrideTheConfigFile(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("oddscache.yml");
    Files.writeString(config, """
        server:
          port: 9191
          upstream: "http://127.0.0.1:9000"
        cache:
          maxConcurrentLoads: 12
        breaker:
          openCircuit: 0.9
        """);

    ServerSettings fromFile = settings("--config", config.toString());
    ServerSettings overridden = settings("--config", config.toString(), "--port", "0",
        "--upstream", "http://127.0.0.1:7000");

    assertThat(fromFile.network().port()).isEqualTo(9191);
    assertThat(fromFile.proxy().upstream()).hasToString("http://127.0.0.1:9000");
    assertThat(fromFile.policy().cache().maxConcurrentLoads()).isEqualTo(12);
    assertThat(fromFile.policy().breaker().openCircuit()).isEqualTo(0.9);
    assertThat(overridden.network().port()).isZero();
    assertThat(overridden.proxy().upstream()).hasToString("http://127.0.0.1:7000");
    assertThat(overridden.policy().cache().maxConcurrentLoads()).isEqualTo(12);
  }

  @Test
  void badConfigOrFlagsAreUsageErrorsNamingThem(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yml");
    Files.writeString(config, "breaker:\n  openCircuit: 1.5\n");
    CliRun badFile = CliRun.of("serve", "--config", config.toString());
    CliRun badUpstream = CliRun.of("serve", "--upstream", "ftp://example");
    CliRun badPort = CliRun.of("serve", "--port", "70000");

    assertThat(badFile.exitCode()).isEqualTo(2);
    assertThat(badFile.err()).contains("breaker.openCircuit").contains("1.5");
    assertThat(badUpstream.exitCode()).isEqualTo(2);
    assertThat(badUpstream.err()).contains("upstream").contains("ftp://example");
    assertThat(badPort.exitCode()).isEqualTo(2);
    assertThat(badPort.err()).contains("port").contains("70000");
  }

  @Test
  void freshness_fromTheFileOrTheFlag_theFlagWinsAndKeepsTheFilesOtherCacheSettings(
      @TempDir Path dir) throws Exception {
    Path config = dir.resolve("oddscache.yml");
    Files.writeString(config, """
        cache:
          freshness: ttl
          maxConcurrentLoads: 12
        """);

    ServerSettings fromFile = settings("--config", config.toString());
    ServerSettings overridden = settings("--config", config.toString(), "--freshness", "drift");
    ServerSettings flagOnly = settings("--freshness", "TTL");
    CliRun bad = CliRun.of("serve", "--freshness", "sometimes");

    assertThat(fromFile.policy().cache().freshness()).isEqualTo(Freshness.TTL);
    assertThat(overridden.policy().cache().freshness()).isEqualTo(Freshness.DRIFT);
    assertThat(overridden.policy().cache().maxConcurrentLoads()).isEqualTo(12);
    assertThat(flagOnly.policy().cache().freshness()).isEqualTo(Freshness.TTL);
    assertThat(settings().policy().cache().freshness()).isEqualTo(Freshness.DRIFT);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--freshness must be 'drift' or 'ttl', got 'sometimes'");
  }

  @Test
  void redisTlsCaCert_fromTheFileOrTheFlag_theFlagWins(@TempDir Path dir) throws Exception {
    Path fileCa = JdkCaCertificate.writePem(dir);
    Path flagCa = JdkCaCertificate.writePem(dir);
    Path config = dir.resolve("oddscache.yml");
    Files.writeString(config, """
        redis:
          uri: "rediss://cache.internal:6380"
          tlsCaCert: "%s"
        """.formatted(fileCa));

    ServerSettings fromFile = settings("--config", config.toString());
    ServerSettings fromFlag = settings("--config", config.toString(),
        "--redis-tls-ca-cert", flagCa.toString());
    ServerSettings flagsOnly = settings("--redis", "rediss://cache.internal:6380",
        "--redis-tls-ca-cert", flagCa.toString());

    assertThat(fromFile.store().redisSettings().tlsCaCertificate()).contains(fileCa);
    assertThat(fromFlag.store().redisSettings().tlsCaCertificate()).contains(flagCa);
    assertThat(flagsOnly.store().redisSettings().tlsCaCertificate()).contains(flagCa);
    assertThat(settings("--redis", "rediss://cache.internal:6380").store().redisTlsCaCert())
        .isNull();
  }

  @Test
  void redisTlsClientCert_fromTheFileOrTheFlags_theFlagsWin(@TempDir Path dir) throws Exception {
    KeytoolCertificate fileClient = KeytoolCertificate.create(dir, "file", "EC", "clientAuth");
    KeytoolCertificate flagClient = KeytoolCertificate.create(dir, "flag", "EC", "clientAuth");
    Path config = dir.resolve("oddscache.yml");
    Files.writeString(config, """
        redis:
          uri: "rediss://cache.internal:6380"
          tlsClientCert: "%s"
          tlsClientKey: "%s"
        """.formatted(fileClient.certificate(), fileClient.key()));
    String[] flags = {"--redis-tls-client-cert", flagClient.certificate().toString(),
        "--redis-tls-client-key", flagClient.key().toString()};

    ServerSettings fromFile = settings("--config", config.toString());
    ServerSettings fromFlags = settings(concat(new String[] {"--config", config.toString()},
        flags));
    ServerSettings flagsOnly = settings(concat(new String[] {"--redis",
        "rediss://cache.internal:6380"}, flags));

    assertThat(fromFile.store().redisSettings().tlsClientCertificate())
        .contains(fileClient.certificate());
    assertThat(fromFile.store().redisSettings().tlsClientKey()).contains(fileClient.key());
    assertThat(fromFlags.store().redisSettings().tlsClientCertificate())
        .contains(flagClient.certificate());
    assertThat(fromFlags.store().redisSettings().tlsClientKey()).contains(flagClient.key());
    assertThat(flagsOnly.store().redisSettings().tlsClientKey()).contains(flagClient.key());
    assertThat(settings("--redis", "rediss://cache.internal:6380").store().redisSettings()
        .tlsClientCertificate()).isEmpty();
  }

  @Test
  void badRedisTlsClientCert_isAUsageErrorNamingTheFlagAndPath(@TempDir Path dir)
      throws Exception {
    KeytoolCertificate client = KeytoolCertificate.create(dir, "client", "EC", "clientAuth");
    String cert = client.certificate().toString();
    String key = client.key().toString();
    Path rsaKey = Files.writeString(dir.resolve("rsa.key"),
        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    CliRun missing = CliRun.of("serve", "--redis", "rediss://127.0.0.1:6380",
        "--redis-tls-client-cert", "/nonexistent/client.pem", "--redis-tls-client-key", key);
    CliRun notPkcs8 = CliRun.of("serve", "--redis", "rediss://127.0.0.1:6380",
        "--redis-tls-client-cert", cert, "--redis-tls-client-key", rsaKey.toString());
    CliRun certOnly = CliRun.of("serve", "--redis", "rediss://127.0.0.1:6380",
        "--redis-tls-client-cert", cert);
    CliRun keyOnly = CliRun.of("serve", "--redis", "rediss://127.0.0.1:6380",
        "--redis-tls-client-key", key);
    CliRun plainUri = CliRun.of("serve", "--redis", "redis://127.0.0.1:6379",
        "--redis-tls-client-cert", cert, "--redis-tls-client-key", key);
    CliRun noUri = CliRun.of("serve", "--redis-tls-client-cert", cert,
        "--redis-tls-client-key", key);

    assertThat(List.of(missing, notPkcs8, certOnly, keyOnly, plainUri, noUri))
        .allSatisfy(run -> assertThat(run.exitCode()).as(run.err()).isEqualTo(2));
    assertThat(missing.err()).contains("--redis-tls-client-cert must be a readable PEM file of"
        + " the client certificate (and its chain), got '/nonexistent/client.pem': no such file");
    assertThat(notPkcs8.err()).contains("--redis-tls-client-key must be a readable PEM file of an"
        + " unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----), got '" + rsaKey
        + "': the key is not in PKCS#8 (-----BEGIN RSA PRIVATE KEY-----); convert it with:"
        + " openssl pkcs8 -topk8 -nocrypt -in " + rsaKey + " -out " + rsaKey + ".pk8");
    assertThat(certOnly.err()).contains("--redis-tls-client-cert '" + cert + "' needs"
        + " --redis-tls-client-key too");
    assertThat(keyOnly.err()).contains("--redis-tls-client-key '" + key + "' needs"
        + " --redis-tls-client-cert too");
    assertThat(plainUri.err()).contains("--redis-tls-client-cert is set ('" + cert + "',"
        + " --redis-tls-client-key '" + key + "') but the uri 'redis://127.0.0.1:6379' does not"
        + " use TLS");
    assertThat(noUri.err()).contains("--redis-tls-client-cert '" + cert + "' needs a rediss://"
        + " Redis URI");
  }

  @Test
  void badRedisTlsCaCert_isAUsageErrorNamingTheFlagAndPath(@TempDir Path dir) {
    Path ca = JdkCaCertificate.writePem(dir);
    CliRun missing = CliRun.of("serve", "--redis", "rediss://127.0.0.1:6380",
        "--redis-tls-ca-cert", "/nonexistent/ca.pem");
    CliRun plainUri = CliRun.of("serve", "--redis", "redis://127.0.0.1:6379",
        "--redis-tls-ca-cert", ca.toString());
    CliRun noUri = CliRun.of("serve", "--redis-tls-ca-cert", ca.toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--redis-tls-ca-cert must be a readable PEM file of CA"
        + " certificates, got '/nonexistent/ca.pem': no such file");
    assertThat(plainUri.exitCode()).isEqualTo(2);
    assertThat(plainUri.err()).contains("--redis-tls-ca-cert is set ('" + ca + "') but the uri"
        + " 'redis://127.0.0.1:6379' does not use TLS");
    assertThat(noUri.exitCode()).isEqualTo(2);
    assertThat(noUri.err()).contains("--redis-tls-ca-cert '" + ca + "' needs a rediss:// Redis"
        + " URI");
  }

  private static String[] concat(String[] first, String[] second) {
    return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
  }
}
