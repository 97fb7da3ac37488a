/**
 * Surgical invalidation: a match event ({@link dev.oddscache.invalidation.EventType}) deletes only
 * the cached keys of the markets it affects under the {@link
 * dev.oddscache.invalidation.ImpactRules}, and the {@link dev.oddscache.invalidation.Invalidator}
 * reports what was deleted and what was kept in an {@link
 * dev.oddscache.invalidation.InvalidationReport}. Full invalidation (a match, or everything) is the
 * store's {@code removeMatch} and {@code removeAll}, counted separately by the cache.
 */
package dev.oddscache.invalidation;
