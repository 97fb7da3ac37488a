package dev.oddscache.server.config;

import dev.oddscache.server.http.ServerSettings;
import dev.oddscache.vix.VixConfig;
import java.util.List;

/** {@code vix:} the volatility detector, {@link VixConfig} (SPEC §3). */
final class VixSection {
  static final List<String> KEYS = List.of("alpha", "sigmaMin", "warmupTicks", "jumpThreshold",
      "panicSigma", "warningSigma", "hold");

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
    return base.withVix(s.build(b::build));
  }
}
