/**
 * Events published by the panic breaker: {@link dev.oddscache.breaker.event.BreakerTransition}
 * and the {@link dev.oddscache.breaker.event.BreakerListener} that receives them.
 */
package dev.oddscache.breaker.event;
