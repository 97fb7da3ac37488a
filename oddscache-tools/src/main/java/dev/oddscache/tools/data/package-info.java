/**
 * Where the commands find recorded data that the repository does not carry: the Betfair files
 * that {@code replay} and the Betfair scenarios of {@code simulate} read.
 */
package dev.oddscache.tools.data;
