package dev.oddscache.redis.feed;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.vix.TickResult;
import dev.oddscache.vix.VixDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One feed for the fleet: every instance appends the ticks (and market suspensions) it takes to
 * the Redis Stream {@code {prefix}:ticks}, and every instance applies the whole stream, in stream
 * order, to its own {@link VixDetector}, its own entries included, so all detectors and drift
 * epochs see one sequence.
 *
 * <p>{@link #publish} never applies an appended event itself: its reader applies it when it
 * comes back from the stream (applying it twice would move the EWMA twice), and {@code publish}
 * waits up to {@link FeedConfig#applyWait()} for that, so its answer is what the detector did
 * and the next request to this instance sees the tick. When the stream cannot take an event
 * (Redis down or slow), it is applied here at once and queued in a {@link FeedBacklog}, appended
 * in order when Redis is back and marked as applied by its origin, which then skips it.
 *
 * <p>An append that timed out may still have run, and a backlog append may be retried: every
 * instance skips an entry whose origin and sequence number it read lately, and the origin skips
 * its own entries it applied itself, so each event is applied once everywhere.
 *
 * <p>Costs: one XADD per event, pipelined per call; per instance, one round trip (XRANGE of the
 * oldest entry, then XREAD) per batch of up to {@value FeedReader#BATCH} entries. Thread-safe.
 */
public final class RedisFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisFeed.class);
  /** XADDs in one pipelined round: bounds what one failure leaves undecided. */
  static final int CHUNK = 500;
  private static final long FLUSH_EVERY_MILLIS = 250;
  /** How many uncertain appends are remembered; a timed-out XADD that ran shows up at once. */
  private static final int UNCERTAIN_KEPT = 100_000;

  private final String instanceId;
  private final VixDetector detector;
  private final FeedConfig config;
  private final TickStream stream;
  private final FeedReader reader;
  private final FeedBacklog backlog;
  private final ScheduledExecutorService flusher;
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentHashMap<Long, Waiter.Slot> waiting = new ConcurrentHashMap<>();
  /** Own entries whose XADD failed or timed out, applied here: skipped if they do show up. */
  private final UncertainAppends uncertain = new UncertainAppends(UNCERTAIN_KEPT);
  /** Entries read lately, so one appended twice is applied once (reader thread only). */
  private final RecentEntries recent = new RecentEntries(UNCERTAIN_KEPT);
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder appended = new LongAdder();
  private final LongAdder appliedFromStream = new LongAdder();
  private final LongAdder appliedLocally = new LongAdder();
  private final LongAdder skippedOwn = new LongAdder();
  private final Object flushing = new Object();
  private final List<Consumer<FeedEvent>> appliedListeners = new CopyOnWriteArrayList<>();
  private volatile boolean backlogWarned;

  private RedisFeed(RedisConnector redis, FeedConfig config, String instanceId,
      VixDetector detector) {
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.detector = Objects.requireNonNull(detector, "detector");
    this.config = Objects.requireNonNull(config, "config");
    this.stream = new TickStream(redis, config.maxLength());
    this.backlog = new FeedBacklog(config.maxBacklog());
    this.reader = new FeedReader(redis, stream.key(), config.replayWindow(), this::applyEntry);
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "oddscache-feed-flush");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts reading the stream (replaying its last {@link FeedConfig#replayWindow()} first) and
   * appending the backlog whenever there is one.
   *
   * @param instanceId this instance's id, unique in the fleet: how it knows its own entries
   */
  public static RedisFeed start(RedisConnector redis, FeedConfig config, String instanceId,
      VixDetector detector) {
    RedisFeed feed = new RedisFeed(redis, config, instanceId, detector);
    feed.reader.start();
    feed.flusher.scheduleWithFixedDelay(feed::flushBacklog, FLUSH_EVERY_MILLIS,
        FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    return feed;
  }

  /** The stream's key, {@code {prefix}:ticks}. */
  public static String streamKey(String prefix) {
    return TickStream.key(prefix);
  }

  /**
   * Puts {@code events} on the feed, in order. Ticks must be valid (the detector would not reject
   * them): invalid ones are the caller's to reject.
   *
   * @return per event, in order: what the detector did with the tick, once this instance applied
   *     it; null for a market status change, and for a tick appended but not back from the
   *     stream within {@link FeedConfig#applyWait()} (it is applied when it comes)
   */
  public TickResult[] publish(List<FeedEvent> events) {
    TickResult[] results = new TickResult[events.size()];
    for (int from = 0; from < events.size(); from += CHUNK) {
      publishChunk(events.subList(from, Math.min(events.size(), from + CHUNK)), results, from);
    }
    return results;
  }

  private void publishChunk(List<FeedEvent> events, TickResult[] results, int offset) {
    if (backlog.active()) {
      applyHere(events, null, 0, results, offset);
      return;
    }
    Waiter waiter = new Waiter(results, offset, events.size());
    List<FeedEntry> entries = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      long seq = sequence.incrementAndGet();
      entries.add(new FeedEntry(events.get(i), instanceId, seq, false));
      waiting.put(seq, waiter.at(i));
    }
    int done = stream.append(entries);
    appended.add(done);
    for (int i = done; i < entries.size(); i++) {
      long seq = entries.get(i).seq();
      waiting.remove(seq);
      // A timed-out XADD may still have run: if this entry shows up, it is not applied again.
      uncertain.add(seq);
      waiter.latch.countDown();
    }
    if (done > 0 && reader.live()) {
      waiter.await(config.applyWait());
    }
    if (done < entries.size()) {
      // After the appended part came back, so that this detector keeps the events' order.
      applyHere(events, entries, done, results, offset);
    }
    for (int i = 0; i < done; i++) {
      waiting.remove(entries.get(i).seq());
    }
  }

  /**
   * Applies {@code events} from {@code from} on here and queues them for the stream, under the
   * sequence numbers of {@code entries} when they had some.
   */
  private void applyHere(List<FeedEvent> events, List<FeedEntry> entries, int from,
      TickResult[] results, int offset) {
    for (int i = from; i < events.size(); i++) {
      FeedEvent event = events.get(i);
      results[offset + i] = apply(event);
      appliedLocally.increment();
      long seq = entries == null ? sequence.incrementAndGet() : entries.get(i).seq();
      backlog.add(new FeedEntry(event, instanceId, seq, true));
    }
    if (!backlogWarned) {
      backlogWarned = true;
      log.atWarn().addKeyValue("stream", stream.key()).addKeyValue("backlog", backlog.size())
          .log("feed stream unavailable: ticks apply on this instance only and are appended"
              + " when Redis is back");
      flusher.execute(this::flushBacklog);
    }
  }

  private void applyEntry(FeedEntry entry) {
    boolean own = entry.origin().equals(instanceId);
    if (own && (entry.preapplied() || uncertain.remove(entry.seq()))) {
      skippedOwn.increment();
      return;
    }
    if (recent.seenBefore(entry.origin(), entry.seq())) {
      duplicates.increment();
      return;
    }
    TickResult result = apply(entry.event());
    appliedFromStream.increment();
    if (own) {
      Waiter.Slot slot = waiting.remove(entry.seq());
      if (slot != null) {
        slot.complete(result);
      }
    }
    for (Consumer<FeedEvent> listener : appliedListeners) {
      listener.accept(entry.event());
    }
  }

  /**
   * Tells {@code listener} of each event applied from the stream, right after the detector took
   * it, on the reader thread: it must be quick and must not throw.
   */
  public void onApplied(Consumer<FeedEvent> listener) {
    appliedListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private TickResult apply(FeedEvent event) {
    if (event instanceof FeedEvent.Tick t) {
      return detector.accept(t.tick());
    }
    FeedEvent.MarketStatus s = (FeedEvent.MarketStatus) event;
    try {
      detector.marketStatusChanged(s.matchId(), s.market(), s.timestampMillis());
    } catch (IllegalArgumentException e) {
      // A blank market from an entry another version wrote: nothing to advance.
      log.atDebug().addKeyValue("match", s.matchId()).log("feed market status skipped");
    }
    return null;
  }

  /** Appends the backlog in order while Redis takes it; runs on the flusher thread. */
  private void flushBacklog() {
    synchronized (flushing) {
      try {
        while (backlog.active()) {
          List<FeedEntry> head = backlog.peek(CHUNK);
          int done = head.isEmpty() ? 0 : stream.append(head);
          appended.add(done);
          if (backlog.remove(head, done)) {
            log.atInfo().addKeyValue("stream", stream.key())
                .addKeyValue("dropped", backlog.dropped())
                .log("feed stream back: the ticks taken meanwhile are appended");
            backlogWarned = false;
            return;
          }
          if (done < head.size()) {
            return;
          }
        }
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("error", e.toString()).log("feed backlog append failed");
      }
    }
  }

  /** Waits up to {@code max} for the replay of the stream's recent past; whether it is done. */
  public boolean awaitReplay(Duration max) {
    return reader.awaitCaughtUp(max);
  }

  public String instanceId() {
    return instanceId;
  }

  public FeedConfig config() {
    return config;
  }

  /** Counters for status pages and tests. */
  public FeedStats stats() {
    StreamId position = reader.position();
    return new FeedStats(reader.live(), appended.sum(), appliedFromStream.sum(),
        appliedLocally.sum(), skippedOwn.sum(), duplicates.sum(), backlog.size(),
        backlog.dropped(), reader.gaps(), reader.malformed(),
        position == null ? null : position.toString());
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    reader.close();
  }

  /** One publish call's events waiting to come back from the stream. */
  private static final class Waiter {
    final TickResult[] results;
    final int offset;
    final CountDownLatch latch;

    Waiter(TickResult[] results, int offset, int count) {
      this.results = results;
      this.offset = offset;
      this.latch = new CountDownLatch(count);
    }

    Slot at(int index) {
      return new Slot(this, offset + index);
    }

    void await(Duration max) {
      try {
        latch.await(max.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    record Slot(Waiter waiter, int index) {
      void complete(TickResult result) {
        // Written before the count down, read after the await: the latch orders them.
        waiter.results[index] = result;
        waiter.latch.countDown();
      }
    }
  }
}
