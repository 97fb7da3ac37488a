package dev.oddscache.redis.panic;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests each process of {@link PanicDecisionsAcrossProcessesTest} makes at each instant:
 * the same in every process, so their local breakers see the same samples. Three panicking
 * matches of HIGH, MEDIUM and LOW stakes, one that calms down at +35 min and panics again from
 * +95 min, and two calm ones.
 */
final class MatchdayTraffic {
  /** Requests per match per round; with six matches a round passes the breaker's minSamples. */
  static final int REPEATS = 10;

  record Match(String id, String competition, String name) {}

  static final List<Match> MATCHES = List.of(
      new Match("clasico", "La Liga", "El Clasico"),
      new Match("psg-om", "Ligue 1", "PSG - OM"),
      new Match("caen-metz", "Ligue 2", "Caen - Metz"),
      new Match("lens-lille", "Ligue 1", "Lens - Lille"),
      new Match("calm-1", "Ligue 1", "Nantes - Brest"),
      new Match("calm-2", "Premier League", "Fulham - Brentford"));

  private MatchdayTraffic() {}

  static Status status(String matchId, long offsetMinutes) {
    if (matchId.startsWith("calm")) {
      return Status.NORMAL;
    }
    if (matchId.equals("lens-lille") && offsetMinutes == 35) {
      return Status.NORMAL;
    }
    return Status.PANIC;
  }

  static List<MatchContext> requests(long offsetMinutes) {
    List<MatchContext> requests = new ArrayList<>();
    for (int r = 0; r < REPEATS; r++) {
      for (Match m : MATCHES) {
        requests.add(MatchContext.builder(m.id()).competition(m.competition()).name(m.name())
            .markets("1x2").status(status(m.id(), offsetMinutes)).build());
      }
    }
    return requests;
  }
}
