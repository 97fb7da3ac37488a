package dev.oddscache.server.betfair;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a line of a Betfair stream, or one runner change in it, was not turned into an accepted tick.
 *
 * @param index the 0-based line number in the input, blank lines included, so that line {@code
 *     index + 1} in an editor is the culprit; several rejections may share an index when several
 *     runner changes of one line are bad
 * @param reason names the field by its JSON path (such as {@code mc[0].rc[2].ltp}) and its value
 */
public record Rejection(long index, String reason) {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code {"index", "reason"}}, the element of the HTTP result's {@code rejected} array. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("index", index);
    json.put("reason", reason);
    return json;
  }
}
