package dev.oddscache.tools.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hand-made Betfair stream files for the tests: one WIN market ({@link #MARKET_ID}) of match
 * {@link #MATCH}, with its kickoff a quarter of an hour after {@link #T0} (the golden hour: a base
 * TTL of 15 s), written line by line.
 */
final class TickFiles {
  static final String MATCH = "31389771";
  static final String MARKET_ID = "1.100";
  /** Epoch millis of the first line. */
  static final long T0 = 1_650_391_860_000L; // 2022-04-19T18:11:00Z
  private static final String KICKOFF = "2022-04-19T18:26:00.000Z";

  private final List<String> lines = new ArrayList<>();

  /** A market definition with {@code status}, {@code atMillis} after {@link #T0}. */
  TickFiles definition(long atMillis, String status) {
    lines.add(String.format(Locale.ROOT, "{\"op\":\"mcm\",\"pt\":%d,\"mc\":[{\"id\":\"%s\","
        + "\"marketDefinition\":{\"eventId\":\"%s\",\"marketType\":\"WIN\",\"marketTime\":\"%s\","
        + "\"inPlay\":false,\"status\":\"%s\"}}]}", T0 + atMillis, MARKET_ID, MATCH, KICKOFF,
        status));
    return this;
  }

  /** Last-traded prices {@code atMillis} after {@link #T0}: selection id, price, id, price... */
  TickFiles prices(long atMillis, Object... idsAndPrices) {
    StringBuilder rc = new StringBuilder();
    for (int i = 0; i < idsAndPrices.length; i += 2) {
      rc.append(i == 0 ? "" : ",").append("{\"id\":").append(idsAndPrices[i])
          .append(",\"ltp\":").append(idsAndPrices[i + 1]).append('}');
    }
    lines.add(String.format(Locale.ROOT, "{\"op\":\"mcm\",\"pt\":%d,\"mc\":[{\"id\":\"%s\","
        + "\"rc\":[%s]}]}", T0 + atMillis, MARKET_ID, rc));
    return this;
  }

  /** Writes the lines to {@code file} and returns it. */
  Path write(Path file) {
    try {
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A scenario of one key on {@code file} at one request per second (at whole seconds from the
   * first tick), {@code latencyMs} per load, with {@code policies} (a JSON list body).
   */
  static String scenario(Path file, int latencyMs, String policies) {
    return String.format(Locale.ROOT, """
        { "name": "hand-made", "seed": 3,
          "ticks": { "betfair": ["%s"] },
          "load": { "requestsPerSecond": 1 },
          "backend": { "latencyMs": %d },
          "policies": [%s] }
        """, file.toAbsolutePath().toString().replace("\\", "\\\\"), latencyMs, policies);
  }
}
