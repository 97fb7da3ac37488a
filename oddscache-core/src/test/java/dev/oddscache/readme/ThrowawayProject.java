package dev.oddscache.readme;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate Maven project in a temporary folder, as a user would create beside a clone: one
 * source file, one POM whose dependencies are given as written, built with its own local
 * repository. That repository reads every other artifact from the user's own repository through
 * a {@code file:} mirror, so the build needs no network and changes nothing outside the folder.
 */
final class ThrowawayProject {
  /** What one process printed, and how it ended. */
  record Run(int exitCode, String out, String err) {}

  private final Path root;
  private final Path repository;
  private final Path userRepository;

  ThrowawayProject(Path root, Path userRepository) throws IOException {
    this.root = root;
    this.repository = Files.createDirectories(root.resolve("repository"));
    this.userRepository = userRepository;
  }

  /** The project's own local repository, where installed artifacts go. */
  Path repository() {
    return repository;
  }

  /**
   * Writes the POM and the source file.
   *
   * @param dependencies {@code <dependency>} elements, as a user would paste them
   * @param pluginVersions {@code artifactId=version} of the org.apache.maven.plugins plugins the
   *     build uses, pinned to the versions the user's repository has
   */
  void write(String dependencies, List<String> pluginVersions, String packageName,
      String className, String source) throws IOException {
    StringBuilder plugins = new StringBuilder();
    for (String plugin : pluginVersions) {
      String[] parts = plugin.split("=", 2);
      plugins.append("      <plugin>\n")
          .append("        <groupId>org.apache.maven.plugins</groupId>\n")
          .append("        <artifactId>").append(parts[0]).append("</artifactId>\n")
          .append("        <version>").append(parts[1]).append("</version>\n")
          .append("      </plugin>\n");
    }
    String pom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId>
          <artifactId>readme-snippet</artifactId>
          <version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
        %s  </dependencies>
          <build>
            <pluginManagement>
              <plugins>
        %s      </plugins>
            </pluginManagement>
          </build>
        </project>
        """.formatted(indent(dependencies, "    "), indent(plugins.toString(), "    "));
    Files.writeString(root.resolve("pom.xml"), pom);
    Files.writeString(root.resolve("settings.xml"), """
        <settings>
          <localRepository>%s</localRepository>
          <mirrors>
            <mirror>
              <id>user-local-repository</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(repository, userRepository.toUri()));
    Path dir = Files.createDirectories(
        root.resolve("src/main/java").resolve(packageName.replace('.', '/')));
    Files.writeString(dir.resolve(className + ".java"), source);
  }

  /**
   * Compiles the project and writes its runtime classpath ({@code mvn compile
   * dependency:build-classpath}); {@code dependencyPluginVersion} names the plugin exactly, so
   * no prefix lookup is needed.
   */
  Run compile(String mvn, String dependencyPluginVersion, long timeoutSeconds)
      throws IOException, InterruptedException {
    return run(List.of(mvn, "-B", "-nsu", "-s", root.resolve("settings.xml").toString(),
        "-Dmaven.repo.local=" + repository, "-f", root.resolve("pom.xml").toString(), "compile",
        "org.apache.maven.plugins:maven-dependency-plugin:" + dependencyPluginVersion
            + ":build-classpath",
        "-Dmdep.outputFile=" + root.resolve("classpath.txt")), timeoutSeconds);
  }

  /** Runs {@code mainClass} on the compiled classes and the written classpath. */
  Run runMain(String mainClass, long timeoutSeconds) throws IOException, InterruptedException {
    String classpath = root.resolve("target/classes") + File.pathSeparator
        + Files.readString(root.resolve("classpath.txt")).trim();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return run(List.of(java, "-cp", classpath, mainClass), timeoutSeconds);
  }

  private Run run(List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    Process process = new ProcessBuilder(new ArrayList<>(command)).directory(root.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", command) + " did not finish within "
          + timeoutSeconds + " s; output:\n" + Files.readString(out, StandardCharsets.UTF_8));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String indent(String text, String prefix) {
    StringBuilder sb = new StringBuilder();
    text.lines().forEach(line -> sb.append(prefix).append(line).append('\n'));
    return sb.toString();
  }
}
