package dev.oddscache.server.betfair;

import static dev.oddscache.server.betfair.Lines.definition;
import static dev.oddscache.server.betfair.Lines.join;
import static dev.oddscache.server.betfair.Lines.prices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.Status;
import dev.oddscache.vix.VixDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The work behind {@code POST /v1/odds/betfair}: stream lines into a real detector. */
class BetfairIngestTest {
  private final VixDetector detector = VixDetector.ofDefaults();
  private final BetfairIngest ingest = new BetfairIngest(detector);

  @Test
  void goodLines_areAcceptedByTheDetector() throws IOException {
    IngestResult result = ingest.ingest(new StringReader(join(definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":2.0,\"id\":1"), prices(3000, "\"ltp\":2.5,\"id\":1"))));

    assertThat(result.accepted()).isEqualTo(2);
    assertThat(result.rejected()).isEmpty();
    assertThat(result.lines()).isEqualTo(3);
    assertThat(detector.acceptedTicks()).isEqualTo(2);
    // A 22% jump is PANIC even during warm-up.
    assertThat(detector.marketStatus("31389771", "win", 3000)).isEqualTo(Status.PANIC);
  }

  @Test
  void aSuspensionAndAReopen_advanceTheMarketsDriftEpoch() throws IOException {
    ingest.ingest(new StringReader(join(definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":2.0,\"id\":1"))));
    assertThat(detector.epoch("31389771", "win", 2000)).isZero();

    ingest.ingest(new StringReader(join(definition(3000, "SUSPENDED", false),
        definition(4000, "OPEN", true))));

    assertThat(detector.epoch("31389771", "win", 4000)).isEqualTo(2);
  }

  @Test
  void oddsOfOneOrLessAndNaN_areRejectedByTheDetectorNamingLtp() throws IOException {
    IngestResult result = ingest.ingest(new StringReader(join(definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":1.0,\"id\":1", "\"ltp\":2.0,\"id\":2"),
        prices(3000, "\"ltp\":NaN,\"id\":1"),
        prices(4000, "\"ltp\":-Infinity,\"id\":1"),
        prices(5000, "\"ltp\":0.5,\"id\":3"))));

    assertThat(result.accepted()).isEqualTo(1);
    assertThat(result.rejected()).containsExactly(
        new Rejection(1, "mc[0].rc[0].ltp: odds must be a finite number > 1.0, got 1.0"),
        new Rejection(2, "mc[0].rc[0].ltp: odds must be a finite number > 1.0, got NaN"),
        new Rejection(3, "mc[0].rc[0].ltp: odds must be a finite number > 1.0, got -Infinity"),
        new Rejection(4, "mc[0].rc[0].ltp: odds must be a finite number > 1.0, got 0.5"));
    assertThat(detector.rejectedTicks()).isEqualTo(4);
  }

  @Test
  void outOfOrderTicks_areRejectedAndCounted() throws IOException {
    IngestResult result = ingest.ingest(new StringReader(join(definition(1000, "OPEN", false),
        prices(3000, "\"ltp\":2.0,\"id\":1"), prices(2000, "\"ltp\":2.1,\"id\":1"))));

    assertThat(result.accepted()).isEqualTo(1);
    assertThat(result.outOfOrder()).isEqualTo(1);
    assertThat(result.rejected()).containsExactly(new Rejection(2, "mc[0].rc[0]: pt 2000 is older"
        + " than the last tick of selection 1 in market 1.100, ignored"));
  }

  @Test
  void json_hasExactlyAcceptedAndRejectedWithIndexAndReason() throws IOException {
    IngestResult result = ingest.ingest(new StringReader(join(definition(1000, "OPEN", false),
        "oops", prices(2000, "\"ltp\":2.0,\"id\":1"), prices(2000, "\"ltp\":2.0"))));

    JsonNode json = new ObjectMapper().valueToTree(result.toJson());

    assertThat(names(json)).containsExactly("accepted", "rejected");
    assertThat(json.get("accepted").asLong()).isEqualTo(1);
    assertThat(json.get("rejected")).hasSize(2);
    assertThat(names(json.get("rejected").get(0))).containsExactly("index", "reason");
    assertThat(json.get("rejected").get(0).get("index").asLong()).isEqualTo(1);
    assertThat(json.get("rejected").get(1).get("reason").asText())
        .isEqualTo("mc[0].rc[0].id is missing");
  }

  @Test
  void definitions_carryOverToLaterCalls() throws IOException {
    ingest.ingest(new StringReader(definition(1000, "OPEN", true)));

    IngestResult second = ingest.ingest(new StringReader(prices(2000, "\"ltp\":2.0,\"id\":1")));

    assertThat(second.accepted()).isEqualTo(1);
    assertThat(second.rejected()).isEmpty();
  }

  @Test
  void ignoredTicks_areNeitherAcceptedNorRejected() throws IOException {
    IngestResult result = ingest.ingest(new StringReader(join(definition(1000, "SUSPENDED", false),
        prices(2000, "\"ltp\":2.0,\"id\":1"))));

    assertThat(result.accepted()).isZero();
    assertThat(result.rejected()).isEmpty();
    assertThat(result.ignored()).isEqualTo(1);
  }

  @Test
  void listener_seesEachAcceptedTickWithItsResult() throws IOException {
    List<String> seen = new ArrayList<>();
    ingest.ingest(new StringReader(join(definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":2.0,\"id\":1"), prices(3000, "\"ltp\":2.5,\"id\":1"))),
        (tick, result) -> seen.add(tick.tick().timestampMillis() + " " + result.status()));

    assertThat(seen).containsExactly("2000 NORMAL", "3000 PANIC");
  }

  @Test
  void listing_isCappedButTheCountIsExact() throws IOException {
    BetfairIngest capped = new BetfairIngest(detector, new BetfairStreamParser(), 2);

    IngestResult result = capped.ingest(new StringReader(join("a", "b", "c", "d")));

    assertThat(result.rejectedCount()).isEqualTo(4);
    assertThat(result.rejected()).extracting(Rejection::index).containsExactly(0L, 1L);
  }

  @Test
  void inputStream_isReadAsUtf8AndLeftOpen() throws IOException {
    byte[] body = join(definition(1000, "OPEN", false), prices(2000, "\"ltp\":2.0,\"id\":1"))
        .getBytes(StandardCharsets.UTF_8);
    boolean[] closed = {false};
    ByteArrayInputStream in = new ByteArrayInputStream(body) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    IngestResult result = ingest.ingest(in);

    assertThat(result.accepted()).isEqualTo(1);
    assertThat(closed[0]).isFalse();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
