package dev.oddscache.redis.feed;

import java.util.Objects;

/**
 * One entry of the tick stream: the event, the instance that took it and that instance's
 * sequence number for it (how it recognises its own entries coming back), and whether the origin
 * already applied it itself (taken while Redis was down, appended later), so it must not apply
 * it again.
 */
record FeedEntry(FeedEvent event, String origin, long seq, boolean preapplied) {
  FeedEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(origin, "origin");
  }
}
