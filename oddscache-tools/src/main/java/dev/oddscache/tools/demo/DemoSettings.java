package dev.oddscache.tools.demo;

import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.Stakes;
import dev.oddscache.server.settings.PolicySettings;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.zone.ZoneConfig;
import java.time.Duration;

/**
 * The demo's time compression. The server runs on the real clock; what is measured in minutes or
 * hours — the breaker's 30-minute window, the quota's tier bounds, the kickoff zones' horizons,
 * the panic dead man's switch — is divided by the speed, so a two-hour story plays in two
 * minutes. TTLs and floors stay in real seconds: dividing them too would make every cached value
 * expire 60 times sooner and show a backend load no real deployment would see.
 * What the server shows (a panic's minutes, the breaker's window) it multiplies back by the
 * speed, through the {@code DemoClock} the demo gives it, so users read story time throughout.
 */
final class DemoSettings {
  private DemoSettings() {}

  static ServerSettings scaled(ServerSettings settings, double speed) {
    PolicySettings base = settings.policy();
    long windowSeconds = Math.max(1, Math.round(base.breaker().window().toSeconds() / speed));
    BreakerConfig breaker = BreakerConfig.from(base.breaker())
        .window(Duration.ofSeconds(windowSeconds))
        .build();
    QuotaConfig.Builder quota = QuotaConfig.from(base.quota());
    for (Stakes stakes : Stakes.values()) {
      QuotaThresholds t = base.quota().thresholds(stakes);
      quota.thresholds(new QuotaThresholds(stakes, shrink(t.tier1Until(), speed),
          shrink(t.tier2Until(), speed), shrink(t.tier3Until(), speed), t.tier1TtlSeconds(),
          t.tier2TtlSeconds(), t.tier3TtlSeconds(), t.tier4TtlSeconds()));
    }
    ZoneConfig zones = ZoneConfig.from(base.zones())
        .prematchHorizon(shrink(base.zones().prematchHorizon(), speed))
        .warmupHorizon(shrink(base.zones().warmupHorizon(), speed))
        .goldenHorizon(shrink(base.zones().goldenHorizon(), speed))
        .inPlayDuration(shrink(base.zones().inPlayDuration(), speed))
        .build();
    PanicClockConfig clock = PanicClockConfig.from(base.panicClock())
        .deadMansSwitch(shrink(base.panicClock().deadMansSwitch(), speed))
        .refreshInterval(shrink(base.panicClock().refreshInterval(), speed))
        .build();
    return ServerSettings.from(settings).policy(p -> p.breaker(breaker).quota(quota.build())
        .zones(zones).panicClock(clock)).build();
  }

  private static Duration shrink(Duration d, double speed) {
    return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() / speed)));
  }
}
