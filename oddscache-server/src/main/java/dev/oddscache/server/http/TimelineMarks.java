package dev.oddscache.server.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled instants the dashboard draws on its charts as vertical markers: the match events
 * posted to {@code /v1/events} (a goal, a lineup) and, in the demo, the story's own events (a
 * match's odds going wild, calming down). Keeps the latest {@link #CAPACITY}. Thread-safe.
 */
public final class TimelineMarks {
  static final int CAPACITY = 200;
  /** Longer labels are cut: a marker's label sits on a chart. */
  static final int MAX_LABEL = 80;

  /** One marker: real epoch millis and what happened. */
  public record Mark(long t, String label) {}

  private final ArrayDeque<Mark> marks = new ArrayDeque<>();

  /** Adds a marker at real epoch millis {@code t}. */
  public synchronized void add(long t, String label) {
    String text = label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    if (marks.size() == CAPACITY) {
      marks.removeFirst();
    }
    marks.addLast(new Mark(t, text));
  }

  /** The markers at or after {@code fromMillis}, oldest first, as JSON objects. */
  synchronized List<Map<String, Object>> since(long fromMillis) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Mark m : marks) {
      if (m.t() >= fromMillis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("t", m.t());
        json.put("label", m.label());
        out.add(json);
      }
    }
    return out;
  }
}
