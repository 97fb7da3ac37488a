/**
 * The server's config file: {@link dev.oddscache.server.config.ConfigFile#load} reads YAML or
 * JSON on top of base {@link dev.oddscache.server.http.ServerSettings}, one small class per
 * section, every value checked by the library's own builders. Schema: {@code
 * docs/configuration.md}.
 */
package dev.oddscache.server.config;
