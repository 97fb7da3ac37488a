package dev.oddscache.bench;

import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.breaker.LocalPanicWindow;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.decision.Decider;
import dev.oddscache.decision.Decision;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.quota.PanicState;
import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.vix.VixDetector;
import dev.oddscache.zone.Zone;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision alone, in ns/op, against the target in BENCHMARKS.md; run with {@code -prof gc} for
 * bytes per op. {@code decide} is what every request pays ({@link Decider#decide}: status, breaker
 * sample, panic clock, zone, stakes, quota, log on change); {@code engine} is the pure {@link
 * DecisionEngine} on fixed inputs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(2)
public class DecisionBenchmark {

  @State(Scope.Benchmark)
  public static class Deciders {
    final Workload workload = new Workload();
    final Decider decider;
    final DecisionEngine engine = DecisionEngine.ofDefaults();
    final PanicState panic = PanicState.lastingMillis(12 * 60_000);

    public Deciders() {
      BreakerConfig breaker = BreakerConfig.ofDefaults();
      decider = new Decider(engine, VixDetector.ofDefaults(),
          PanicBreaker.of(breaker, Ticker.system(), new LocalPanicWindow(breaker.window())),
          new LocalPanicClock(), StakesClassifier.ofDefaults(), Ticker.system());
    }
  }

  @Benchmark
  public Decision decide(Deciders d, KeyCursor cursor) {
    return d.decider.decide(d.workload.contexts[cursor.advance()]);
  }

  @Benchmark
  public Decision engine(Deciders d) {
    return d.engine.decide(Zone.PREMATCH, Status.PANIC, BreakerMode.NORMAL, d.panic, Stakes.MEDIUM);
  }
}
