package dev.oddscache.tools.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A PANIC episode of one market: a maximal run of PANIC held status, including the hold (a
 * market stays PANIC for the detector's hold, 60 s by default, after its last PANIC tick; see
 * {@link RunTracker} for the exact rule). Times are the feed's own {@code pt}, epoch milliseconds.
 *
 * @param match the event id
 * @param market the market type, lower-cased, as the detector keys it
 * @param startMillis the {@code pt} of the tick that made the market PANIC
 * @param endMillis the latest PANIC tick's {@code pt} plus the hold, when the status decays
 * @param peakZ the largest z-score of the market's ticks inside the episode
 * @param inPlay whether the market was in play when the episode started
 */
public record Episode(
    String match, String market, long startMillis, long endMillis, double peakZ, boolean inPlay) {

  public Episode {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(market, "market");
  }

  public long durationMillis() {
    return endMillis - startMillis;
  }

  /** Exactly the keys of an episode in the {@code --json} output, in their documented order. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("match", match);
    json.put("market", market);
    json.put("startMillis", startMillis);
    json.put("endMillis", endMillis);
    json.put("peakZ", peakZ);
    json.put("inPlay", inPlay);
    return json;
  }
}
