package dev.oddscache.readme;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Puts a module into a local Maven repository where {@code mvn install} would: its POM, and its
 * jar (packed from its compiled classes when the build has not packaged it yet, as in a {@code
 * mvn test} run). Writing the files keeps the user's own repository untouched and needs no
 * plugin that a {@code mvn verify} build has not already fetched.
 */
final class LocalInstall {
  private final Path repository;

  LocalInstall(Path repository) {
    this.repository = repository;
  }

  /** Installs a POM-only artifact, such as a parent. */
  void pom(String groupId, String artifactId, String version, Path pom) throws IOException {
    Path dir = versionDir(groupId, artifactId, version);
    Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"));
  }

  /**
   * Installs a jar artifact with its POM.
   *
   * @param classes the module's jar, or its directory of compiled classes
   * @param automaticModuleName the manifest's {@code Automatic-Module-Name} of a packed jar
   */
  void jar(String groupId, String artifactId, String version, Path pom, Path classes,
      String automaticModuleName) throws IOException {
    pom(groupId, artifactId, version, pom);
    Path jar = versionDir(groupId, artifactId, version)
        .resolve(artifactId + "-" + version + ".jar");
    if (Files.isRegularFile(classes)) {
      Files.copy(classes, jar);
    } else {
      pack(classes, jar, automaticModuleName);
    }
  }

  private Path versionDir(String groupId, String artifactId, String version)
      throws IOException {
    return Files.createDirectories(
        repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version));
  }

  private static void pack(Path classes, Path jar, String automaticModuleName)
      throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Automatic-Module-Name", automaticModuleName);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      for (Path file : files) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        jarOut.putNextEntry(new JarEntry(name));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
  }
}
