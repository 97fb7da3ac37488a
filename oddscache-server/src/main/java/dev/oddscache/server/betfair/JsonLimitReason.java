package dev.oddscache.server.betfair;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * The rejection reason for a line that broke one of the {@link BetfairLimits}, naming the setting
 * that raises it rather than Jackson's internals.
 */
final class JsonLimitReason {
  private JsonLimitReason() {}

  static String of(StreamConstraintsException e, BetfairLimits limits) {
    String message = String.valueOf(e.getOriginalMessage());
    String setting;
    int limit;
    if (message.startsWith("Document nesting depth")) {
      setting = "maxNestingDepth";
      limit = limits.maxNestingDepth();
    } else if (message.startsWith("Token count")) {
      setting = "maxTokensPerLine";
      limit = limits.maxTokensPerLine();
    } else if (message.startsWith("Number value length")) {
      setting = "maxNumberChars";
      limit = limits.maxNumberChars();
    } else if (message.startsWith("String value length") || message.startsWith("Name length")) {
      setting = "maxStringChars";
      limit = limits.maxStringChars();
    } else if (message.startsWith("Document length")) {
      setting = "maxLineChars";
      limit = limits.maxLineChars();
    } else {
      int cut = message.indexOf(" (from");
      return "line exceeds a JSON limit: " + (cut < 0 ? message : message.substring(0, cut))
          + ", skipped";
    }
    return "line exceeds betfair." + setting + " (" + limit + "), skipped";
  }
}
