package dev.oddscache.tools.sim;

import java.util.List;

/**
 * Plays a {@link TickFeed} on virtual time: each event at its {@code pt} (nanos since the run's
 * start, which is the feed's start), a price to the {@link PriceBook} and to the policy's
 * detector, a status change to the policy's detector. Only the next instant is ever queued, so
 * the event queue stays small however long the feed. Not thread-safe.
 */
final class FeedPlayer implements Runnable {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final VirtualTime time;
  private final TickFeed feed;
  private final PriceBook book;
  private final SimPolicy policy;
  private final List<TickFeed.Event> events;
  private int next;

  FeedPlayer(VirtualTime time, TickFeed feed, PriceBook book, SimPolicy policy) {
    this.time = time;
    this.feed = feed;
    this.book = book;
    this.policy = policy;
    this.events = feed.events();
  }

  /** Queues the first instant. */
  void start() {
    if (!events.isEmpty()) {
      time.at(nanosOf(events.get(0)), this);
    }
  }

  private long nanosOf(TickFeed.Event e) {
    return (e.ptMillis() - feed.startMillis()) * NANOS_PER_MILLI;
  }

  @Override
  public void run() {
    long pt = events.get(next).ptMillis();
    while (next < events.size() && events.get(next).ptMillis() == pt) {
      apply(events.get(next++));
    }
    if (next < events.size()) {
      time.at(nanosOf(events.get(next)), this);
    }
  }

  private void apply(TickFeed.Event event) {
    if (event instanceof TickFeed.Tick t) {
      book.update(t.market(), t.selection(), t.tick().odds());
      policy.tick(t.tick());
    } else {
      TickFeed.Market m = feed.markets().get(event.market());
      policy.marketStatusChanged(m.matchId(), m.market(), event.ptMillis());
    }
  }

  /** Events applied so far. */
  int applied() {
    return next;
  }
}
