package dev.oddscache.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.oddscache.cache.OddsCache;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library snippet, taken from the Markdown exactly as it appears (package and
 * imports included), compiled and run in a separate Maven project that depends on this module
 * through the README's own {@code <dependency>} block, the module installed in that project's
 * local repository as {@code mvn install} would put it.
 */
class ReadmeLibrarySnippetTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path PARENT_POM = Path.of("..", "pom.xml");
  private static final Path CORE_POM = Path.of("pom.xml");
  private static final long TIMEOUT_SECONDS = 120;

  @Test
  void snippetCompilesAndRunsAgainstTheInstalledArtifact(@TempDir Path tmp) throws Exception {
    Optional<String> mvn = onPath("mvn");
    assumeTrue(mvn.isPresent(),
        "mvn is not on PATH: the README snippet needs Maven to build a separate project");
    MarkdownSection section = MarkdownSection.of(Files.readString(README), "Using the library");
    String source = section.onlyBlock("java");
    String dependency = section.onlyBlock("xml");
    String packageName = group(source, "(?m)^package ([\\w.]+);");
    String className = group(source, "(?m)^public (?:final )?class (\\w+)");
    String parentPom = Files.readString(PARENT_POM);
    String version = group(Files.readString(CORE_POM), "(?s)<parent>.*?<version>([^<]+)</version>");
    assertThat(dependency).as("the README's dependency names this version")
        .contains("<version>" + version + "</version>");

    ThrowawayProject project = new ThrowawayProject(tmp, userRepository());
    LocalInstall install = new LocalInstall(project.repository());
    install.pom("dev.oddscache", "oddscache-parent", version, PARENT_POM);
    install.jar("dev.oddscache", "oddscache-core", version, CORE_POM, codeSource(OddsCache.class),
        "dev.oddscache.core");
    project.write(dependency, List.of(
        "maven-resources-plugin=" + property(parentPom, "resources-plugin.version"),
        "maven-compiler-plugin=" + property(parentPom, "compiler-plugin.version")),
        packageName, className, source);

    ThrowawayProject.Run build = project.compile(mvn.get(),
        property(parentPom, "dependency-plugin.version"), TIMEOUT_SECONDS);
    assertThat(build.exitCode()).as("mvn compile of the README snippet:\n%s%s", build.out(),
        build.err()).isZero();
    ThrowawayProject.Run run = project.runMain(packageName + "." + className, TIMEOUT_SECONDS);

    assertThat(run.exitCode()).as("the snippet's main:\n%s%s", run.out(), run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("COMPUTE {").contains("home=0.46")
        .contains("because [zone GOLDEN base TTL 15s, ");
    assertThat(lines.get(1)).isEqualTo("SERVE_FRESH");
    assertThat(lines.get(2)).contains("event=GOAL")
        .contains("marketsAffected=[1x2, over_under_25]").contains("keysDeleted=1");
  }

  private static Optional<String> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable).map(Path::toString).findFirst();
  }

  /**
   * The user's local Maven repository: where this build took Caffeine from, seven levels above
   * its jar ({@code com/github/ben-manes/caffeine/caffeine/VERSION/caffeine-VERSION.jar}).
   */
  private static Path userRepository() throws URISyntaxException {
    Path root = codeSource(Caffeine.class);
    for (int i = 0; i < 7 && root != null; i++) {
      root = root.getParent();
    }
    assertThat(root).as("the local repository above " + codeSource(Caffeine.class)).isNotNull();
    assertThat(root.resolve("com/github/ben-manes/caffeine")).isDirectory();
    return root;
  }

  private static Path codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String property(String pom, String name) {
    return group(pom, "<" + Pattern.quote(name) + ">([^<]+)</");
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("/%s/ in%n%s", regex, text).isTrue();
    return m.group(1);
  }
}
