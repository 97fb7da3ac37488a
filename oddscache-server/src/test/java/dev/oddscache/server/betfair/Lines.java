package dev.oddscache.server.betfair;

import java.util.List;

/** Hand-written stream lines for the tests, built from small pieces. */
final class Lines {
  static final String MARKET = "1.100";
  static final long KICKOFF = 1_650_392_760_000L; // 2022-04-19T18:26:00Z

  private Lines() {}

  /** A definition-only message for {@link #MARKET}. */
  static String definition(long pt, String status, boolean inPlay) {
    return definition(pt, MARKET, "31389771", "WIN", status, inPlay);
  }

  static String definition(long pt, String market, String event, String type, String status,
      boolean inPlay) {
    return "{\"op\":\"mcm\",\"clk\":\"A\",\"pt\":" + pt + ",\"mc\":[{\"id\":\"" + market
        + "\",\"marketDefinition\":{\"eventId\":\"" + event + "\",\"marketType\":\"" + type
        + "\",\"marketTime\":\"2022-04-19T18:26:00.000Z\",\"inPlay\":" + inPlay
        + ",\"status\":\"" + status + "\",\"runners\":[]}}]}";
  }

  /** A message with runner changes for {@link #MARKET}, each {@code "id":..,"ltp":..} text. */
  static String prices(long pt, String... runnerChanges) {
    return pricesIn(MARKET, pt, runnerChanges);
  }

  /** A message with runner changes for {@code market}. */
  static String pricesIn(String market, long pt, String... runnerChanges) {
    StringBuilder rc = new StringBuilder();
    for (String change : runnerChanges) {
      rc.append(rc.length() == 0 ? "" : ",").append('{').append(change).append('}');
    }
    return "{\"op\":\"mcm\",\"clk\":\"B\",\"pt\":" + pt + ",\"mc\":[{\"id\":\"" + market
        + "\",\"rc\":[" + rc + "]}]}";
  }

  static String join(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  static String join(String... lines) {
    return join(List.of(lines));
  }
}
