package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.betfair.BetfairIngest;
import dev.oddscache.server.betfair.BetfairInput;
import dev.oddscache.server.betfair.BetfairLimits;
import dev.oddscache.server.testing.RunningServer;
import dev.oddscache.server.testing.SharedBetfairData;
import dev.oddscache.vix.VixDetector;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Betfair bomb of issue 13: a small compressed body expanding to one line of millions of
 * characters was parsed whole, and four at once exhausted the heap (500s, a stalled proxy). Now
 * such a line is skipped and listed, a body beyond its decompressed limit is 413, ingests beyond
 * the concurrency limit are 503 with {@code Retry-After}, and never a 500.
 */
class BetfairBombTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The bomb's one line: 8 Mi characters of empty objects in a runner change. */
  private static final int BOMB_CHARS = 8 * 1024 * 1024;
  private static final String LINE_TOO_LONG =
      "line is longer than " + BetfairLimits.DEFAULT_MAX_LINE_CHARS + " characters";

  private final TestUpstream upstream = new TestUpstream();

  /** The bombs, made once: compressing 8 MiB of bzip2 takes seconds. */
  private static final class Bombs {
    static final byte[] GZIP;
    static final byte[] BZIP2;

    static {
      try {
        byte[] line = bombLine();
        GZIP = gzip(line);
        BZIP2 = bzip2(line);
      } catch (IOException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url).thenClosing(upstream);

  static byte[] bombLine() {
    String head = "{\"op\":\"mcm\",\"pt\":1,\"mc\":[{\"id\":\"1.1\",\"rc\":[{\"id\":1,\"x\":[";
    String tail = "{}]}]}]}\n";
    StringBuilder line = new StringBuilder(BOMB_CHARS + 1).append(head);
    line.append("{},".repeat((BOMB_CHARS - head.length() - tail.length() + 1) / 3));
    line.append(tail);
    return line.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] bzip2(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream bz = new BZip2CompressorOutputStream(out)) {
      bz.write(plain);
    }
    return out.toByteArray();
  }

  private HttpResponse<String> post(String contentType, byte[] body) {
    return Http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/odds/betfair"))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static void assertBombListed(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("accepted").asLong()).isZero();
    assertThat(body.get("rejected")).hasSize(1);
    assertThat(body.get("rejected").get(0).get("index").asLong()).isZero();
    assertThat(body.get("rejected").get(0).get("reason").asText()).startsWith(LINE_TOO_LONG);
  }

  @Test
  void gzipBomb_isSkippedAndListed() throws IOException {
    assertThat(bombLine().length).isEqualTo(BOMB_CHARS);
    assertThat(Bombs.GZIP.length).isLessThan(9 * 1024);

    assertBombListed(post("application/gzip", Bombs.GZIP));
  }

  @Test
  void bzip2Bomb_isSkippedAndListed() throws IOException {
    assertBombListed(post("application/x-bzip2", Bombs.BZIP2));
  }

  @Test
  void aBombBeyondTheDecompressedLimit_is413() throws IOException {
    server.start(b -> b.betfair(f -> f.maxDecompressedBytes(1024 * 1024)));

    HttpResponse<String> r = post("application/x-bzip2", Bombs.BZIP2);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("error").asText()).isEqualTo("decompressed body too large");
    assertThat(body.get("field").asText()).isEqualTo("body");
    assertThat(body.get("detail").asText()).contains("1048576", "betfair.maxDecompressedBytes");
  }

  /**
   * Six bombs at once against two ingest slots: each is skipped and listed, or refused with a
   * 503 and {@code Retry-After}, never a 500; meanwhile the proxy answers, and afterwards every
   * slot is free again.
   */
  @Test
  void bombsAtOnce_areListedOrRefused_andTheProxyStillAnswers() throws Exception {
    byte[] bomb = Bombs.GZIP;
    int clients = 6;
    CyclicBarrier start = new CyclicBarrier(clients + 1);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        answers.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return post("application/gzip", bomb);
        }));
      }
      start.await(10, TimeUnit.SECONDS);
      HttpResponse<String> proxied = Http.get(server.url() + "/p/predictions/during-bombs");

      assertThat(proxied.statusCode()).isEqualTo(200);
      assertThat(proxied.body()).contains("\"id\":\"during-bombs\"");
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
        if (r.statusCode() == 503) {
          assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
          assertThat(JSON.readTree(r.body()).get("error").asText())
              .isEqualTo("too many Betfair ingests at once");
        } else {
          assertBombListed(r);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    // Three in a row with two slots: a slot lost by any of the bombs would refuse one.
    for (int i = 0; i < 3; i++) {
      assertBombListed(post("application/gzip", bomb));
    }
  }

  /**
   * The real files ingest through HTTP exactly as in place, each in another form (the markets
   * are distinct, so one server takes them all).
   */
  @Test
  void realFiles_ingestAsInPlace() throws IOException {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put(SharedBetfairData.WIN_MARKET, "application/x-ndjson");
    forms.put(SharedBetfairData.PLACE_MARKET, "application/gzip");
    forms.put(SharedBetfairData.HORSE_RACE, "application/x-bzip2");
    // Beyond the 1 MiB body limit uncompressed; as sent, compressed.
    forms.put(SharedBetfairData.SELF_RECORDED, "application/gzip");
    for (Map.Entry<String, String> form : forms.entrySet()) {
      Path file = SharedBetfairData.file(form.getKey());
      String inPlace;
      try (BufferedReader in = BetfairInput.open(file)) {
        inPlace = JSON.writeValueAsString(
            new BetfairIngest(VixDetector.ofDefaults()).ingest(in).toJson());
      }
      byte[] plain = Files.readAllBytes(file);
      String type = form.getValue();
      byte[] body = type.endsWith("gzip") ? gzip(plain)
          : type.endsWith("bzip2") ? bzip2(plain) : plain;

      HttpResponse<String> r = post(type, body);

      assertThat(inPlace).as(file.toString()).contains("\"rejected\":[]");
      assertThat(r.statusCode()).as(file + " " + type + ": " + r.body()).isEqualTo(200);
      assertThat(r.body()).as(file + " " + type).isEqualTo(inPlace);
    }
  }
}
