package dev.oddscache.tools.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.oddscache.vix.VixConfig;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of a replay: per file, per market, and the episodes. Immutable once built. */
final class ReplayResult {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Comparator<Episode> EPISODE_ORDER = Comparator
      .comparingLong(Episode::startMillis)
      .thenComparing(Episode::match)
      .thenComparing(Episode::market);

  private final VixConfig config;
  private final List<FileReplay> files;
  private final List<MarketReplay> markets;
  private final List<Episode> episodes;
  private final List<SkippedFile> skipped;

  /**
   * @param markets in order of their first tick in the input
   */
  ReplayResult(VixConfig config, List<FileReplay> files, List<MarketReplay> markets) {
    this(config, files, markets, List.of());
  }

  /**
   * @param markets in order of their first tick in the input
   * @param skipped the files given that were not stream files
   */
  ReplayResult(VixConfig config, List<FileReplay> files, List<MarketReplay> markets,
      List<SkippedFile> skipped) {
    this.skipped = List.copyOf(skipped);
    this.config = config;
    this.files = List.copyOf(files);
    this.markets = List.copyOf(markets);
    List<Episode> all = new ArrayList<>();
    for (MarketReplay m : markets) {
      all.addAll(m.episodes());
    }
    all.sort(EPISODE_ORDER);
    this.episodes = List.copyOf(all);
  }

  VixConfig config() {
    return config;
  }

  List<FileReplay> files() {
    return files;
  }

  List<SkippedFile> skipped() {
    return skipped;
  }

  List<MarketReplay> markets() {
    return markets;
  }

  /** Every market's episodes, by start time, then match and market. */
  List<Episode> episodes() {
    return episodes;
  }

  long ticks() {
    return files.stream().mapToLong(FileReplay::accepted).sum();
  }

  long rejected() {
    return files.stream().mapToLong(FileReplay::rejected).sum();
  }

  boolean hasErrors() {
    return files.stream().anyMatch(f -> f.error() != null);
  }

  /** The {@code --json} output: exactly {@code {"ticks", "rejected", "episodes": [...]}}. */
  Map<String, Object> toJson() {
    List<Map<String, Object>> list = new ArrayList<>(episodes.size());
    for (Episode e : episodes) {
      list.add(e.toJson());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ticks", ticks());
    json.put("rejected", rejected());
    json.put("episodes", list);
    return json;
  }

  String toJsonText() {
    try {
      return JSON.writeValueAsString(toJson()) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
