package dev.oddscache.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.decision.Decision;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.quota.PanicState;
import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.server.json.DecisionJson;
import dev.oddscache.zone.Zone;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code oddscache explain}: the TTL decision for hypothetical inputs, with reasons. The effective
 * TTL is the base TTL (the kickoff zone's, or the one given; none in PANIC), raised to the
 * breaker mode's floor and, in a panic, to the quota's TTL for its duration and stakes.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the TTL oddscache would choose for a request, and why.",
      "Durations: 30s, 45m, 2h, 1h30m or ISO PT30M; --kickoff-in -30m means in play."
    })
public final class ExplainCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--competition", paramLabel = "TEXT",
      description = "Competition, e.g. \"Ligue 1\".")
  String competition;

  @Option(names = "--name", paramLabel = "TEXT", description = "Match name, e.g. \"El Clasico\".")
  String name;

  @Option(names = "--stakes", paramLabel = "S",
      description = "Override the stakes: ${COMPLETION-CANDIDATES}.")
  Stakes stakes;

  @Option(names = "--kickoff-in", paramLabel = "D", converter = DurationConverter.class,
      description = "Time until kickoff (negative: in play). Default: no kickoff known.")
  Duration kickoffIn;

  @Option(names = "--base-ttl", paramLabel = "D", converter = DurationConverter.class,
      description = "Explicit base TTL, overriding the zone's.")
  Duration baseTtl;

  @Option(names = "--status", paramLabel = "S",
      description = "Volatility status: ${COMPLETION-CANDIDATES}."
          + " Default: PANIC if --panic-for is given, else NORMAL.")
  Status status;

  @Option(names = "--panic-for", paramLabel = "D", converter = DurationConverter.class,
      description = "How long the match has been panicking."
          + " Default with --status PANIC: 0s (a fresh panic).")
  Duration panicFor;

  @Option(names = "--breaker-mode", paramLabel = "M",
      description = "Breaker mode: ${COMPLETION-CANDIDATES}. Default: NORMAL.")
  BreakerMode breakerMode = BreakerMode.NORMAL;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  private final Clock clock;

  public ExplainCommand() {
    this(Clock.systemUTC());
  }

  ExplainCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    Decision decision = decide();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JSON.writeValueAsString(DecisionJson.toMap(decision)));
    } else {
      out.print(ExplainText.render(decision));
    }
    out.flush();
    return 0;
  }

  Decision decide() {
    if (status != null && status != Status.PANIC && panicFor != null) {
      throw usage("--panic-for only applies to a panicking match, but --status is " + status);
    }
    if (panicFor != null && panicFor.isNegative()) {
      throw usage("Invalid value for option '--panic-for': must not be negative, got " + panicFor);
    }
    if (baseTtl != null && (baseTtl.isNegative() || baseTtl.toMillis() % 1000 != 0)) {
      throw usage(
          "Invalid value for option '--base-ttl': must be whole seconds >= 0, got " + baseTtl);
    }
    Status effectiveStatus =
        status != null ? status : panicFor != null ? Status.PANIC : Status.NORMAL;
    DecisionEngine engine = DecisionEngine.ofDefaults();
    Instant now = clock.instant();
    Instant kickoff = kickoffIn == null ? null : now.plus(kickoffIn);
    Zone zone = engine.zones().zoneOf(kickoff, now.toEpochMilli());
    Stakes effectiveStakes =
        StakesClassifier.ofDefaults().classify(competition, name, stakes);
    PanicState panic = effectiveStatus == Status.PANIC
        ? PanicState.lasting(panicFor == null ? Duration.ZERO : panicFor)
        : PanicState.NONE;
    return baseTtl == null
        ? engine.decide(zone, effectiveStatus, breakerMode, panic, effectiveStakes)
        : engine.decide(zone, baseTtl.toSeconds(), effectiveStatus, breakerMode, panic,
            effectiveStakes);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
