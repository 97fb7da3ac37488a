/**
 * Implementation shared by oddscache's own modules (the config builders' validation, enum
 * parsing). Not API: the classes here are public only so that {@code oddscache-redis} and
 * {@code oddscache-server} can use them, and may change in any release without notice.
 * Everything else in {@code oddscache-core} is API; its implementation types are
 * package-private.
 */
package dev.oddscache.internal;
