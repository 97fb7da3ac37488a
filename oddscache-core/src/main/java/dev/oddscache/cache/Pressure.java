package dev.oddscache.cache;

/**
 * Whether the backend is under pressure now, and the readings that say so. Immutable.
 *
 * @param underPressure whether any reading is past its limit
 * @param occupancy loads in flight over the bulkhead's size, in [0, 1]
 * @param waiting whether a load is waiting for a bulkhead permit
 * @param latencyRatio recent load latency over its baseline; 1 until enough loads have completed
 * @param loadsPerSecond loads started within the last second
 * @param reason what made it pressure, such as {@code "load latency 2.4x its baseline"}, or
 *     {@code "none"}
 */
public record Pressure(boolean underPressure, double occupancy, boolean waiting,
    double latencyRatio, double loadsPerSecond, String reason) {}
