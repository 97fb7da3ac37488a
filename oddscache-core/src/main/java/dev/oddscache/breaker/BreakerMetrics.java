package dev.oddscache.breaker;

import dev.oddscache.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Binds a {@link PanicBreaker} to a Micrometer registry:
 *
 * <ul>
 *   <li>{@value MeterNames#BREAKER_MODE} gauge: {@link BreakerMode#level()}, 0, 1 or 2;
 *   <li>{@value MeterNames#BREAKER_PANIC_RATIO} gauge: panic ratio at the latest evaluation;
 *   <li>{@value MeterNames#BREAKER_SAMPLES} gauge: samples in the window at the latest evaluation;
 *   <li>{@value MeterNames#BREAKER_TRANSITIONS} counter tagged {@code from} and {@code to}
 *       (lower-case mode names), one per legal transition, registered at zero.
 * </ul>
 *
 * <p>Gauges are read on demand and hold the breaker strongly. The counter is incremented by a
 * listener added to the breaker on each {@link #bindTo}. Thread-safe.
 */
public final class BreakerMetrics implements MeterBinder {
  private final PanicBreaker breaker;

  public BreakerMetrics(PanicBreaker breaker) {
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(MeterNames.BREAKER_MODE, breaker, b -> b.mode().level())
        .description("Panic breaker mode: 0 normal, 1 high volatility, 2 circuit open")
        .strongReference(true)
        .register(registry);
    Gauge.builder(MeterNames.BREAKER_PANIC_RATIO, breaker, b -> b.state().panicRatio())
        .description("Share of PANIC requests in the breaker window at its latest evaluation")
        .strongReference(true)
        .register(registry);
    Gauge.builder(MeterNames.BREAKER_SAMPLES, breaker, b -> b.state().samples())
        .description("Requests in the breaker window at its latest evaluation")
        .strongReference(true)
        .register(registry);

    Map<BreakerTransitionKind, Counter> counters = new EnumMap<>(BreakerTransitionKind.class);
    for (BreakerTransitionKind kind : BreakerTransitionKind.values()) {
      counters.put(kind, Counter.builder(MeterNames.BREAKER_TRANSITIONS)
          .description("Panic breaker mode transitions")
          .tags(Tags.of(
              MeterNames.TAG_FROM, label(kind.from()), MeterNames.TAG_TO, label(kind.to())))
          .register(registry));
    }
    breaker.addListener(event -> counters.get(event.kind()).increment());
  }

  /** The tag value of a mode: its name in lower case, e.g. {@code high_volatility}. */
  public static String label(BreakerMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }
}
