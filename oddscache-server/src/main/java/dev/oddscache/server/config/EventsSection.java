package dev.oddscache.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.server.settings.ServerSettings;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;

/**
 * {@code events:} the surgical invalidation rules, {@link ImpactRules}: which of a match's
 * markets each match event deletes from the cache, keyed by event type ({@code GOAL}, {@code
 * RED_CARD}…). Each value is the list of market families the event affects, replacing that
 * event's rule, or {@code all} for every market of the match; events not listed keep the base
 * rule. {@code ODDS_SHOCK} always affects exactly its market and is refused.
 */
final class EventsSection {
  static final String ALL = "all";

  private EventsSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    ImpactRules.Builder b = ImpactRules.from(base.policy().impactRules());
    for (Map.Entry<String, EventType> e : s.enumKeys(EventType.class, Enum::name).entrySet()) {
      String key = e.getKey();
      EventType event = e.getValue();
      JsonNode value = s.raw(key);
      if (value.isTextual() && value.textValue().trim().toLowerCase(Locale.ROOT).equals(ALL)) {
        s.at(key, () -> b.affectsAllMarkets(event));
      } else if (value.isArray()) {
        LinkedHashSet<String> families = new LinkedHashSet<>(s.strings(key));
        s.at(key, () -> b.affects(event, families));
      } else {
        throw s.error(key, "expected a list of market families, such as [1x2, over_under], or '"
            + ALL + "' for every market");
      }
    }
    ImpactRules rules = b.build();
    return ServerSettings.from(base).policy(p -> p.impactRules(rules)).build();
  }
}
