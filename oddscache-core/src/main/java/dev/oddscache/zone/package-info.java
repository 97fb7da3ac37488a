/**
 * Kickoff zones: the pure function from the time to kickoff to a base TTL. The golden hour before
 * kickoff and the match in play get the shortest TTLs.
 */
package dev.oddscache.zone;
