package dev.oddscache.server.betfair;

import dev.oddscache.vix.OddsTick;
import java.util.Objects;

/**
 * One last-traded price from a Betfair stream, mapped to an {@link OddsTick}, with the market
 * metadata that the tick itself does not carry.
 *
 * <p>The tick's match is the definition's {@code eventId}, its market the definition's {@code
 * marketType} lower-cased, its selection the runner {@code id} (followed by {@code @} and the
 * handicap when the runner change has a non-zero {@code hc}, as Asian handicap runners share ids),
 * its odds the runner change's {@code ltp} and its time the message's {@code pt}. The odds are not
 * validated here: the {@link dev.oddscache.vix.VixDetector} rejects bad ones with its own reason.
 *
 * @param index 0-based line number of the message in the input
 * @param change position of the market change in the message's {@code mc} array
 * @param runnerChange position of the runner change in that market change's {@code rc} array
 * @param marketId the Betfair market id, such as {@code 1.197931750}
 * @param tick the mapped tick
 * @param inPlay whether the market definition in force said the market was in play
 * @param kickoffMillis the definition's {@code marketTime} in epoch milliseconds, or {@code null}
 *     when the definition has none
 */
public record BetfairTick(
    long index, int change, int runnerChange, String marketId, OddsTick tick, boolean inPlay,
    Long kickoffMillis) {

  public BetfairTick {
    Objects.requireNonNull(marketId, "marketId");
    Objects.requireNonNull(tick, "tick");
  }

  /** The JSON path of the runner change within its line, such as {@code mc[0].rc[3]}. */
  public String path() {
    return "mc[" + change + "].rc[" + runnerChange + "]";
  }
}
