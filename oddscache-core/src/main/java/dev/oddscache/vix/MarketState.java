package dev.oddscache.vix;

import java.util.concurrent.ConcurrentHashMap;

/** The selections of one market and its status marks. Thread-safe. */
final class MarketState {
  final StatusMarks marks = new StatusMarks();
  private final ConcurrentHashMap<String, SelectionState> selections = new ConcurrentHashMap<>();

  /** The state of {@code selection}, created on first use. */
  SelectionState selection(String selection) {
    // get first: computeIfAbsent may lock the bin even when the key is present.
    SelectionState state = selections.get(selection);
    return state != null ? state : selections.computeIfAbsent(selection, s -> new SelectionState());
  }
}
