/**
 * The server's config file: {@link dev.oddscache.server.config.ConfigFile#load} reads YAML or
 * JSON on top of base {@link dev.oddscache.server.settings.ServerSettings}, one small class per
 * section, each declaring its keys once; every value is checked by the settings' and the
 * library's own builders. Also how durations are written, for files and the command line alike.
 * Schema: {@code docs/configuration.md}.
 */
package dev.oddscache.server.config;
