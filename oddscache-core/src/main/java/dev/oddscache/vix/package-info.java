/**
 * The volatility index: turns live odds ticks into NORMAL / WARNING / PANIC statuses per market and
 * per match.
 *
 * <p>{@link dev.oddscache.vix.VixDetector} is the entry point; it is configured by an immutable
 * {@link dev.oddscache.vix.VixConfig}, consumes {@link dev.oddscache.vix.OddsTick}s and answers
 * each with a {@link dev.oddscache.vix.TickResult}. Everything else in the package is its
 * package-private state.
 */
package dev.oddscache.vix;
