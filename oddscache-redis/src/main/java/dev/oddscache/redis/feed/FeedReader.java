package dev.oddscache.redis.feed;

import dev.oddscache.redis.BlockingConnection;
import dev.oddscache.redis.RedisConnector;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole tick stream, in order, on a thread and a connection of its own: {@code XREAD
 * COUNT n BLOCK 1s} from its last id (not a consumer group: every instance needs every entry),
 * handing each entry to the sink.
 *
 * <p>It starts {@code replayWindow} back in the stream, by Redis's clock, so a new instance warms
 * its detector first; {@link #awaitCaughtUp} tells when that replay is done. Each read is
 * preceded, in the same round trip, by a look at the stream's oldest entry: if the stream was
 * trimmed past its last id (it fell more than {@code maxLength} behind, or was away that long)
 * the gap is counted and logged and it goes on from the oldest entry. After every failure and
 * every ten seconds it also looks at the newest entry: older than its last id, the stream was
 * lost and recreated (Redis restarted empty, a failover to a replica that lagged), which counts
 * as a gap too, and it reads the new stream from its start. Failures are logged on change and
 * retried every {@code retry}.
 */
final class FeedReader implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(FeedReader.class);
  static final int BATCH = 1000;
  private static final Duration BLOCK = Duration.ofSeconds(1);
  private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final RedisConnector redis;
  private final String key;
  private final Duration replayWindow;
  private final Duration retry;
  private final Consumer<FeedEntry> sink;
  private final Thread thread;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final LongAdder read = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder gaps = new LongAdder();
  private volatile boolean closed;
  private volatile boolean live;
  private volatile StreamId position;
  /** Whether {@link #position} is an entry read, rather than where the replay began. */
  private boolean positionRead;
  private boolean checkDue = true;
  private long lastCheckNanos;
  private long replayed;
  private String failing;
  private volatile BlockingConnection connection;

  FeedReader(RedisConnector redis, String key, Duration replayWindow, Consumer<FeedEntry> sink) {
    this.redis = redis;
    this.key = key;
    this.replayWindow = replayWindow;
    this.retry = redis.settings().reconnectInterval();
    this.sink = sink;
    this.thread = new Thread(this, "oddscache-feed-reader");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Waits at most {@code max} until the replay is done: all there was has been read. */
  boolean awaitCaughtUp(Duration max) {
    try {
      return caughtUp.await(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the last read succeeded: entries are arriving as they are appended. */
  boolean live() {
    return live;
  }

  long entriesRead() {
    return read.sum();
  }

  long malformed() {
    return malformed.sum();
  }

  long gaps() {
    return gaps.sum();
  }

  /** The id of the last entry read, or where the replay starts; null before the first read. */
  StreamId position() {
    return position;
  }

  @Override
  public void run() {
    while (!closed) {
      try {
        BlockingConnection c = connection();
        if (position == null) {
          position = replayStart(c.sync());
          log.atInfo().addKeyValue("stream", key).addKeyValue("from", position)
              .addKeyValue("replayWindow", replayWindow).log("feed reader replaying");
        }
        if (checkDue || System.nanoTime() - lastCheckNanos > CHECK_EVERY_NANOS) {
          checkReset(c.sync());
        }
        List<StreamMessage<String, byte[]>> batch = read(c);
        recovered();
        int n = batch == null ? 0 : batch.size();
        for (int i = 0; i < n; i++) {
          StreamMessage<String, byte[]> message = batch.get(i);
          position = StreamId.parse(message.getId());
          positionRead = true;
          read.increment();
          apply(message);
        }
        if (caughtUp.getCount() > 0) {
          replayed += n;
          if (n < BATCH) {
            log.atInfo().addKeyValue("stream", key).addKeyValue("entries", replayed)
                .addKeyValue("position", position).log("feed reader caught up");
            caughtUp.countDown();
          }
        }
      } catch (RuntimeException e) {
        if (closed) {
          break;
        }
        failed(e);
        pause();
      }
    }
  }

  /**
   * One round trip: the stream's oldest entry, then {@code XREAD} from the position, pipelined,
   * so the oldest is read just before the entries and tells whether trimming passed the
   * position since the last read.
   */
  private List<StreamMessage<String, byte[]>> read(BlockingConnection c) {
    RedisFuture<List<StreamMessage<String, byte[]>>> oldest =
        c.async().xrange(key, Range.unbounded(), Limit.from(1));
    RedisFuture<List<StreamMessage<String, byte[]>>> entries = c.async().xread(
        new XReadArgs().count(BATCH).block(BLOCK),
        XReadArgs.StreamOffset.from(key, position.toString()));
    List<StreamMessage<String, byte[]>> first = await(oldest);
    if (positionRead && first != null && !first.isEmpty()
        && StreamId.parse(first.get(0).getId()).isAfter(position)) {
      gaps.increment();
      log.atWarn().addKeyValue("stream", key).addKeyValue("lastRead", position)
          .addKeyValue("oldest", first.get(0).getId()).addKeyValue("gaps", gaps.sum())
          .log("feed stream trimmed past this instance's last entry: ticks in between are"
              + " lost to it; going on from the oldest entry");
    }
    return await(entries);
  }

  private static <T> T await(RedisFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisCommandInterruptedException(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new RedisException(cause);
    }
  }

  private BlockingConnection connection() {
    if (connection == null) {
      connection = redis.openBlocking(BLOCK.plus(redis.settings().commandTimeout())
          .plus(Duration.ofSeconds(1)));
      if (closed) {
        connection.close();
      }
    }
    return connection;
  }

  private StreamId replayStart(RedisClusterCommands<String, byte[]> commands) {
    List<byte[]> time = commands.time();
    long serverMillis = Long.parseLong(new String(time.get(0), StandardCharsets.US_ASCII)) * 1000
        + Long.parseLong(new String(time.get(1), StandardCharsets.US_ASCII)) / 1000;
    return new StreamId(Math.max(0, serverMillis - replayWindow.toMillis()), 0);
  }

  /**
   * Whether the stream's newest entry is older than the position: the stream was lost and
   * recreated, so the position would skip every new entry.
   */
  private void checkReset(RedisClusterCommands<String, byte[]> commands) {
    lastCheckNanos = System.nanoTime();
    checkDue = false;
    if (!positionRead) {
      return;
    }
    List<StreamMessage<String, byte[]>> newest =
        commands.xrevrange(key, Range.unbounded(), Limit.from(1));
    if (!newest.isEmpty() && position.isAfter(StreamId.parse(newest.get(0).getId()))) {
      gaps.increment();
      log.atWarn().addKeyValue("stream", key).addKeyValue("lastRead", position)
          .addKeyValue("newest", newest.get(0).getId()).addKeyValue("gaps", gaps.sum())
          .log("feed stream is older than what this instance read: it was lost and recreated;"
              + " reading the new stream from its start");
      position = StreamId.ZERO;
    }
  }

  private void apply(StreamMessage<String, byte[]> message) {
    FeedEntry entry;
    try {
      entry = FeedEntryCodec.decode(message.getBody());
    } catch (IllegalArgumentException e) {
      malformed.increment();
      // An entry this version did not write; once per entry would flood, so at DEBUG after
      // the first.
      (malformed.sum() == 1 ? log.atWarn() : log.atDebug()).addKeyValue("stream", key)
          .addKeyValue("id", message.getId()).addKeyValue("error", e.getMessage())
          .log("feed entry skipped: not a tick this version reads");
      return;
    }
    sink.accept(entry);
  }

  private void failed(RuntimeException e) {
    live = false;
    checkDue = true;
    String cause = e.getClass().getSimpleName() + ": " + e.getMessage();
    (failing == null ? log.atWarn() : log.atDebug()).addKeyValue("stream", key)
        .addKeyValue("error", cause).addKeyValue("retryEvery", retry)
        .log("feed reader cannot read the stream; ticks from other instances wait");
    failing = cause;
  }

  private void recovered() {
    if (failing != null) {
      log.atInfo().addKeyValue("stream", key).addKeyValue("position", position)
          .log("feed reader reading again");
      failing = null;
    }
    live = true;
  }

  private void pause() {
    try {
      Thread.sleep(retry.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  void close() {
    closed = true;
    thread.interrupt();
    BlockingConnection c = connection;
    if (c != null) {
      c.close();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
