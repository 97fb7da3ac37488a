package dev.oddscache.tools.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a scenario: one {@link PolicyResult} per policy, in the scenario's order.
 * {@link #toJsonText()} is the {@code --json} output, byte-identical for the same
 * scenario and seed: ordered keys, fixed decimals, {@code \n} line ends, no wall-clock figure.
 *
 * @param plan what the runs shared: their start, length, matches and feed
 */
record SimulationResult(Scenario scenario, RunPlan plan, List<PolicyResult> policies) {
  private static final ObjectWriter WRITER = new ObjectMapper()
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .writer(new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  SimulationResult {
    policies = List.copyOf(policies);
  }

  Map<String, Object> toJson() {
    Map<String, Object> byPolicy = new LinkedHashMap<>();
    for (PolicyResult p : policies) {
      byPolicy.put(p.policy(), p.toJson());
    }
    if (plan.tickDriven()) {
      return JsonNumbers.object("scenario", scenario.name(), "ticks", plan.feed().ticks(),
          "policies", byPolicy);
    }
    return JsonNumbers.object("scenario", scenario.name(), "policies", byPolicy);
  }

  /** The JSON document, pretty-printed, ending with a newline. */
  String toJsonText() {
    try {
      return WRITER.writeValueAsString(toJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write simulation JSON", e);
    }
  }

  PolicyResult policy(String name) {
    return policies.stream().filter(p -> p.policy().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no policy '" + name + "' in " + policies));
  }
}
