package dev.oddscache.server.config;

import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.server.settings.ServerSettings;
import java.util.List;
import java.util.Map;

/**
 * {@code stakes:} the keywords of the {@link StakesClassifier}, which gives a match the highest
 * stakes whose keyword its competition or name contains, keyed by stakes ({@code high}, {@code
 * medium}, {@code low}). A list replaces that stakes' keywords entirely; an empty list disables
 * them; stakes not listed keep the base keywords.
 */
final class StakesSection {
  private StakesSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    StakesClassifier.Builder b = StakesClassifier.from(base.policy().stakes());
    for (Map.Entry<String, Stakes> e : s.enumKeys(Stakes.class).entrySet()) {
      List<String> keywords = s.strings(e.getKey());
      s.at(e.getKey(), () -> b.keywords(e.getValue(), keywords));
    }
    StakesClassifier stakes = b.build();
    return ServerSettings.from(base).policy(p -> p.stakes(stakes)).build();
  }
}
