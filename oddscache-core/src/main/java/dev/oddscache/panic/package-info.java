/**
 * The panic clock: per match, when its current panic began, so the quota can measure its duration.
 * {@link dev.oddscache.panic.PanicClock} is the SPI that a shared (Redis) implementation slots
 * into; {@link dev.oddscache.panic.LocalPanicClock} is the single-process one with the same
 * semantics.
 */
package dev.oddscache.panic;
