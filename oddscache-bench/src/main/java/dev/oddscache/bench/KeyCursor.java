package dev.oddscache.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread walks the workload's keys from its own offset. */
@State(Scope.Thread)
public class KeyCursor {
  int next = (int) (Thread.currentThread().getId() * 7919);

  int advance() {
    return next++ & (Workload.KEYS - 1);
  }
}
