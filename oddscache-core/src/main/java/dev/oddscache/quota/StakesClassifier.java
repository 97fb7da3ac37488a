package dev.oddscache.quota;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classifies a match's {@link Stakes} from its competition and name by keywords. Immutable and
 * thread-safe; build with {@link #custom()} or {@link #from(StakesClassifier)}.
 *
 * <p>Matching is a case-insensitive substring search: the competition and the name are each
 * normalised (Unicode NFC, lower-cased with {@link Locale#ROOT}) and searched for every keyword;
 * the highest stakes with a hit wins, and anything without a hit is {@link Stakes#LOW}. So {@code
 * final} matches "Coupe de France - Finale", and "UCL" with "Ligue 1" is HIGH.
 *
 * <p>Two deliberate choices:
 *
 * <ul>
 *   <li>Competition and name are searched separately, not as one joined string, so a keyword
 *       cannot be assembled across the boundary (competition "Coupe de la Ligue" with a name
 *       starting "1. FC…" must not read as "ligue 1").
 *   <li>Keywords are plain substrings with no word boundary, so {@code ligue 1} also matches a
 *       hypothetical "Ligue 10". A boundary rule would break the default {@code euro 20}, which is
 *       meant to match inside a year ("Euro 2028"), and no competition names clash today; callers
 *       who need exactness can replace the lists or pass an explicit stakes override.
 * </ul>
 *
 * <p>The {@link Stakes#LOW} list never changes a classification, since LOW is also the fallback;
 * it documents intent and is reported by {@link #keywords(Stakes)}.
 */
public final class StakesClassifier {
  /** The default HIGH stakes keywords. */
  public static final List<String> DEFAULT_HIGH_KEYWORDS = List.of(
      "champions league", "ucl", "final", "clasico", "cl\u00e1sico", "world cup", "euro 20");

  /** The default MEDIUM stakes keywords. */
  public static final List<String> DEFAULT_MEDIUM_KEYWORDS = List.of(
      "ligue 1", "premier league", "la liga", "laliga", "serie a", "bundesliga", "europa league");

  /** The default LOW stakes keywords. */
  public static final List<String> DEFAULT_LOW_KEYWORDS =
      List.of("ligue 2", "championship", "friendly", "amical");

  /** Highest stakes first: the order in which keywords are tried. */
  private static final Stakes[] BY_PRIORITY = {Stakes.HIGH, Stakes.MEDIUM};

  private static final StakesClassifier DEFAULTS = custom().build();

  /** Texts longer than this are classified on every call rather than remembered. */
  static final int MAX_CACHED_LENGTH = 256;

  /** At most this many distinct texts are remembered; later ones are classified on every call. */
  static final int MAX_CACHED_TEXTS = 4096;

  private final Map<Stakes, List<String>> keywords;

  /**
   * The stakes of each competition or name seen so far, as given (before normalisation). Every
   * request carries the same few competitions, and classifying one means an NFC normalisation, a
   * lower-casing and up to 14 substring scans, so the hot path looks it up instead. Bounded in
   * count and length, because these texts come from request headers.
   */
  private final ConcurrentHashMap<String, Stakes> byText = new ConcurrentHashMap<>();

  private StakesClassifier(Map<Stakes, List<String>> keywords) {
    this.keywords = new EnumMap<>(keywords);
  }

  /** The classifier with the default keywords above. */
  public static StakesClassifier ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the default keywords. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s keywords. */
  public static Builder from(StakesClassifier base) {
    Objects.requireNonNull(base, "base");
    Builder builder = new Builder();
    builder.keywords.putAll(base.keywords);
    return builder;
  }

  /**
   * The stakes of a match; either argument may be null or empty. Nothing matched is {@link
   * Stakes#LOW}.
   */
  public Stakes classify(String competition, String name) {
    // The highest stakes with a hit in either text is the higher of the two texts' own stakes.
    Stakes c = classifyText(competition);
    if (c == Stakes.HIGH) {
      return c;
    }
    Stakes n = classifyText(name);
    return n.compareTo(c) > 0 ? n : c;
  }

  private Stakes classifyText(String text) {
    if (text == null || text.isEmpty()) {
      return Stakes.LOW;
    }
    Stakes known = byText.get(text);
    if (known != null) {
      return known;
    }
    Stakes stakes = scan(normalise(text));
    if (text.length() <= MAX_CACHED_LENGTH && byText.size() < MAX_CACHED_TEXTS) {
      byText.putIfAbsent(text, stakes);
    }
    return stakes;
  }

  private Stakes scan(String normalised) {
    for (Stakes stakes : BY_PRIORITY) {
      for (String keyword : keywords.get(stakes)) {
        if (normalised.contains(keyword)) {
          return stakes;
        }
      }
    }
    return Stakes.LOW;
  }

  /** {@code override} when it is not null, else {@link #classify(String, String)}. */
  public Stakes classify(String competition, String name, Stakes override) {
    return override != null ? override : classify(competition, name);
  }

  /** The keywords for {@code stakes}, normalised as they are matched; unmodifiable. */
  public List<String> keywords(Stakes stakes) {
    return keywords.get(Objects.requireNonNull(stakes, "stakes"));
  }

  private static String normalise(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    // NFC so that a decomposed "clásico" (a + combining accent) matches the composed keyword.
    return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StakesClassifier other && keywords.equals(other.keywords);
  }

  @Override
  public int hashCode() {
    return keywords.hashCode();
  }

  @Override
  public String toString() {
    return "StakesClassifier" + keywords;
  }

  /** Starts with the default keywords. Not thread-safe. */
  public static final class Builder {
    private final Map<Stakes, List<String>> keywords = new EnumMap<>(Stakes.class);

    private Builder() {
      keywords(Stakes.HIGH, DEFAULT_HIGH_KEYWORDS);
      keywords(Stakes.MEDIUM, DEFAULT_MEDIUM_KEYWORDS);
      keywords(Stakes.LOW, DEFAULT_LOW_KEYWORDS);
    }

    /**
     * Replaces the keyword list of {@code stakes} with a normalised copy of {@code values}; later
     * changes to {@code values} have no effect. An empty list disables that stakes' keywords.
     *
     * @throws IllegalArgumentException naming the element if a keyword is null or blank (a blank
     *     keyword would match nearly everything)
     * @throws NullPointerException if {@code stakes} or {@code values} is null
     */
    public Builder keywords(Stakes stakes, List<String> values) {
      Objects.requireNonNull(stakes, "stakes");
      Objects.requireNonNull(values, "keywords");
      List<String> copy = new ArrayList<>(values.size());
      int i = 0;
      for (String value : values) {
        String field = "keywords[" + stakes + "][" + i++ + "]";
        if (value == null || value.isBlank()) {
          throw new IllegalArgumentException(field + " must not be blank, got "
              + (value == null ? "null" : "'" + value + "'"));
        }
        copy.add(normalise(value));
      }
      keywords.put(stakes, List.copyOf(copy));
      return this;
    }

    public StakesClassifier build() {
      return new StakesClassifier(keywords);
    }
  }
}
