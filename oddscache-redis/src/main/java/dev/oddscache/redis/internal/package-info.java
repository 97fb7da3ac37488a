/**
 * Parts shared by the packages of this module: the fallback state machine behind the
 * connector's health, the shared panic clock and the shared breaker window, and the one way a
 * Lua script is sent. Not API: public only because the packages that use them are several, and
 * free to change in any release.
 */
package dev.oddscache.redis.internal;
