package dev.oddscache.redis.feed;

/**
 * What a {@link RedisFeed} has done since it started, for status pages and tests.
 *
 * @param live whether its reader's last read succeeded
 * @param appended entries it appended to the stream, backlog included
 * @param appliedFromStream entries its detector took from the stream, its own included
 * @param appliedLocally events it applied itself because the stream could not take them
 * @param skippedOwn its own entries read back that it had already applied
 * @param duplicates entries read twice (an append retried or timed out but run), applied once
 * @param backlog events waiting to be appended
 * @param backlogDropped events dropped from a full backlog (applied here, never appended)
 * @param gaps times the stream was trimmed past, or lost behind, its last read entry
 * @param malformed entries skipped because they could not be read
 * @param position the id of its last read entry (or where its replay began), null before
 */
public record FeedStats(boolean live, long appended, long appliedFromStream, long appliedLocally,
    long skippedOwn, long duplicates, long backlog, long backlogDropped, long gaps, long malformed,
    String position) {}
