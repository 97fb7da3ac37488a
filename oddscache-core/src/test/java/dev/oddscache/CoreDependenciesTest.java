package dev.oddscache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * oddscache-core must stay free of Redis, HTTP and Prometheus: its direct runtime
 * dependencies are exactly Caffeine, micrometer-core and slf4j-api. Maven writes the resolved list
 * before the tests run (see the dependency plugin in oddscache-core/pom.xml).
 */
class CoreDependenciesTest {
  private static final Pattern ARTIFACT =
      Pattern.compile("^\\s*([\\w.\\-]+):([\\w.\\-]+):jar:[^:]+:(compile|runtime)\\b.*$");

  @Test
  void coreDependsOnlyOnCaffeineMicrometerAndSlf4j() throws IOException {
    String file = System.getProperty("oddscache.runtimeDependencies");
    assertThat(file).as("system property set by the surefire configuration").isNotNull();
    Path list = Path.of(file);
    assertThat(list).as("dependency list written by maven-dependency-plugin").exists();

    Set<String> direct = Files.readAllLines(list).stream()
        .map(ARTIFACT::matcher)
        .filter(Matcher::matches)
        .map(m -> m.group(1) + ":" + m.group(2))
        .collect(Collectors.toSet());

    assertThat(direct).containsExactlyInAnyOrder(
        "com.github.ben-manes.caffeine:caffeine",
        "io.micrometer:micrometer-core",
        "org.slf4j:slf4j-api");
  }
}
