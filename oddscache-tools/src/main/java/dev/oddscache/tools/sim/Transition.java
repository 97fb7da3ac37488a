package dev.oddscache.tools.sim;

import java.util.Map;

/** A change seen during a run, at a second counted from the scenario start. */
sealed interface Transition permits Transition.Breaker, Transition.Tier {

  long second();

  /** Its object in the {@code --json} output's {@code transitions}, keys in a fixed order. */
  Map<String, Object> toJson();

  /** The panic breaker moved from one mode to the next. */
  record Breaker(long second, String from, String to, double panicRatio) implements Transition {
    @Override
    public Map<String, Object> toJson() {
      return JsonNumbers.object("second", second, "kind", "breaker", "from", from, "to", to,
          "panicRatio", JsonNumbers.fixed(panicRatio, 4));
    }
  }

  /** A match's panic quota tier changed, as seen on the decisions of its requests. */
  record Tier(long second, String match, int from, int to) implements Transition {
    @Override
    public Map<String, Object> toJson() {
      return JsonNumbers.object("second", second, "kind", "tier", "match", match, "from", from,
          "to", to);
    }
  }
}
