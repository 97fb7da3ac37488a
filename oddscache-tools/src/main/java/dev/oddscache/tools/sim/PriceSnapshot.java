package dev.oddscache.tools.sim;

/**
 * The prices of one market's selections when a load started: what the loaded value was computed
 * from. Shared, never modified.
 *
 * @param market the market's index in the feed
 * @param version the market's {@link PriceBook} version when it was taken
 * @param logPrices {@code ln(price)} of each selection by index, NaN for a selection without a
 *     price yet; selections first priced later are beyond its end
 */
record PriceSnapshot(int market, long version, double[] logPrices) {}
