package dev.oddscache.breaker;

/**
 * The hysteresis table of {@link BreakerConfig} as a pure function: the one step, if any, that a
 * panic ratio calls for from a given mode. Immutable and thread-safe.
 *
 * <p>Because {@link BreakerConfig} enforces exit &lt; enter ≤ open and close &lt; open, applying
 * {@link #next} repeatedly reaches a fixed point in at most two steps and never oscillates.
 */
final class Hysteresis {
  private final double enterHighVolatility;
  private final double exitHighVolatility;
  private final double openCircuit;
  private final double closeCircuit;

  Hysteresis(BreakerConfig config) {
    this.enterHighVolatility = config.enterHighVolatility();
    this.exitHighVolatility = config.exitHighVolatility();
    this.openCircuit = config.openCircuit();
    this.closeCircuit = config.closeCircuit();
  }

  /** The mode one step away from {@code mode} that {@code panicRatio} requires, or {@code mode}. */
  BreakerMode next(BreakerMode mode, double panicRatio) {
    return switch (mode) {
      case NORMAL -> panicRatio >= enterHighVolatility ? BreakerMode.HIGH_VOLATILITY : mode;
      case HIGH_VOLATILITY -> {
        if (panicRatio >= openCircuit) {
          yield BreakerMode.CIRCUIT_OPEN;
        }
        yield panicRatio < exitHighVolatility ? BreakerMode.NORMAL : mode;
      }
      case CIRCUIT_OPEN -> panicRatio < closeCircuit ? BreakerMode.HIGH_VOLATILITY : mode;
    };
  }
}
