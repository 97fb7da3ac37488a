package dev.oddscache.server.config;

import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.settings.VixSettings;
import dev.oddscache.vix.DriftConfig;
import dev.oddscache.vix.VixConfig;

/**
 * {@code vix:} the volatility detector, {@link VixConfig}, which rates each odds move by its
 * z-score against the selection's recent volatility and counts each market's price drift epochs
 * ({@code driftThreshold}, {@code driftThresholds}, {@code driftTrackingTimeout}: {@link
 * DriftConfig}), how many matches it keeps ({@code maxMatches}) and how far ahead of the server's
 * clock a tick may be dated ({@code maxFutureSkew}), and {@code evictIdleAfter}, the server's idle
 * horizon for the detector's per-match state.
 */
final class VixSection {
  private VixSection() {}

  /** The section's keys; the drift keys change {@code drift}, then the detector's copy of it. */
  private static Keys<VixSettings.Builder> keys(Drift drift) {
    return Keys.<VixSettings.Builder>of()
        .decimal("alpha", (b, v) -> b.detector(d -> d.alpha(v)))
        .decimal("sigmaMin", (b, v) -> b.detector(d -> d.sigmaMin(v)))
        .integer("warmupTicks", (b, v) -> b.detector(d -> d.warmupTicks(v)))
        .decimal("jumpThreshold", (b, v) -> b.detector(d -> d.jumpThreshold(v)))
        .decimal("panicSigma", (b, v) -> b.detector(d -> d.panicSigma(v)))
        .decimal("warningSigma", (b, v) -> b.detector(d -> d.warningSigma(v)))
        .duration("hold", (b, v) -> b.detector(d -> d.hold(v)))
        .integer("maxMatches", (b, v) -> b.detector(d -> d.maxMatches(v)))
        .duration("maxFutureSkew", (b, v) -> b.detector(d -> d.maxFutureSkew(v)))
        .decimal("driftThreshold", (b, v) -> drift.set(b, DriftConfig.from(drift.config)
            .threshold(v).build()))
        .mapping("driftThresholds", (s, b) -> drift.set(b,
            DriftThresholds.read(s, drift.config)))
        .duration("driftTrackingTimeout", (b, v) -> drift.set(b,
            DriftConfig.from(drift.config).trackingTimeout(v).build()))
        .duration("evictIdleAfter", VixSettings.Builder::evictIdleAfter);
  }

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    Drift drift = new Drift(base.vix().detector().drift());
    VixSettings.Builder b = keys(drift).read(s, VixSettings.from(base.vix()));
    // Built once from every key: the horizon must not be shorter than the hold, and either may
    // move.
    VixSettings vix = s.build(b::build);
    return ServerSettings.from(base).vix(vix).build();
  }

  /**
   * The drift settings read so far: the detector's builder takes them whole and cannot be asked
   * for them, so each drift key starts from what the keys before it left here.
   */
  private static final class Drift {
    private DriftConfig config;

    Drift(DriftConfig base) {
      config = base;
    }

    VixSettings.Builder set(VixSettings.Builder b, DriftConfig value) {
      config = value;
      return b.detector(d -> d.drift(value));
    }
  }
}
