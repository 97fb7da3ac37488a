/**
 * The in-memory store: {@link dev.oddscache.store.memory.InMemoryStore}, a bounded
 * Caffeine cache with per-entry retention and a tag index that stays consistent with puts,
 * removals, evictions and expiry, configured by {@link
 * dev.oddscache.store.memory.InMemoryStoreConfig}. The index and the entry layout are
 * package-private.
 */
package dev.oddscache.store.memory;
