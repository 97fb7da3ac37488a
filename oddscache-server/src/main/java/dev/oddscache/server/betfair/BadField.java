package dev.oddscache.server.betfair;

/**
 * A field of a stream message that is missing or has the wrong type or value; its message is the
 * rejection reason. Carries no stack trace: it is an expected outcome of untrusted input, thrown
 * and caught within one line's parsing.
 */
final class BadField extends Exception {
  BadField(String reason) {
    super(reason, null, false, false);
  }
}
