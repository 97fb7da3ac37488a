package dev.oddscache.server.fleet;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Instance ids: {@code <host>-<pid>-<random>}, readable on a dashboard and new at every start, so
 * a restarted instance is a new member (it replays the stream rather than skipping its old
 * entries as its own).
 */
final class InstanceIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private InstanceIds() {}

  static String generate() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = "oddscache";
    }
    byte[] random = new byte[3];
    RANDOM.nextBytes(random);
    String id = host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
  }
}
