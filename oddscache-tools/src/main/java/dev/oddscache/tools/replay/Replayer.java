package dev.oddscache.tools.replay;

import dev.oddscache.Status;
import dev.oddscache.server.betfair.BetfairIngest;
import dev.oddscache.server.betfair.BetfairInput;
import dev.oddscache.server.betfair.BetfairStreamParser;
import dev.oddscache.server.betfair.BetfairTick;
import dev.oddscache.server.betfair.IngestResult;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.TickResult;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.vix.VixDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays Betfair stream files through one real {@link VixDetector}, in the order given, and
 * tracks each market's held status after every accepted tick, queried at the tick's own {@code
 * pt}: time is only ever the feed's, so a replay is deterministic and takes no wall-clock waits.
 *
 * <p>Each file gets its own parser (market definitions do not leak between files) but all share
 * the detector, so a market that spans several files, in time order, is one market. Not
 * thread-safe; one replay per instance.
 */
final class Replayer {
  /** How many rejections of each file the summary shows. */
  static final int SHOWN_REJECTIONS = 5;

  private final VixConfig config;
  private final boolean keepPrices;
  private final RunnerNames names;
  private final VixDetector detector;
  private final Map<MarketKey, MarketReplay> markets = new LinkedHashMap<>();

  /**
   * @param keepPrices whether to keep every accepted price for the charts; memory then grows with
   *     the ticks, where otherwise it grows with the markets and selections only
   */
  Replayer(VixConfig config, boolean keepPrices) {
    this(config, keepPrices, RunnerNames.NONE);
  }

  /** @param names what market catalogues call the events, markets and runners of the files */
  Replayer(VixConfig config, boolean keepPrices, RunnerNames names) {
    this.names = Objects.requireNonNull(names, "names");
    this.config = Objects.requireNonNull(config, "config");
    this.keepPrices = keepPrices;
    this.detector = new VixDetector(config);
  }

  ReplayResult run(List<Path> files) {
    return run(files, List.of());
  }

  /** Replays {@code files}; {@code skipped} are reported beside them, not read. */
  ReplayResult run(List<Path> files, List<SkippedFile> skipped) {
    List<FileReplay> replays = new ArrayList<>();
    for (Path file : files) {
      replays.add(replay(file));
    }
    markets.values().forEach(MarketReplay::finish);
    return new ReplayResult(config, replays, new ArrayList<>(markets.values()), skipped);
  }

  private FileReplay replay(Path file) {
    BetfairIngest ingest =
        new BetfairIngest(detector, new BetfairStreamParser(), SHOWN_REJECTIONS);
    long[] accepted = {0};
    try (BufferedReader in = BetfairInput.open(file)) {
      IngestResult r = ingest.ingest(in, (tick, result) -> {
        accepted[0]++;
        onAccepted(tick, result);
      });
      return new FileReplay(file, r.lines(), r.accepted(), r.rejectedCount(), r.outOfOrder(),
          r.ignored(), r.rejected(), null);
    } catch (IOException e) {
      // The ticks accepted before the failure stay in the detector and the markets, so they are
      // counted; the rest of the file's figures are lost with the ingest's result.
      return new FileReplay(file, 0, accepted[0], 0, 0, 0, List.of(), e.toString());
    }
  }

  private void onAccepted(BetfairTick tick, TickResult result) {
    OddsTick t = tick.tick();
    MarketKey key = new MarketKey(t.matchId(), t.market());
    Status held = detector.marketStatus(t.matchId(), t.market(), t.timestampMillis());
    markets.computeIfAbsent(key,
        k -> new MarketReplay(k, config.hold().toMillis(), keepPrices, names))
        .onTick(tick, result, held);
  }
}
