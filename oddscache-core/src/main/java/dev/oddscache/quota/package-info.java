/**
 * The panic quota: how long a panic has lasted decides how much caching is re-enabled, because a
 * panic that persists is the new normal and the backend must survive it.
 *
 * <p>{@link dev.oddscache.quota.PanicQuota} is a pure function of its inputs (base TTL, {@link
 * dev.oddscache.quota.PanicState}, {@link dev.oddscache.quota.Stakes}) and keeps no state, so every
 * process that shares a panic start ({@link dev.oddscache.panic.PanicClock}) reaches the same
 * {@link dev.oddscache.quota.QuotaDecision}. {@link dev.oddscache.quota.StakesClassifier} turns a
 * competition and match name into stakes; {@link dev.oddscache.quota.QuotaConfig} holds the tier
 * bounds and TTLs per stakes. Every type here is immutable and thread-safe, except builders.
 */
package dev.oddscache.quota;
