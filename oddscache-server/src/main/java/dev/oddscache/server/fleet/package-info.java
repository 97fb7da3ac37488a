/**
 * The fleet as one system: ticks taken by any instance reach every instance's detector through
 * one Redis Stream ({@link dev.oddscache.server.fleet.TickIntake}), and every instance shows
 * the fleet's instances, panics and shared breaker ({@link
 * dev.oddscache.server.fleet.FleetView}). Without Redis, ticks go straight to the detector and
 * there is no fleet view.
 */
package dev.oddscache.server.fleet;
