package dev.oddscache.server.config;

import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.zone.Zone;
import dev.oddscache.zone.ZoneConfig;
import java.util.Map;

/**
 * {@code zones:} kickoff horizons and base TTLs, {@link ZoneConfig}: a match is PREMATCH within
 * {@code prematchHorizon} of its kickoff, WARMUP within {@code warmupHorizon}, GOLDEN within
 * {@code goldenHorizon}, ACTIVE for {@code inPlayDuration} after it, STANDARD otherwise. Under
 * {@code ttl:} the keys are zone names; a bare number there means seconds.
 */
final class ZonesSection {
  private static final Keys<ZoneConfig.Builder> KEYS = Keys.<ZoneConfig.Builder>of()
      .duration("prematchHorizon", ZoneConfig.Builder::prematchHorizon)
      .duration("warmupHorizon", ZoneConfig.Builder::warmupHorizon)
      .duration("goldenHorizon", ZoneConfig.Builder::goldenHorizon)
      .duration("inPlayDuration", ZoneConfig.Builder::inPlayDuration)
      .mapping("ttl", ZonesSection::ttl);

  private ZonesSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    ZoneConfig.Builder b = KEYS.read(s, ZoneConfig.from(base.policy().zones()));
    ZoneConfig zones = s.build(b::build);
    return ServerSettings.from(base).policy(p -> p.zones(zones)).build();
  }

  private static ZoneConfig.Builder ttl(ConfigSection ttl, ZoneConfig.Builder b) {
    for (Map.Entry<String, Zone> e : ttl.enumKeys(Zone.class).entrySet()) {
      Zone zone = e.getValue();
      b = ttl.durationOrSeconds(e.getKey(), b, (bb, v) -> bb.ttl(zone, v));
    }
    return b;
  }
}
