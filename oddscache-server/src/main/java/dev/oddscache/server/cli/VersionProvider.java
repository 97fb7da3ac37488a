package dev.oddscache.server.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = OddscacheCli.class.getPackage().getImplementationVersion();
    return new String[] {"oddscache " + (version == null ? "dev" : version)};
  }
}
