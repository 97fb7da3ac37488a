package dev.oddscache.server.http.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Generates hostile HTTP requests, as exact bytes, for every endpoint of the server: malformed
 * and wrongly typed JSON, huge and non-finite numbers, bad dates, random bytes, wrong content
 * types, hostile headers (control characters, folding, duplicates, oversize), over-long paths and
 * keys, odd methods and broken framing. Case {@code i} of seed {@code s} depends on nothing else,
 * so a failure is replayed by its seed and index alone.
 *
 * <p>Every request is complete at the HTTP framing level (a declared length is never longer than
 * the body sent), and asks for {@code Connection: close} unless the case is raw garbage: a server
 * waiting for bytes that will never come is correct, not a finding.
 */
final class FuzzCases {
  /** Paths under this prefix make the fuzz upstream fail, so a 502 there is documented. */
  static final String FAILING_PATH = "/p/fail/";

  private static final String[] JSON_POSTS = {
    "/v1/odds", "/v1/events", "/v1/decisions", "/v1/odds/betfair", "/v1/stats/reset"};
  private static final String[] GETS = {
    "/v1/status", "/v1/timeline", "/metrics", "/health/live", "/health/ready", "/",
    "/p/predictions/x", "/p/fail/x", "/v1/cache", "/v1/odds"};
  private static final String[] METHODS = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND",
    "get", "G\u00c9T", "BREW", "X".repeat(300)};
  private static final String[] CONTENT_TYPES = {
    "application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
    "application/problem+json", "text/plain", "text/html", "application/x-ndjson",
    "application/octet-stream", "application/gzip", "application/x-bzip2",
    "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "", ";", "json",
    "application/json; charset=\u00ff", "*/*", "application/" + "j".repeat(2000)};
  private static final String[] FIELDS = {
    "match", "market", "selection", "odds", "ts", "type", "competition", "name", "stakes",
    "kickoff", "markets", "status", "panicMinutes", "breakerMode", "baseTtlSeconds", "op", "clk",
    "pt", "mc", "id", "rc", "ltp", "marketDefinition", "runners", "inPlay", "", "\u0000",
    "__proto__", "constructor"};
  private static final String[] NUMBERS = {
    "0", "-0", "1", "1.0", "1.0000001", "2.1", "-1", "-2.5", "1e308", "1e309", "-1e309",
    "1e-400", "4.9e-324", "1E+999999999", "1e-999999999", "123456789012345678901234567890",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "32503680000001",
    "1772388001000", "60", "86400", "31536001", "0.5", "1" + "0".repeat(1200),
    "0." + "9".repeat(1200), "NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10",
    "1e", "--1"};
  private static final String[] STRINGS = {
    "", " ", "NaN", "Infinity", "-Infinity", "1e999", "null", "true", "panic", "PANIC", "Panic",
    "warning", "NORMAL", "circuit_open", "HIGH_VOLATILITY", "closed", "GOAL", "goal", "odds_shock",
    "ODDS_SHOCK", "EARTHQUAKE", "HIGH", "low", "extreme", "vix", "ALL", "swr",
    "2026-03-01T20:00:00Z", "2026-03-01T20:00:00", "2026-03-01", "+999999999-12-31T23:59:59Z",
    "-999999999-01-01T00:00:00Z", "2026-02-30T25:61:61Z", "1772388001000", "yesterday",
    "\u0000", "\u0001\u0002", "\ud800", "\udfff\ud800", "\u202e\u202d", "\ud83d\ude00",
    "\u00e9\u00e8", "../../etc/passwd", "%00", "%2e%2e", "<script>alert(1)</script>",
    "'; DROP TABLE odds; --", "\t\n\r", "1x2", "over_under_25", "btts", "a,b,,c", "1.23",
    "rma-fcb", "{\"nested\":true}", "\\", "\"", "PT30M", "30m"};
  private static final String[] HEADERS = {
    "X-Match-Id", "X-Competition", "X-Match-Name", "X-Kickoff", "X-Markets", "X-Stakes",
    "X-Vix-Status", "Cache-Control", "Authorization", "Accept", "Accept-Encoding", "Range",
    "If-None-Match", "Expect", "Upgrade", "X-Forwarded-For", "Cookie"};
  private static final String[] CACHE_CONTROLS = {
    "no-cache", "max-stale", "max-stale=0", "max-stale=5", "max-stale=-1", "max-stale=abc",
    "max-stale=99999999999999999999999", "min-fresh=31536000", "min-fresh=31536001",
    "min-fresh=\"10\"", "max-stale=1, min-fresh=2, no-cache", "no-store", ",,,", "max-stale==3",
    "MIN-FRESH=1", "max-stale=1e3", "min-fresh=0x10"};

  private FuzzCases() {}

  /** A generated request: what it is, where it goes, its exact bytes. */
  record Case(int index, String kind, String method, String target, byte[] bytes) {
    boolean upstreamFails() {
      return target.startsWith(FAILING_PATH);
    }

    boolean isHead() {
      return method.equals("HEAD");
    }

    /** Whether the request line ends in HTTP/1.0 or HTTP/1.1 (garbage and HTTP/0.9 do not). */
    boolean speaksHttp1() {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n");
      String line = end < 0 ? text : text.substring(0, end);
      return line.endsWith(" HTTP/1.1") || line.endsWith(" HTTP/1.0");
    }

    /** A printable excerpt of the request, for failure messages. */
    String excerpt() {
      StringBuilder out = new StringBuilder();
      int n = Math.min(bytes.length, 600);
      for (int i = 0; i < n; i++) {
        int b = bytes[i] & 0xff;
        if (b == '\n') {
          out.append("\\n");
        } else if (b == '\r') {
          out.append("\\r");
        } else if (b < 0x20 || b >= 0x7f) {
          out.append(String.format("\\x%02x", b));
        } else {
          out.append((char) b);
        }
      }
      return out + (bytes.length > n ? "... (" + bytes.length + " bytes)" : "");
    }
  }

  static Case generate(long seed, int index) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    int roll = r.nextInt(100);
    if (roll < 28) {
      return jsonBody(r, index);
    } else if (roll < 36) {
      return bytesBody(r, index);
    } else if (roll < 41) {
      return contentType(r, index);
    } else if (roll < 48) {
      return betfair(r, index);
    } else if (roll < 63) {
      return proxyHeaders(r, index);
    } else if (roll < 73) {
      return path(r, index);
    } else if (roll < 78) {
      return query(r, index);
    } else if (roll < 83) {
      return method(r, index);
    } else if (roll < 94) {
      return hostileHeaders(r, index);
    }
    return garbage(r, index);
  }

  private static Case jsonBody(SplittableRandom r, int index) {
    String target = pick(r, JSON_POSTS);
    String body = switch (target) {
      case "/v1/odds" -> ticks(r);
      case "/v1/events" -> object(r, new String[] {"match", "type", "market"}, 0);
      case "/v1/decisions" -> object(r, new String[] {"match", "competition", "name", "stakes",
          "kickoff", "markets", "status", "panicMinutes", "breakerMode", "baseTtlSeconds"}, 0);
      case "/v1/odds/betfair" -> betfairLines(r);
      default -> r.nextBoolean() ? "" : value(r, 0);
    };
    if (r.nextInt(5) == 0) {
      body = mutate(r, body);
    }
    if (r.nextInt(40) == 0) {
      body = nested(r);
    }
    String query = target.equals("/v1/stats/reset") ? "?category=" + pick(r, STRINGS) : "";
    return build(index, "json-body", "POST", target + encodeQuery(query), List.of(
        "Content-Type: " + (r.nextInt(10) == 0 ? pick(r, CONTENT_TYPES) : "application/json")),
        body.getBytes(StandardCharsets.UTF_8), r.nextInt(8) == 0);
  }

  private static Case bytesBody(SplittableRandom r, int index) {
    byte[] body = switch (r.nextInt(4)) {
      case 0 -> randomBytes(r, r.nextInt(2000));
      case 1 -> mutate(r, ticks(r)).getBytes(StandardCharsets.ISO_8859_1);
      case 2 -> r.nextInt(10) == 0 ? randomBytes(r, 1024 * 1024 + 1 + r.nextInt(200_000))
          : randomBytes(r, r.nextInt(100_000));
      default -> new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '[', ']'};
    };
    return build(index, "bytes-body", "POST", pick(r, JSON_POSTS),
        List.of("Content-Type: " + pick(r, CONTENT_TYPES)), body, r.nextInt(4) == 0);
  }

  private static Case contentType(SplittableRandom r, int index) {
    List<String> headers = new ArrayList<>();
    int n = r.nextInt(3);
    for (int i = 0; i < n; i++) {
      headers.add("Content-Type: " + pick(r, CONTENT_TYPES));
    }
    return build(index, "content-type", "POST", pick(r, JSON_POSTS), headers,
        "[]".getBytes(StandardCharsets.UTF_8), false);
  }

  private static Case betfair(SplittableRandom r, int index) {
    byte[] text = betfairLines(r).getBytes(StandardCharsets.UTF_8);
    byte[] body = switch (r.nextInt(5)) {
      case 0 -> gzip(text);
      case 1 -> concat(new byte[] {0x1f, (byte) 0x8b}, randomBytes(r, r.nextInt(500)));
      case 2 -> concat("BZh9".getBytes(StandardCharsets.ISO_8859_1),
          randomBytes(r, r.nextInt(500)));
      case 3 -> concat("BZh91AY&SY".getBytes(StandardCharsets.ISO_8859_1),
          randomBytes(r, r.nextInt(500)));
      default -> r.nextBoolean() ? text : mutate(r, new String(text, StandardCharsets.ISO_8859_1))
          .getBytes(StandardCharsets.ISO_8859_1);
    };
    String type = pick(r, new String[] {"application/x-ndjson", "application/gzip",
        "application/x-bzip2", "text/plain", "application/octet-stream", "image/png"});
    return build(index, "betfair", "POST", "/v1/odds/betfair", List.of("Content-Type: " + type),
        body, r.nextInt(6) == 0);
  }

  private static Case proxyHeaders(SplittableRandom r, int index) {
    List<String> headers = new ArrayList<>();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String name = pick(r, HEADERS);
      String value = switch (name) {
        case "Cache-Control" -> pick(r, CACHE_CONTROLS);
        case "X-Kickoff" -> r.nextBoolean() ? pick(r, STRINGS) : mutate(r, "2026-03-01T20:00:00Z");
        case "X-Markets" -> r.nextBoolean() ? "1x2,btts,, over_under_25 ,"
            : ",".repeat(r.nextInt(300)) + pick(r, STRINGS);
        default -> r.nextInt(8) == 0 ? "m".repeat(200 + r.nextInt(400)) : pick(r, STRINGS);
      };
      headers.add(name + ": " + value);
    }
    if (r.nextBoolean()) {
      headers.add("X-Match-Id: m-" + r.nextInt(20));
    }
    String key = r.nextInt(10) == 0 ? "k".repeat(400 + r.nextInt(400)) : "x" + r.nextInt(50);
    String base = r.nextInt(6) == 0 ? FAILING_PATH : "/p/predictions/";
    return build(index, "proxy-headers", r.nextInt(4) == 0 ? "HEAD" : "GET", base + key
        + (r.nextBoolean() ? "?b=2&a=1" : ""), headers, new byte[0], false);
  }

  private static Case path(SplittableRandom r, int index) {
    String prefix = pick(r, new String[] {"/p/", "/p/predictions/", "/p/fail/", "/v1/", "/health/",
        "/", "/webjars/", "/p", "//p//", "/P/"});
    String tail = switch (r.nextInt(10)) {
      case 0 -> "a".repeat(r.nextInt(20_000));
      case 1 -> "%2e%2e/%2e%2e/etc/passwd";
      case 2 -> "..%2f..%2f" + r.nextInt(9);
      case 3 -> "%00%01%ff%zz%";
      case 4 -> "a/../../b";
      case 5 -> "\u00e9t\u00e9/\ud83d\ude00";
      case 6 -> "x?" + "q=" + "v".repeat(r.nextInt(2000)) + "&&&=&" + pick(r, STRINGS);
      case 7 -> "x#frag";
      case 8 -> "a;b=c/./d//e";
      default -> asciiJunk(r, r.nextInt(80));
    };
    return build(index, "path", r.nextBoolean() ? "GET" : "HEAD", prefix + tail, List.of(),
        new byte[0], false);
  }

  private static Case query(SplittableRandom r, int index) {
    String value = r.nextBoolean() ? pick(r, STRINGS) : pick(r, NUMBERS);
    return switch (r.nextInt(4)) {
      case 0 -> build(index, "query", "GET", "/v1/timeline?seconds=" + encodeQuery(value),
          List.of(), new byte[0], false);
      case 1 -> build(index, "query", "DELETE", "/v1/cache?match=" + encodeQuery(value), List.of(),
          new byte[0], false);
      case 2 -> build(index, "query", "POST", "/v1/stats/reset?category=" + encodeQuery(value),
          List.of(), new byte[0], false);
      default -> build(index, "query", "GET", "/health/ready?strict=" + encodeQuery(value)
          + "&strict=true&seconds=" + encodeQuery(value), List.of(), new byte[0], false);
    };
  }

  private static Case method(SplittableRandom r, int index) {
    String target = r.nextBoolean() ? pick(r, GETS) : pick(r, JSON_POSTS);
    String method = pick(r, METHODS);
    byte[] body = r.nextBoolean() ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
    return build(index, "method", method, target, List.of("Content-Type: application/json"), body,
        false);
  }

  private static Case hostileHeaders(SplittableRandom r, int index) {
    String target = r.nextBoolean() ? "/p/predictions/h" + r.nextInt(10) : pick(r, GETS);
    List<String> headers = new ArrayList<>();
    byte[] body = new byte[0];
    String method = "GET";
    switch (r.nextInt(13)) {
      case 0 -> headers.add(pick(r, HEADERS) + ": a" + (char) r.nextInt(0x20) + "b");
      case 1 -> headers.add(pick(r, HEADERS) + ": a\u007fb");
      case 2 -> headers.add("X-Match-Id: m\r\n continued");
      case 3 -> headers.add("NoColonHere");
      case 4 -> headers.add("X-Big: " + "b".repeat(4000 + r.nextInt(10_000)));
      case 5 -> {
        for (int i = 0; i < 50 + r.nextInt(200); i++) {
          headers.add("X-H" + i + ": " + i);
        }
      }
      case 6 -> {
        method = "POST";
        target = "/v1/decisions";
        body = "{}".getBytes(StandardCharsets.UTF_8);
        headers.add("Content-Type: application/json");
        headers.add("Content-Length: " + pick(r, new String[] {"abc", "-1", "2, 3", " 2", "0x2",
            "99999999999999999999"}));
        return raw(index, "hostile-headers", method, target, headers, body);
      }
      case 7 -> {
        method = "POST";
        target = "/v1/decisions";
        body = "{}".getBytes(StandardCharsets.UTF_8);
        headers.add("Content-Type: application/json");
        headers.add("Content-Length: 2");
        headers.add("Transfer-Encoding: " + pick(r, new String[] {"chunked", "gzip", "identity",
            "chunked, chunked", "x"}));
        return raw(index, "hostile-headers", method, target, headers, body);
      }
      case 8 -> headers.add(pick(r, HEADERS) + ": " + new String(randomBytes(r, 40),
          StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", ""));
      case 9 -> headers.add(" X-Leading-Space: 1");
      case 10 -> headers.add("X-Match-Id: \u00e9\u00e8\u00ff m");
      case 11 -> {
        target = pick(r, new String[] {"/", "/app.js", "/webjars/chart.js/", target});
        headers.add("Range: " + pick(r, new String[] {"bytes=5-1", "bytes=abc", "bytes=0-10",
            "bytes=-0", "bytes=0-0,1-1,2-2,3-3", "items=0-1", "bytes=99999999-"}));
      }
      default -> headers.add("Host: second.example");
    }
    return build(index, "hostile-headers", method, target, headers, body, false);
  }

  private static Case garbage(SplittableRandom r, int index) {
    byte[] bytes = switch (r.nextInt(7)) {
      case 0 -> concat(randomBytes(r, 1 + r.nextInt(300)),
          "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      case 1 -> "GET /health/live\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
      case 2 -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
      case 3 -> concat(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc},
          concat(randomBytes(r, 100), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
      case 4 -> ("GET /health/live HTTP/" + pick(r, new String[] {"1.2", "9.9", "1", "0.9", "a.b"})
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      case 5 -> "\r\n\r\n\r\nGET /health/live HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1);
      default -> ("GET  /health/live  HTTP/1.1 \r\nHost: a\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);
    };
    return new Case(index, "garbage", "?", "?", bytes);
  }

  // --- JSON ---

  private static String ticks(SplittableRandom r) {
    if (r.nextInt(30) == 0) {
      return "[" + "1,".repeat(10_000 + r.nextInt(3)) + "1]";
    }
    if (r.nextInt(10) == 0) {
      return value(r, 0);
    }
    StringBuilder out = new StringBuilder("[");
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(r.nextInt(10) == 0 ? value(r, 1) : tick(r));
    }
    return out.append(']').toString();
  }

  private static String tick(SplittableRandom r) {
    StringBuilder out = new StringBuilder("{");
    String[][] fields = {
      {"match", "\"m-" + r.nextInt(5) + "\""}, {"market", "\"1x2\""},
      {"selection", "\"home\""}, {"odds", String.valueOf(1.5 + r.nextInt(100) / 100.0)},
      {"ts", String.valueOf(1772388000000L + r.nextInt(1_000_000))}};
    boolean first = true;
    for (String[] f : fields) {
      if (r.nextInt(8) == 0) {
        continue;
      }
      out.append(first ? "" : ",").append(quote(f[0])).append(':')
          .append(r.nextInt(3) == 0 ? value(r, 2) : f[1]);
      first = false;
    }
    return out.append('}').toString();
  }

  private static String object(SplittableRandom r, String[] fields, int depth) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (String f : fields) {
      if (r.nextInt(3) == 0) {
        continue;
      }
      out.append(first ? "" : ",").append(quote(f)).append(':').append(value(r, depth + 1));
      first = false;
    }
    if (r.nextInt(4) == 0) {
      out.append(first ? "" : ",").append(quote(pick(r, FIELDS))).append(':')
          .append(value(r, depth + 1));
    }
    return out.append('}').toString();
  }

  private static String value(SplittableRandom r, int depth) {
    int roll = r.nextInt(depth > 3 ? 6 : 9);
    return switch (roll) {
      case 0, 1 -> quote(r.nextInt(15) == 0
          ? "s".repeat(300 + r.nextInt(70_000))
          : pick(r, STRINGS));
      case 2, 3 -> pick(r, NUMBERS);
      case 4 -> pick(r, new String[] {"true", "false", "null"});
      case 5 -> quote(pick(r, STRINGS).toUpperCase(java.util.Locale.ROOT));
      case 6 -> {
        StringBuilder a = new StringBuilder("[");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          a.append(i > 0 ? "," : "").append(value(r, depth + 1));
        }
        yield a.append(']').toString();
      }
      default -> object(r, FIELDS, depth);
    };
  }

  private static String nested(SplittableRandom r) {
    int n = pick(r, new Integer[] {500, 999, 1000, 1001, 5000, 100_000});
    String open = r.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return open.repeat(n) + "1" + close.repeat(n);
  }

  private static String betfairLines(SplittableRandom r) {
    StringBuilder out = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      String ltp = r.nextBoolean()
          ? String.valueOf(1.01 + r.nextInt(500) / 100.0)
          : pick(r, NUMBERS);
      String pt = r.nextBoolean() ? String.valueOf(1772388000000L + i * 1000L) : pick(r, NUMBERS);
      String line = switch (r.nextInt(5)) {
        case 0 -> value(r, 0);
        case 1 -> "{\"op\":\"mcm\",\"pt\":" + pt + ",\"mc\":[{\"id\":\"1." + r.nextInt(100)
            + "\",\"marketDefinition\":" + object(r, new String[] {"eventId", "marketType",
            "inPlay", "runners", "status"}, 1) + "}]}";
        default -> "{\"op\":\"mcm\",\"clk\":\"" + i + "\",\"pt\":" + pt + ",\"mc\":[{\"id\":\"1."
            + r.nextInt(100) + "\",\"rc\":[{\"id\":" + pick(r, NUMBERS) + ",\"ltp\":" + ltp
            + "}]}]}";
      };
      out.append(line).append(r.nextInt(5) == 0 ? "\r\n" : "\n");
    }
    return out.toString();
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  // --- bytes ---

  private static String mutate(SplittableRandom r, String text) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + r.nextInt(4);
    for (int i = 0; i < edits && s.length() > 0; i++) {
      int at = r.nextInt(s.length());
      switch (r.nextInt(5)) {
        case 0 -> s.setLength(at);
        case 1 -> s.setCharAt(at, (char) r.nextInt(256));
        case 2 -> s.insert(at, pick(r,
            new String[] {"\"", "{", "]", ",", ":", "\\", "\u0000", "NaN", "\\u", "\ud800"}));
        case 3 -> s.deleteCharAt(at);
        default -> s.insert(at, s.substring(at, Math.min(s.length(), at + 20)));
      }
    }
    return s.toString();
  }

  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  private static String asciiJunk(SplittableRandom r, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) (0x21 + r.nextInt(0x5e)));
    }
    return s.toString();
  }

  private static String encodeQuery(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '%' && c != '#' && c != '&' && c != '+') {
        out.append((char) c);
      } else {
        out.append(String.format("%%%02X", c));
      }
    }
    return out.toString();
  }

  private static byte[] gzip(byte[] data) {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
        out.write(data);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom r, T... options) {
    return options[r.nextInt(options.length)];
  }

  // --- requests ---

  /**
   * A complete request: request line, Host, the given headers, Connection: close, a correct
   * Content-Length (or chunked framing), then the body. Header text is written byte for byte:
   * characters up to U+00FF as one byte, others as UTF-8, so control characters reach the server.
   */
  private static Case build(int index, String kind, String method, String target,
      List<String> headers, byte[] body, boolean chunked) {
    List<String> all = new ArrayList<>();
    all.add("Host: 127.0.0.1");
    all.addAll(headers);
    all.add("Connection: close");
    boolean hasBody = body.length > 0 || method.equals("POST");
    if (hasBody) {
      all.add(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
    writeText(out, method + " " + target + " HTTP/1.1\r\n");
    for (String h : all) {
      writeText(out, h + "\r\n");
    }
    writeText(out, "\r\n");
    if (hasBody) {
      if (chunked) {
        int at = 0;
        while (at < body.length) {
          int n = Math.min(body.length - at, 1 + (at * 31 + body.length) % 70_000);
          writeText(out, Integer.toHexString(n) + "\r\n");
          out.write(body, at, n);
          writeText(out, "\r\n");
          at += n;
        }
        writeText(out, "0\r\n\r\n");
      } else {
        out.write(body, 0, body.length);
      }
    }
    return new Case(index, kind, method, target, out.toByteArray());
  }

  /** Headers exactly as given (framing headers included), then the body; Host and close added. */
  private static Case raw(int index, String kind, String method, String target,
      List<String> headers, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeText(out, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (String h : headers) {
      writeText(out, h + "\r\n");
    }
    writeText(out, "\r\n");
    out.write(body, 0, body.length);
    return new Case(index, kind, method, target, out.toByteArray());
  }

  private static void writeText(ByteArrayOutputStream out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0xff) {
        out.write(c);
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
      }
    }
  }
}
