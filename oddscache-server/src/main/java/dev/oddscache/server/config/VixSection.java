package dev.oddscache.server.config;

import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.settings.VixSettings;
import dev.oddscache.vix.VixConfig;

/**
 * {@code vix:} the volatility detector, {@link VixConfig}, which rates each odds move by its
 * z-score against the selection's recent volatility, and {@code evictIdleAfter}, the server's idle
 * horizon for the detector's per-match state.
 */
final class VixSection {
  private static final Keys<VixSettings.Builder> KEYS = Keys.<VixSettings.Builder>of()
      .decimal("alpha", (b, v) -> b.detector(d -> d.alpha(v)))
      .decimal("sigmaMin", (b, v) -> b.detector(d -> d.sigmaMin(v)))
      .integer("warmupTicks", (b, v) -> b.detector(d -> d.warmupTicks(v)))
      .decimal("jumpThreshold", (b, v) -> b.detector(d -> d.jumpThreshold(v)))
      .decimal("panicSigma", (b, v) -> b.detector(d -> d.panicSigma(v)))
      .decimal("warningSigma", (b, v) -> b.detector(d -> d.warningSigma(v)))
      .duration("hold", (b, v) -> b.detector(d -> d.hold(v)))
      .duration("evictIdleAfter", VixSettings.Builder::evictIdleAfter);

  private VixSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    VixSettings.Builder b = KEYS.read(s, VixSettings.from(base.vix()));
    // Built once from every key: the horizon must not be shorter than the hold, and either may
    // move.
    VixSettings vix = s.build(b::build);
    return ServerSettings.from(base).vix(vix).build();
  }
}
