package dev.oddscache.tools.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.betfair.BetfairInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Betfair market catalogue (the API's {@code listMarketCatalogue} item, as Betfair's
 * historical data ships beside a stream file as {@code <market>.catalogue.json}): the names of a
 * market, its event and its runners. It holds no prices, so a replay reads it for names only.
 * Immutable.
 *
 * @param marketId such as {@code 1.197931750}
 * @param marketName such as {@code OR 280m}, or null
 * @param eventName such as {@code Sheffield 19th Apr}, or null
 * @param runners runner name by selection id
 */
record MarketCatalogue(String marketId, String marketName, String eventName,
    Map<String, String> runners) {
  /** A catalogue is small: a file larger than this is not one. */
  static final int MAX_CHARS = 4 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  MarketCatalogue {
    runners = Map.copyOf(runners);
  }

  /**
   * The catalogues of {@code file} (one object, or an array of them), or an empty list when it
   * is something else, such as a stream file.
   *
   * @throws IOException if the file cannot be read
   */
  static List<MarketCatalogue> read(Path file) throws IOException {
    String text;
    try (BufferedReader in = BetfairInput.open(file)) {
      String first = in.readLine();
      if (first == null || isStreamMessage(first)) {
        return List.of();
      }
      StringBuilder sb = new StringBuilder(first).append('\n');
      char[] buffer = new char[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        sb.append(buffer, 0, n);
        if (sb.length() > MAX_CHARS) {
          return List.of();
        }
      }
      text = sb.toString().strip();
    }
    if (!text.startsWith("{") && !text.startsWith("[")) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return List.of();
    }
    List<MarketCatalogue> catalogues = new ArrayList<>();
    for (JsonNode node : root.isArray() ? root : List.of(root)) {
      MarketCatalogue c = of(node);
      if (c == null) {
        return List.of();
      }
      catalogues.add(c);
    }
    return catalogues;
  }

  private static boolean isStreamMessage(String line) {
    try {
      JsonNode op = JSON.readTree(line).get("op");
      return op != null && !"marketCatalogue".equals(op.asText());
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** The catalogue of {@code node}, or null when it is not one. */
  private static MarketCatalogue of(JsonNode node) {
    if (!node.isObject() || !node.path("marketId").isTextual()
        || !node.path("runners").isArray()) {
      return null;
    }
    Map<String, String> runners = new LinkedHashMap<>();
    for (JsonNode r : node.get("runners")) {
      if (r.path("selectionId").canConvertToLong() && r.path("runnerName").isTextual()) {
        runners.put(Long.toString(r.get("selectionId").asLong()), r.get("runnerName").asText());
      }
    }
    return new MarketCatalogue(node.get("marketId").asText(), text(node.path("marketName")),
        text(node.path("event").path("name")), runners);
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
