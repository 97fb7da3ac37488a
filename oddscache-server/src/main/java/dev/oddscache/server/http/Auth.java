package dev.oddscache.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Bearer tokens for write endpoints: ingest ({@code ODDSCACHE_INGEST_TOKEN}) for odds and
 * events, admin ({@code ODDSCACHE_ADMIN_TOKEN}) for cache and stats administration. No token
 * configured means the endpoint is open, which start-up allows only on loopback.
 */
final class Auth {
  private final String ingestToken;
  private final String adminToken;

  Auth(String ingestToken, String adminToken) {
    this.ingestToken = ingestToken;
    this.adminToken = adminToken;
  }

  void requireIngest(Context ctx) {
    require(ctx, ingestToken, "ingest");
  }

  void requireAdmin(Context ctx) {
    require(ctx, adminToken, "admin");
  }

  private static void require(Context ctx, String token, String role) {
    if (token == null) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiError(401, "missing bearer token", "Authorization",
          "this endpoint needs the " + role + " token: Authorization: Bearer <token>");
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiError(403, "wrong bearer token", "Authorization",
          "the token is not the " + role + " token");
    }
  }
}
