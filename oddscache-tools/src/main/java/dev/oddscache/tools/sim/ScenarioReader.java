package dev.oddscache.tools.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.oddscache.Markets;
import dev.oddscache.Status;
import dev.oddscache.tools.data.DataFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates scenario files. Every error is a {@link ScenarioException} whose
 * message names the field (as a JSON path such as {@code statuses[1].match}) and the bad value.
 * Stateless and thread-safe.
 */
public final class ScenarioReader {
  /** Upper bounds that keep a run within minutes of wall time and memory within reason. */
  static final int MAX_DURATION_MINUTES = 7 * 24 * 60;
  static final int MAX_REQUESTS_PER_SECOND = 100_000;
  static final int MAX_KEYS = 1_000_000;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private ScenarioReader() {}

  /**
   * Reads and validates the scenario in {@code file}; the files of {@code ticks} are relative to
   * its directory, else to the data folder of this process's environment.
   */
  public static Scenario read(Path file) {
    return read(file, DataFolder.fromEnvironment());
  }

  /**
   * Reads and validates the scenario in {@code file}; the files of {@code ticks} are relative to
   * its directory, else to {@code data}.
   */
  public static Scenario read(Path file, DataFolder data) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ScenarioException("scenario file not found: " + file, e);
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, dir == null ? Path.of("").toAbsolutePath() : dir, data);
  }

  /**
   * Parses and validates a scenario given as JSON text; the files of {@code ticks} are relative
   * to the working directory.
   */
  public static Scenario parse(String json) {
    return parse(json, Path.of("").toAbsolutePath());
  }

  /**
   * Parses and validates a scenario given as JSON text; the files of {@code ticks} are relative
   * to {@code dir}.
   */
  public static Scenario parse(String json, Path dir) {
    return parse(json, dir, DataFolder.fromEnvironment());
  }

  /**
   * Parses and validates a scenario given as JSON text; the files of {@code ticks} are relative
   * to {@code dir}, else to {@code data}.
   */
  public static Scenario parse(String json, Path dir, DataFolder data) {
    Scenario scenario;
    try {
      scenario = JSON.readValue(json, Scenario.class);
    } catch (UnrecognizedPropertyException e) {
      String where = path(e);
      int dot = where.lastIndexOf('.');
      String parent = dot < 0 ? "the scenario" : where.substring(0, dot);
      throw new ScenarioException("unknown field '" + e.getPropertyName() + "' in " + parent
          + "; known fields: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
              .collect(Collectors.joining(", ")), e);
    } catch (JsonMappingException e) {
      String where = path(e);
      throw new ScenarioException((where.isEmpty() ? "scenario" : where) + ": "
          + e.getOriginalMessage().lines().findFirst().orElse("invalid value"), e);
    } catch (JsonProcessingException e) {
      throw new ScenarioException("scenario is not valid JSON: "
          + e.getOriginalMessage().lines().findFirst().orElse("") + location(e), e);
    }
    if (scenario == null) {
      throw new ScenarioException("scenario is empty: expected a JSON object");
    }
    requireTickFiles(scenario, dir, data);
    scenario = scenario.resolvedAgainst(dir, data);
    validate(scenario);
    return scenario;
  }

  /** Each named file of {@code ticks} exists, from {@code dir} or in {@code data}. */
  private static void requireTickFiles(Scenario s, Path dir, DataFolder data) {
    if (s.ticks() == null || s.ticks().betfair() == null) {
      return;
    }
    List<String> files = s.ticks().betfair();
    for (int i = 0; i < files.size(); i++) {
      String file = files.get(i);
      if (file != null && !file.isBlank() && data.find(dir, file) == null) {
        throw bad("ticks.betfair[" + i + "]: " + data.notFound(dir, file));
      }
    }
  }

  /** Checks every rule of a parsed scenario. */
  static void validate(Scenario s) {
    if (s.name() == null || s.name().isBlank()) {
      throw bad("name must not be blank, got " + quote(s.name()));
    }
    if (s.keysPerMarket() < 1) {
      throw bad("keysPerMarket must be >= 1, got " + s.keysPerMarket());
    }
    if (s.tickDriven()) {
      validateTicks(s);
      validateLoad(s.load());
      validateBackend(s.backend());
      // The matches come from the feed, so an event's match is checked once it is read.
      validateEventTimes(s, Double.POSITIVE_INFINITY);
      validatePolicies(s.policies());
      return;
    }
    required("durationMinutes", s.durationMinutes());
    if (s.durationMinutes() < 1 || s.durationMinutes() > MAX_DURATION_MINUTES) {
      throw bad("durationMinutes must be between 1 and " + MAX_DURATION_MINUTES + ", got "
          + s.durationMinutes());
    }
    Map<String, Set<String>> markets = validateMatches(s);
    validateLoad(s.load());
    validateBackend(s.backend());
    validateStatuses(s, markets.keySet());
    validateEvents(s, markets);
    validatePolicies(s.policies());
  }

  /**
   * The rules of a scenario driven by ticks: the feed replaces {@code matches}, {@code statuses}
   * and {@code durationMinutes}, and its files must exist.
   */
  private static void validateTicks(Scenario s) {
    if (s.durationMinutes() != null) {
      throw bad("durationMinutes must be absent with ticks (the feed's span sets the length), got "
          + s.durationMinutes());
    }
    if (s.matches() != null) {
      throw bad("matches must be absent with ticks (each market of the feed is requested), got "
          + s.matches().size() + " match(es)");
    }
    if (!s.statuses().isEmpty()) {
      throw bad("statuses must be absent with ticks (the detector classifies the feed), got "
          + s.statuses().size() + " interval(s)");
    }
    Scenario.TicksSpec t = s.ticks();
    if (t.betfair() == null || t.betfair().isEmpty()) {
      throw bad("ticks.betfair must list at least one Betfair stream file, got "
          + (t.betfair() == null ? "none" : "[]"));
    }
    for (int i = 0; i < t.betfair().size(); i++) {
      String file = t.betfair().get(i);
      String at = "ticks.betfair[" + i + "]";
      if (file == null || file.isBlank()) {
        throw bad(at + " must not be blank, got " + quote(file));
      }
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw bad(at + ": not a file: " + path + " (" + DataFolder.BETFAIR_SOURCE + ")");
      }
      if (!Files.isReadable(path)) {
        throw bad(at + ": file not readable: " + path);
      }
    }
    if (t.fromMillis() != null && t.fromMillis() < 0) {
      throw bad("ticks.fromMillis must be >= 0 (epoch milliseconds), got " + t.fromMillis());
    }
    if (t.toMillis() != null && t.toMillis() < 0) {
      throw bad("ticks.toMillis must be >= 0 (epoch milliseconds), got " + t.toMillis());
    }
    if (t.fromMillis() != null && t.toMillis() != null && t.toMillis() <= t.fromMillis()) {
      throw bad("ticks.toMillis must be > ticks.fromMillis (" + t.fromMillis() + "), got "
          + t.toMillis());
    }
  }

  private static Map<String, Set<String>> validateMatches(Scenario s) {
    if (s.matches() == null || s.matches().isEmpty()) {
      throw bad("matches must list at least one match, got "
          + (s.matches() == null ? "none" : "[]"));
    }
    Map<String, Set<String>> marketsByMatch = new HashMap<>();
    long keys = 0;
    for (int i = 0; i < s.matches().size(); i++) {
      Scenario.MatchSpec m = s.matches().get(i);
      String at = "matches[" + i + "]";
      if (m == null) {
        throw bad(at + " must be an object, got null");
      }
      if (m.id() == null || m.id().isBlank()) {
        throw bad(at + ".id must not be blank, got " + quote(m.id()));
      }
      if (marketsByMatch.containsKey(m.id().trim())) {
        throw bad(at + ".id must be unique, got duplicate '" + m.id() + "'");
      }
      if (m.kickoffAtMinute() != null && !Double.isFinite(m.kickoffAtMinute())) {
        throw bad(at + ".kickoffAtMinute must be a finite number, got " + m.kickoffAtMinute());
      }
      if (m.markets() == null || m.markets().isEmpty()) {
        throw bad(at + ".markets must list at least one market, got "
            + (m.markets() == null ? "none" : "[]"));
      }
      Set<String> ids = new HashSet<>();
      for (int j = 0; j < m.markets().size(); j++) {
        String market = m.markets().get(j);
        if (market == null || market.isBlank()) {
          throw bad(at + ".markets[" + j + "] must not be blank, got " + quote(market));
        }
        if (!ids.add(Markets.normalise(market))) {
          throw bad(at + ".markets[" + j + "] must be unique, got duplicate '" + market + "'");
        }
      }
      marketsByMatch.put(m.id().trim(), ids);
      keys += (long) ids.size() * s.keysPerMarket();
    }
    if (keys > MAX_KEYS) {
      throw bad("matches × markets × keysPerMarket must be at most " + MAX_KEYS + " keys, got "
          + keys);
    }
    return marketsByMatch;
  }

  private static void validateLoad(Scenario.LoadSpec load) {
    if (load == null) {
      throw bad("load is required: {\"requestsPerSecond\": N, \"zipfExponent\": S}");
    }
    required("load.requestsPerSecond", load.requestsPerSecond());
    if (load.requestsPerSecond() <= 0 || load.requestsPerSecond() > MAX_REQUESTS_PER_SECOND) {
      throw bad(load.requestsPerSecond() <= 0
          ? "load.requestsPerSecond must be > 0, got " + load.requestsPerSecond()
          : "load.requestsPerSecond must be at most " + MAX_REQUESTS_PER_SECOND + ", got "
              + load.requestsPerSecond());
    }
    if (!Double.isFinite(load.zipfExponent()) || load.zipfExponent() < 0) {
      throw bad("load.zipfExponent must be a finite number >= 0, got " + load.zipfExponent());
    }
  }

  private static void validateBackend(Scenario.BackendSpec backend) {
    if (backend.latencyMs() < 0 || backend.latencyMs() > 600_000) {
      throw bad("backend.latencyMs must be between 0 and 600000, got " + backend.latencyMs());
    }
    double rate = backend.failureRate();
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw bad("backend.failureRate must be between 0 and 1, got " + rate);
    }
    if (backend.maxConcurrent() != null && backend.maxConcurrent() < 1) {
      throw bad("backend.maxConcurrent must be >= 1, got " + backend.maxConcurrent());
    }
  }

  private static void validateStatuses(Scenario s, Set<String> matches) {
    for (int i = 0; i < s.statuses().size(); i++) {
      Scenario.StatusSpan span = s.statuses().get(i);
      String at = "statuses[" + i + "]";
      if (span == null) {
        throw bad(at + " must be an object, got null");
      }
      knownMatch(at + ".match", span.match(), matches);
      required(at + ".fromMinute", span.fromMinute());
      required(at + ".toMinute", span.toMinute());
      if (!Double.isFinite(span.fromMinute()) || span.fromMinute() < 0) {
        throw bad(at + ".fromMinute must be >= 0, got " + span.fromMinute());
      }
      if (!Double.isFinite(span.toMinute()) || span.toMinute() <= span.fromMinute()) {
        throw bad(at + ".toMinute must be > fromMinute (" + span.fromMinute() + "), got "
            + span.toMinute());
      }
      parseStatus(at + ".status", span.status());
    }
  }

  private static void validateEvents(Scenario s, Map<String, Set<String>> markets) {
    validateEventTimes(s, s.durationMinutes());
    validateEventTargets(s.events(), markets);
  }

  /** Checks each event's presence, minute (within {@code [0, maxMinute]}) and type. */
  private static void validateEventTimes(Scenario s, double maxMinute) {
    for (int i = 0; i < s.events().size(); i++) {
      Scenario.EventSpec event = s.events().get(i);
      String at = "events[" + i + "]";
      if (event == null) {
        throw bad(at + " must be an object, got null");
      }
      required(at + ".atMinute", event.atMinute());
      if (!Double.isFinite(event.atMinute()) || event.atMinute() < 0
          || event.atMinute() > maxMinute) {
        throw bad(Double.isInfinite(maxMinute)
            ? at + ".atMinute must be a finite number >= 0, got " + event.atMinute()
            : at + ".atMinute must be between 0 and durationMinutes (" + s.durationMinutes()
                + "), got " + event.atMinute());
      }
      SimEvents.parseType(at + ".type", event.type());
    }
  }

  /**
   * Checks that each event names a known match and, if it names one, a market of that match;
   * also used once the feed of a scenario driven by ticks is read.
   */
  static void validateEventTargets(List<Scenario.EventSpec> events,
      Map<String, Set<String>> markets) {
    for (int i = 0; i < events.size(); i++) {
      Scenario.EventSpec event = events.get(i);
      String at = "events[" + i + "]";
      knownMatch(at + ".match", event.match(), markets.keySet());
      if (event.market() != null) {
        String market = event.market().isBlank() ? "" : Markets.normalise(event.market());
        if (!markets.get(event.match().trim()).contains(market)) {
          throw bad(at + ".market must be one of the markets of match '" + event.match().trim()
              + "' " + markets.get(event.match().trim()).stream().sorted().toList() + ", got '"
              + event.market() + "'");
        }
      }
    }
  }

  private static void validatePolicies(List<String> policies) {
    if (policies.isEmpty()) {
      throw bad("policies must list at least one of " + PolicySpec.ACCEPTED + ", got []");
    }
    List<PolicySpec> seen = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      String at = "policies[" + i + "]";
      PolicySpec p = PolicySpec.parse(at, policies.get(i));
      for (PolicySpec earlier : seen) {
        if (earlier.sameAs(p)) {
          throw bad(at + " must be unique, got duplicate '" + p.name() + "'"
              + (earlier.name().equals(p.name()) ? "" : " (same as '" + earlier.name() + "')"));
        }
      }
      seen.add(p);
    }
  }

  static Status parseStatus(String field, String value) {
    try {
      return Status.parse(field, value);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  private static void knownMatch(String field, String match, Set<String> matches) {
    if (match == null || !matches.contains(match.trim())) {
      throw bad(field + " must be the id of a match in matches "
          + matches.stream().sorted().toList() + ", got " + quote(match));
    }
  }

  private static void required(String field, Object value) {
    if (value == null) {
      throw bad(field + " is required");
    }
  }

  private static ScenarioException bad(String message) {
    return new ScenarioException(message);
  }

  private static String quote(String value) {
    return value == null ? "null" : "'" + value + "'";
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        b.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(ref.getFieldName());
      }
    }
    return b.toString();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : String.format(Locale.ROOT, " (line %d, column %d)", e.getLocation().getLineNr(),
            e.getLocation().getColumnNr());
  }
}
