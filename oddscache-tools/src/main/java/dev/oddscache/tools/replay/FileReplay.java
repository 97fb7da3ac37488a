package dev.oddscache.tools.replay;

import dev.oddscache.server.betfair.Rejection;
import java.nio.file.Path;
import java.util.List;

/**
 * What the replay did with one file.
 *
 * @param file as given on the command line
 * @param lines lines read
 * @param accepted ticks the detector accepted
 * @param rejected rejections of every kind, out-of-order ticks included
 * @param outOfOrder ticks ignored as older than their selection's last tick
 * @param ignored ticks of markets that were not OPEN
 * @param firstRejections the first few rejections, for the summary
 * @param error why reading stopped early (such as a corrupt compressed stream), or null
 */
record FileReplay(
    Path file, long lines, long accepted, long rejected, long outOfOrder, long ignored,
    List<Rejection> firstRejections, String error) {

  FileReplay {
    firstRejections = List.copyOf(firstRejections);
  }
}
