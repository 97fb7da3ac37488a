package dev.oddscache.server.replay;

import java.io.IOException;
import java.nio.file.Path;

final class ReplayReport {
  private ReplayReport() {}

  static Path write(Path dir, ReplayResult result) throws IOException {
    throw new IOException("not yet");
  }
}
