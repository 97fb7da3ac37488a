/**
 * What {@code oddscache serve} runs with: {@link dev.oddscache.server.settings.ServerSettings},
 * a few immutable groups (network, proxy, store, volatility detector, policy, tokens), each with
 * its defaults and a builder that rejects a bad value the moment it is set. The config file
 * ({@code dev.oddscache.server.config}) and the command line ({@code dev.oddscache.server.cli})
 * fill them in; the HTTP server ({@code dev.oddscache.server.http}) reads them.
 */
package dev.oddscache.server.settings;
