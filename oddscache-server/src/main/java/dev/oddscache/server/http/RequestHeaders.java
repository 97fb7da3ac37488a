package dev.oddscache.server.http;

/** A request's header fields as a cache reads them: every line of a name, joined by ", ". */
@FunctionalInterface
interface RequestHeaders {
  /** The combined value of {@code name}'s lines, or null when the request has none. */
  String joined(String name);
}
