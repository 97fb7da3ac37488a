package dev.oddscache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.http.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
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

    assertThat(fromFile.port()).isEqualTo(9191);
    assertThat(fromFile.upstream()).hasToString("http://127.0.0.1:9000");
    assertThat(fromFile.cache().maxConcurrentLoads()).isEqualTo(12);
    assertThat(fromFile.breaker().openCircuit()).isEqualTo(0.9);
    assertThat(overridden.port()).isZero();
    assertThat(overridden.upstream()).hasToString("http://127.0.0.1:7000");
    assertThat(overridden.cache().maxConcurrentLoads()).isEqualTo(12);
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
}
