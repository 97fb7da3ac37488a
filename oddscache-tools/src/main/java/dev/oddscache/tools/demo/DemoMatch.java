package dev.oddscache.tools.demo;

import dev.oddscache.MatchContext;
import java.time.Instant;
import java.util.List;

/**
 * One match of the demo story: who plays, when, which markets the backend prices, and the minutes
 * of the story during which its odds go wild.
 */
record DemoMatch(
    String id,
    String competition,
    String name,
    long kickoffMinute,
    List<String> markets,
    long panicFromMinute,
    long panicToMinute) {

  boolean volatileAt(long minute) {
    return minute >= panicFromMinute && minute < panicToMinute;
  }

  MatchContext context(Instant storyStart, String market) {
    return MatchContext.builder(id)
        .competition(competition)
        .name(name)
        .kickoff(storyStart.plusSeconds(kickoffMinute * 60))
        .markets(market)
        .build();
  }
}
