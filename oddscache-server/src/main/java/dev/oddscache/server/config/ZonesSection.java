package dev.oddscache.server.config;

import dev.oddscache.server.http.ServerSettings;
import dev.oddscache.zone.Zone;
import dev.oddscache.zone.ZoneConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code zones:} kickoff horizons and base TTLs, {@link ZoneConfig} (SPEC §4). Under {@code ttl:}
 * the keys are zone names; a bare number there means seconds, as in the spec's table.
 */
final class ZonesSection {
  static final List<String> KEYS =
      List.of("prematchHorizon", "warmupHorizon", "goldenHorizon", "inPlayDuration", "ttl");

  private ZonesSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    ZoneConfig.Builder b = ZoneConfig.from(base.zones());
    b = s.duration("prematchHorizon", b, ZoneConfig.Builder::prematchHorizon);
    b = s.duration("warmupHorizon", b, ZoneConfig.Builder::warmupHorizon);
    b = s.duration("goldenHorizon", b, ZoneConfig.Builder::goldenHorizon);
    b = s.duration("inPlayDuration", b, ZoneConfig.Builder::inPlayDuration);
    ConfigSection ttl = s.child("ttl").orElse(null);
    if (ttl != null) {
      for (Map.Entry<String, Zone> e : ttl.enumKeys(Zone.class).entrySet()) {
        Zone zone = e.getValue();
        b = ttl.durationOrSeconds(e.getKey(), b, (bb, v) -> bb.ttl(zone, v));
      }
    }
    return base.withZones(s.build(b::build));
  }
}
