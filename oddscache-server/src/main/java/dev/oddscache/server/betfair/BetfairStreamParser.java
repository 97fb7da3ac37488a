package dev.oddscache.server.betfair;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.oddscache.vix.OddsTick;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maps Betfair Exchange stream messages, one JSON line at a time, to {@link BetfairTick}s.
 *
 * <p><b>Mapping.</b> A line is an {@code mcm} message; its {@code pt} (epoch milliseconds) is the
 * time of every tick in it. Each market change {@code mc[i]} names its market by {@code id} and
 * may carry a {@code marketDefinition}, which is applied first and stays in force for that market
 * until the next one, in later lines too. Each runner change {@code rc[j]} with an {@code ltp}
 * becomes a tick of selection {@code id} in the market's {@code eventId} and {@code marketType};
 * runner changes without {@code ltp} (order-book updates only) are skipped. Ticks of a market
 * whose definition's {@code status} is not {@code OPEN} go to {@link BetfairListener#onIgnored}.
 * A definition whose {@code status} differs from the market's previous definition's goes to
 * {@link BetfairListener#onMarketStatus} first. Messages with another {@code op} ({@code
 * connection}, {@code status}) and messages without {@code mc} (heartbeats) produce nothing.
 *
 * <p><b>Bad input.</b> Invalid JSON, a missing or mistyped field and a runner change of a market
 * with no definition yet are reported to {@link BetfairListener#onRejected} with the line's index
 * and a reason naming the field's JSON path and value; the rest of the line, and the input, go on.
 * A bad market change or definition loses that market change only; a bad runner change loses only
 * itself. Prices are passed on unchecked, so that the detector rejects (and counts) odds of 1.0 or
 * less, NaN and infinities with its own reason; JSON's non-standard {@code NaN} and {@code
 * Infinity} tokens are read as numbers for that purpose.
 *
 * <p><b>State and cost.</b> Memory is one line and its parsed tree, both bounded by the parser's
 * {@link BetfairLimits} (a line beyond them is rejected whole, an over-long one without being
 * kept), plus one definition per market seen, whatever the length of the input.
 * Thread-safe: definitions live in a {@link ConcurrentHashMap}, so one parser can serve several
 * HTTP requests; the lines of one market must still arrive in stream order, as they do from one
 * feed. Closed markets are forgotten by themselves, oldest first, beyond the latest {@link
 * #MAX_CLOSED_MARKETS}: a server ingesting a season's markets keeps the open ones and a bounded
 * tail of closed ones, whose late prices are still ignored rather than rejected.
 */
public final class BetfairStreamParser {
  /** Longest line kept, in characters: {@link BetfairLimits#DEFAULT_MAX_LINE_CHARS}. */
  public static final int DEFAULT_MAX_LINE_CHARS = BetfairLimits.DEFAULT_MAX_LINE_CHARS;

  private static final int MAX_JSON_ERROR = 120;

  /** Closed markets whose definitions are kept, so that late prices are ignored, not rejected. */
  public static final int MAX_CLOSED_MARKETS = 10_000;

  private final ConcurrentHashMap<String, MarketDefinition> definitions = new ConcurrentHashMap<>();
  /** Markets whose definition became CLOSED, oldest first; may hold a market more than once. */
  private final ConcurrentLinkedQueue<String> closed = new ConcurrentLinkedQueue<>();
  private final AtomicInteger closedCount = new AtomicInteger();
  private final BetfairLimits limits;
  private final int maxLineChars;
  private final ObjectMapper json;

  /** A parser with {@link BetfairLimits#ofDefaults()}. */
  public BetfairStreamParser() {
    this(BetfairLimits.ofDefaults());
  }

  /**
   * A parser with the default limits but the line length.
   *
   * @param maxLineChars lines longer than this are rejected without being kept in memory
   * @throws IllegalArgumentException if {@code maxLineChars} is not positive
   */
  public BetfairStreamParser(int maxLineChars) {
    this(BetfairLimits.ofDefaults().withMaxLineChars(maxLineChars));
  }

  /** A parser rejecting, whole, every line beyond {@code limits}. */
  public BetfairStreamParser(BetfairLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.maxLineChars = limits.maxLineChars();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(limits.constraints())
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
    this.json = JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  public BetfairLimits limits() {
    return limits;
  }

  /**
   * Parses every line of {@code in} ({@code \n} or {@code \r\n} terminated), numbering them from
   * 0, and reports to {@code listener}. A line longer than the parser's limit is rejected unread.
   * Does not close {@code in}.
   *
   * @return the number of lines read, blank ones included
   * @throws IOException only if reading fails; bad content never throws
   */
  public long parse(Reader in, BetfairListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    LineReader lines = new LineReader(in, maxLineChars);
    long index = 0;
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (lines.tooLong()) {
        listener.onRejected(new Rejection(index,
            "line is longer than " + maxLineChars + " characters (betfair.maxLineChars),"
                + " skipped"));
      } else {
        parseLine(index, line, listener);
      }
      index++;
    }
    return index;
  }

  /**
   * Parses one line (without its line terminator); a blank line produces nothing.
   *
   * @param index the line's 0-based number, reported in ticks and rejections
   */
  public void parseLine(long index, String line, BetfairListener listener) {
    if (line.isBlank()) {
      return;
    }
    JsonNode root;
    try {
      root = json.readTree(line);
    } catch (StreamConstraintsException e) {
      listener.onRejected(new Rejection(index, JsonLimitReason.of(e, limits)));
      return;
    } catch (JsonProcessingException e) {
      listener.onRejected(new Rejection(index, invalidJson(e)));
      return;
    }
    try {
      message(index, root, listener);
    } catch (BadField e) {
      listener.onRejected(new Rejection(index, e.getMessage()));
    }
  }

  /** Drops the definition of a market, so that later ticks of it are rejected until a new one. */
  public boolean forget(String marketId) {
    return definitions.remove(marketId) != null;
  }

  private void forgetOldestClosed() {
    String oldest = closed.poll();
    if (oldest == null) {
      return;
    }
    closedCount.decrementAndGet();
    // A market reopened since it closed keeps its definition.
    definitions.computeIfPresent(oldest, (id, d) -> d.isClosed() ? null : d);
  }

  /** The number of markets whose definition is held. */
  public int marketCount() {
    return definitions.size();
  }

  private void message(long index, JsonNode root, BetfairListener listener) throws BadField {
    JsonFields.object(root, "line");
    JsonNode op = JsonFields.optional(root, "op");
    if (op != null && !"mcm".equals(op.asText())) {
      return;
    }
    JsonNode changes = JsonFields.optional(root, "mc");
    if (changes == null) {
      return;
    }
    JsonFields.array(changes, "mc");
    if (changes.isEmpty()) {
      return;
    }
    long pt = JsonFields.integer(JsonFields.required(root, "pt", "pt"), "pt",
        "an integer (epoch milliseconds)");
    for (int i = 0; i < changes.size(); i++) {
      try {
        marketChange(index, pt, i, changes.get(i), listener);
      } catch (BadField e) {
        listener.onRejected(new Rejection(index, e.getMessage()));
      }
    }
  }

  private void marketChange(long index, long pt, int i, JsonNode change, BetfairListener listener)
      throws BadField {
    String path = "mc[" + i + "]";
    JsonFields.object(change, path);
    String marketId = JsonFields.id(JsonFields.required(change, "id", path + ".id"), path + ".id");
    JsonNode definition = JsonFields.optional(change, "marketDefinition");
    if (definition != null) {
      MarketDefinition parsed = definition(definition, path + ".marketDefinition");
      MarketDefinition previous = definitions.put(marketId, parsed);
      if (previous != null && !previous.status().equals(parsed.status())) {
        listener.onMarketStatus(new MarketStatusChange(parsed.eventId(), parsed.marketType(),
            marketId, parsed.status(), pt, index));
      }
      if (parsed.isClosed() && (previous == null || !previous.isClosed())) {
        closed.add(marketId);
        if (closedCount.incrementAndGet() > MAX_CLOSED_MARKETS) {
          forgetOldestClosed();
        }
      }
    }
    JsonNode runners = JsonFields.optional(change, "rc");
    if (runners == null) {
      return;
    }
    JsonFields.array(runners, path + ".rc");
    for (int j = 0; j < runners.size(); j++) {
      try {
        runnerChange(index, pt, i, j, marketId, runners.get(j), listener);
      } catch (BadField e) {
        listener.onRejected(new Rejection(index, e.getMessage()));
      }
    }
  }

  private void runnerChange(long index, long pt, int i, int j, String marketId, JsonNode runner,
      BetfairListener listener) throws BadField {
    String path = "mc[" + i + "].rc[" + j + "]";
    JsonFields.object(runner, path);
    JsonNode ltp = JsonFields.optional(runner, "ltp");
    if (ltp == null) {
      return;
    }
    long id = JsonFields.integer(JsonFields.required(runner, "id", path + ".id"), path + ".id",
        "an integer selection id");
    double price = JsonFields.number(ltp, path + ".ltp");
    String selection = selection(id, JsonFields.optional(runner, "hc"), path + ".hc");
    // Read at each runner change, not once per market change: the definition may be in this line.
    MarketDefinition definition = definitions.get(marketId);
    if (definition == null) {
      throw new BadField(path + ": no marketDefinition seen yet for market " + marketId);
    }
    OddsTick tick =
        new OddsTick(definition.eventId(), definition.marketType(), selection, price, pt);
    BetfairTick mapped = new BetfairTick(index, i, j, marketId, tick, definition.inPlay(),
        definition.kickoffMillis());
    if (definition.isOpen()) {
      listener.onTick(mapped);
    } else {
      listener.onIgnored(mapped);
    }
  }

  private static String selection(long id, JsonNode handicap, String path) throws BadField {
    if (handicap == null) {
      return Long.toString(id);
    }
    double hc = JsonFields.number(handicap, path);
    if (!Double.isFinite(hc)) {
      throw new BadField(path + " must be a finite number, got " + hc);
    }
    return hc == 0.0
        ? Long.toString(id)
        : id + "@" + new BigDecimal(handicap.asText()).stripTrailingZeros().toPlainString();
  }

  private static MarketDefinition definition(JsonNode node, String path) throws BadField {
    JsonFields.object(node, path);
    String eventId =
        JsonFields.id(JsonFields.required(node, "eventId", path + ".eventId"), path + ".eventId");
    String marketType = JsonFields.text(
        JsonFields.required(node, "marketType", path + ".marketType"), path + ".marketType");
    String status = JsonFields.text(JsonFields.required(node, "status", path + ".status"),
        path + ".status").toUpperCase(Locale.ROOT);
    JsonNode inPlay = JsonFields.optional(node, "inPlay");
    JsonNode marketTime = JsonFields.optional(node, "marketTime");
    return new MarketDefinition(eventId, marketType.toLowerCase(Locale.ROOT), status,
        inPlay != null && JsonFields.bool(inPlay, path + ".inPlay"),
        marketTime == null ? null : JsonFields.instantMillis(marketTime, path + ".marketTime"));
  }

  private static String invalidJson(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    int newline = message.indexOf('\n');
    message = newline < 0 ? message : message.substring(0, newline);
    if (message.length() > MAX_JSON_ERROR) {
      message = message.substring(0, MAX_JSON_ERROR) + "...";
    }
    return e.getLocation() == null
        ? "invalid JSON: " + message
        : "invalid JSON at column " + e.getLocation().getColumnNr() + ": " + message;
  }
}
