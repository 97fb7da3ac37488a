/**
 * {@code oddscache replay}: Betfair stream files through the real {@link
 * dev.oddscache.vix.VixDetector}, with each market's status timeline, its PANIC episodes, a text
 * summary, a JSON result and a chart report.
 *
 * <p>{@link dev.oddscache.tools.replay.Replayer} runs the files; {@link
 * dev.oddscache.tools.replay.RunTracker} turns a market's held statuses into runs, of which
 * PANIC runs are the {@link dev.oddscache.tools.replay.Episode}s; the rest renders a {@link
 * dev.oddscache.tools.replay.ReplayResult}.
 */
package dev.oddscache.tools.replay;
