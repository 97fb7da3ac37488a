package dev.oddscache.vix;

/**
 * One price observation of one selection, as it arrives from a feed.
 *
 * <p>The constructor accepts anything, because ticks come from untrusted feeds and the {@link
 * VixDetector} must see bad ones to reject and count them. A tick is valid when the three ids are
 * non-blank and {@code odds} is a finite decimal price above 1.0.
 *
 * @param matchId the match (event) id, compared exactly
 * @param market the market id, such as {@code 1x2} or {@code over_under_25}; compared after
 *     {@link dev.oddscache.Markets#normalise(String)}
 * @param selection the outcome within the market, such as {@code home}; compared exactly
 * @param odds decimal odds (European format: 2.0 means even money)
 * @param timestampMillis when the price was observed, in epoch milliseconds of the feed's clock
 */
public record OddsTick(
    String matchId, String market, String selection, double odds, long timestampMillis) {}
