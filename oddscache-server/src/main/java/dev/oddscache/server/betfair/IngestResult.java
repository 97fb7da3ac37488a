package dev.oddscache.server.betfair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link BetfairIngest} did with its input. Immutable.
 *
 * @param lines lines read, blank ones included
 * @param accepted ticks the detector accepted
 * @param rejectedCount every rejection, listed or not: bad lines and fields, prices the detector
 *     refused, and out-of-order ticks
 * @param rejected the first rejections, in input order, at most the ingest's listing limit
 * @param outOfOrder ticks the detector ignored as older than their selection's last tick (also
 *     counted and listed as rejections)
 * @param ignored ticks of markets that were not OPEN, neither accepted nor rejected: a price
 *     while a market is suspended or closed is not fed to the detector
 */
public record IngestResult(
    long lines, long accepted, long rejectedCount, List<Rejection> rejected, long outOfOrder,
    long ignored) {

  public IngestResult {
    rejected = List.copyOf(rejected);
  }

  /**
   * The body of the {@code POST /v1/odds/betfair} answer, the same as {@code POST /v1/odds}'s:
   * exactly {@code {"accepted": n, "rejected": [{"index", "reason"}]}}.
   */
  public Map<String, Object> toJson() {
    List<Map<String, Object>> list = new ArrayList<>(rejected.size());
    for (Rejection r : rejected) {
      list.add(r.toJson());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accepted", accepted);
    json.put("rejected", list);
    return json;
  }
}
