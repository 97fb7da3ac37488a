/**
 * Betfair Exchange stream and historical-data files: newline-delimited JSON {@code mcm} messages
 * turned into {@link dev.oddscache.vix.OddsTick}s.
 *
 * <p>{@link dev.oddscache.server.betfair.BetfairStreamParser} maps one line at a time and keeps
 * only the last market definition per market; {@link dev.oddscache.server.betfair.BetfairInput}
 * opens plain, gzip and bzip2 input by its magic bytes; {@link
 * dev.oddscache.server.betfair.BetfairIngest} feeds a {@link dev.oddscache.vix.VixDetector} and
 * answers with the {@code {"accepted", "rejected"}} result of {@code POST /v1/odds/betfair}.
 */
package dev.oddscache.server.betfair;
