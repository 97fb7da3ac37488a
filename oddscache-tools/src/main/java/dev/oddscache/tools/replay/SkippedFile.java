package dev.oddscache.tools.replay;

import java.nio.file.Path;

/**
 * A file given to {@code replay} that is not a stream file and was not replayed, such as a market
 * catalogue that a glob over a data folder picked up.
 *
 * @param file as given on the command line
 * @param reason why it was skipped, and what was done with it instead
 */
record SkippedFile(Path file, String reason) {}
