package dev.oddscache.tools.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour and one line style per policy for every chart of a report, so that a policy reads
 * the same everywhere. Colours are the Okabe-Ito set, told apart with the common colour vision
 * deficiencies; the product keeps the same blue in every report and a solid, wider line, the
 * others dashes, so overlapping series stay distinguishable in grey too.
 */
final class PolicyPalette {
  static final Color PRODUCT = new Color(0x00, 0x72, 0xB2);
  /** What every policy sees alike, such as the requests: neutral. */
  static final Color NEUTRAL = new Color(0x55, 0x55, 0x55);
  private static final Map<String, Color> KNOWN = Map.of(
      "oddscache", PRODUCT,
      "bypass", new Color(0xD5, 0x5E, 0x00),
      "fixed-ttl", new Color(0x00, 0x9E, 0x73),
      "oddscache-ttl", new Color(0xCC, 0x79, 0xA7));
  private static final Color[] OTHERS = {
    new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9), new Color(0x00, 0x00, 0x00),
    new Color(0x88, 0x44, 0xAA), new Color(0x99, 0x66, 0x33), new Color(0x44, 0x77, 0x44)};
  private static final float[][] DASHES = {
    {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}, {4f, 4f}, {14f, 4f}};

  private final Map<String, Color> colours = new LinkedHashMap<>();
  private final Map<String, BasicStroke> strokes = new LinkedHashMap<>();

  private PolicyPalette(List<String> policies) {
    int other = 0;
    int dash = 0;
    for (String policy : policies) {
      Color known = KNOWN.get(policy);
      colours.put(policy, known != null ? known : OTHERS[other++ % OTHERS.length]);
      strokes.put(policy, policy.equals(PriceErrorChart.PRODUCT)
          ? new BasicStroke(2.2f)
          : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              DASHES[dash++ % DASHES.length], 0f));
    }
  }

  /** The palette of a report's policies, in the order the report lists them. */
  static PolicyPalette of(SimulationResult result) {
    return new PolicyPalette(result.policies().stream().map(PolicyResult::policy).toList());
  }

  static PolicyPalette of(List<String> policies) {
    return new PolicyPalette(policies);
  }

  Color colour(String policy) {
    Color c = colours.get(policy);
    if (c == null) {
      throw new IllegalArgumentException("policy not in this report: " + policy);
    }
    return c;
  }

  BasicStroke stroke(String policy) {
    colour(policy);
    return strokes.get(policy);
  }
}
