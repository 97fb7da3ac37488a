package dev.oddscache.server.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of config files and out of error messages. Tokens are only ever read from
 * the environment, so a file can be committed, shared or pasted into a ticket safely.
 */
final class Secrets {
  private static final Map<String, String> TOKEN_VARIABLES = Map.of(
      "ingesttoken", "ODDSCACHE_INGEST_TOKEN",
      "admintoken", "ODDSCACHE_ADMIN_TOKEN");

  private static final Pattern URI_PASSWORD = Pattern.compile("//([^:@/\\s]*):[^@/\\s]*@");

  private Secrets() {}

  /** Whether {@code key} names a token in any spelling: {@code adminToken}, {@code admin_token}. */
  static boolean isToken(String key) {
    return environmentVariable(key) != null;
  }

  /** The environment variable that holds the token {@code key} names, or null if it is no token. */
  static String environmentVariable(String key) {
    return TOKEN_VARIABLES.get(key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
  }

  /** {@code text} with the password of any {@code scheme://user:password@host} masked. */
  static String maskUriPassword(String text) {
    return URI_PASSWORD.matcher(text).replaceAll("//$1:***@");
  }
}
