package dev.oddscache.server.config;

import dev.oddscache.internal.Durations;
import dev.oddscache.server.http.ServerSettings;
import dev.oddscache.vix.VixConfig;
import java.time.Duration;
import java.util.List;

/**
 * {@code vix:} the volatility detector, {@link VixConfig}, and {@code evictIdleAfter},
 * the server's idle horizon for the detector's per-match state.
 */
final class VixSection {
  static final List<String> KEYS = List.of("alpha", "sigmaMin", "warmupTicks", "jumpThreshold",
      "panicSigma", "warningSigma", "hold", "evictIdleAfter");

  private VixSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    VixConfig.Builder b = VixConfig.from(base.vix());
    b = s.decimal("alpha", b, VixConfig.Builder::alpha);
    b = s.decimal("sigmaMin", b, VixConfig.Builder::sigmaMin);
    b = s.integer("warmupTicks", b, VixConfig.Builder::warmupTicks);
    b = s.decimal("jumpThreshold", b, VixConfig.Builder::jumpThreshold);
    b = s.decimal("panicSigma", b, VixConfig.Builder::panicSigma);
    b = s.decimal("warningSigma", b, VixConfig.Builder::warningSigma);
    b = s.duration("hold", b, VixConfig.Builder::hold);
    Duration idle = s.duration("evictIdleAfter", base.vixEvictIdleAfter(),
        (current, v) -> Durations.positive("evictIdleAfter", v));
    VixConfig vix = s.build(b::build);
    // Set together: the horizon must not be shorter than the hold, and either may move.
    return s.build(() -> base.withVix(vix, idle));
  }
}
