package dev.oddscache.server.http.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test per defect the fuzz tests found, with the request that showed it, so each stays fixed
 * whatever the random sequence does. Each asserts the documented answer: a JSON 4xx naming the
 * field, or a normal answer.
 */
class HostileInputRegressionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FuzzUpstream upstream = new FuzzUpstream();

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url)
      .thenClosing(upstream);

  private RawHttp.Response send(String head, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return RawHttp.send(server.port(), out.toByteArray(), false, 10_000);
  }

  private RawHttp.Response get(String target, String headers) {
    return send("GET " + target + " HTTP/1.1\r\nHost: a\r\n" + headers
        + "Connection: close\r\n\r\n", new byte[0]);
  }

  private RawHttp.Response post(String target, String contentType, byte[] body) {
    return send("POST " + target + " HTTP/1.1\r\nHost: a\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);
  }

  private static JsonNode jsonError(RawHttp.Response r, int status) throws Exception {
    assertThat(r.isDropped()).as(r.dropped()).isFalse();
    assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.has("error") && body.has("field") && body.has("detail")).as(r.bodyText())
        .isTrue();
    return body;
  }

  /** Jetty answered these itself, in HTML. */
  @Test
  void requestsJettyRefusesAreJson() throws Exception {
    assertThat(jsonError(get("/p/x", "X-Match-Id: a\u0001b\r\n"), 400).get("detail").asText())
        .contains("Illegal character");
    assertThat(jsonError(get("/p/" + "a".repeat(20_000), ""), 414).get("field").asText())
        .isEqualTo("path");
    assertThat(jsonError(get("/p/x", "X-Big: " + "b".repeat(20_000) + "\r\n"), 431)
        .get("field").asText()).isEqualTo("headers");
    jsonError(send("POST /v1/odds HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n"
        + "Connection: close\r\n\r\n", new byte[0]), 400);
  }

  /** Was read whole into memory: chunked bodies have no declared length to check. */
  @Test
  void chunkedBodyOverTheLimitIs413() throws Exception {
    byte[] big = ("[" + "1,".repeat(1024 * 1024) + "1]").getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes((Integer.toHexString(big.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(big);
    body.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    RawHttp.Response r = send("POST /v1/odds HTTP/1.1\r\nHost: a\r\nContent-Type: application/json"
        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", body.toByteArray());

    assertThat(jsonError(r, 413).get("field").asText()).isEqualTo("body");
  }

  /** Was a 500: the limit error carries no location, and reading it threw. */
  @Test
  void jsonBeyondTheParserLimitsIs400() throws Exception {
    byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
    byte[] longNumber = ("{\"panicMinutes\":1" + "0".repeat(1200) + "}")
        .getBytes(StandardCharsets.US_ASCII);

    assertThat(jsonError(post("/v1/decisions", "application/json", deep), 400)
        .get("field").asText()).isEqualTo("body");
    jsonError(post("/v1/decisions", "application/json", longNumber), 400);
  }

  /** Was a 500 from {@code split(";")[0]} on an empty array. */
  @Test
  void contentTypeOfOnlySemicolonsIs415() throws Exception {
    byte[] body = "[]".getBytes(StandardCharsets.US_ASCII);

    assertThat(jsonError(post("/v1/odds", ";", body), 415).get("field").asText())
        .isEqualTo("Content-Type");
    jsonError(post("/v1/odds/betfair", ";;", body), 415);
  }

  /** Was a 500: Javalin URL-decodes the proxied path and fails on a stray '%'. */
  @Test
  void strayPercentInTheProxiedPathIs400() throws Exception {
    assertThat(jsonError(get("/p/predictions/a;x=%z", ""), 400).get("field").asText())
        .isEqualTo("path");
    jsonError(get("/p/predictions/oJ6;%^Nf", ""), 400);
    jsonError(get("/p/predictions/50%", ""), 400);
    assertThat(upstream.calls).hasValue(0);
  }

  /** Was a 500: the zone computation overflowed on instants beyond epoch milliseconds. */
  @Test
  void farKickoffsAreStandardNot500() throws Exception {
    RawHttp.Response proxied = get("/p/predictions/k",
        "X-Match-Id: m\r\nX-Kickoff: +999999999-12-31T23:59:59Z\r\n");
    RawHttp.Response decided = post("/v1/decisions", "application/json",
        "{\"kickoff\":\"-999999999-01-01T00:00:00Z\"}".getBytes(StandardCharsets.US_ASCII));

    assertThat(proxied.status()).isEqualTo(200);
    assertThat(proxied.header("X-Oddscache-Zone")).isEqualTo("STANDARD");
    assertThat(decided.status()).isEqualTo(200);
    assertThat(JSON.readTree(decided.body()).get("zone").asText()).isEqualTo("STANDARD");
  }

  /** Was a 416 announcing the whole file as its length and sending nothing: a hung client. */
  @Test
  void badRangeOnStaticFilesIsIgnored() {
    RawHttp.Response r = get("/", "Range: bytes=5-1\r\n");

    assertThat(r.isDropped()).as(r.dropped()).isFalse();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).contains("<html");
  }

  /**
   * A 1 KB bzip2 body expanding to 1 GB kept a request thread busy for seconds (terabytes: hours).
   */
  @Test
  void compressedBombIs413() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 100; i++) {
        out.write(zeros);
      }
    }

    RawHttp.Response r = post("/v1/odds/betfair", "application/gzip", gz.toByteArray());

    assertThat(jsonError(r, 413).get("error").asText()).contains("decompressed");
  }
}
