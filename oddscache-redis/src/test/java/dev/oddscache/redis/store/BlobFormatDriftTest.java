package dev.oddscache.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.store.Tags;
import dev.oddscache.vix.DriftStamp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The drift epochs inside a blob, and blobs written before them. */
class BlobFormatDriftTest {
  private static final Tags TAGS = Tags.of("psg-om", Set.of("1x2"));
  private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);

  @Test
  void epochsRoundTrip() {
    DriftStamp drift = DriftStamp.of("psg-om", List.of("1x2", "btts"), new long[] {7, -1});

    BlobFormat.Blob b = BlobFormat.decode(BlobFormat.encode(1, 2, 3, 4, TAGS, drift, VALUE));

    assertThat(b.drift()).isEqualTo(drift);
    assertThat(b.value()).isEqualTo(VALUE);
    assertThat(b.tags()).isEqualTo(TAGS);
  }

  @Test
  void aValueWithoutEpochsReadsAsNoDriftInformation() {
    BlobFormat.Blob b = BlobFormat.decode(BlobFormat.encode(1, 2, 3, 4, TAGS, VALUE));

    assertThat(b.drift()).isSameAs(DriftStamp.NONE);
  }

  @Test
  void aVersionOneBlobStillReadsAsNoDriftInformation() {
    byte[] match = "psg-om".getBytes(StandardCharsets.UTF_8);
    byte[] market = "1x2".getBytes(StandardCharsets.UTF_8);
    byte[] v1 = ByteBuffer.allocate(1 + 32 + 4 + match.length + 4 + 4 + market.length + 1)
        .put((byte) 1).putLong(9).putLong(2).putLong(3).putLong(4)
        .putInt(match.length).put(match).putInt(1).putInt(market.length).put(market)
        .put(VALUE).array();

    BlobFormat.Blob b = BlobFormat.decode(v1);

    assertThat(b.token()).isEqualTo(9);
    assertThat(b.tags()).isEqualTo(TAGS);
    assertThat(b.drift()).isSameAs(DriftStamp.NONE);
    assertThat(b.value()).isEqualTo(VALUE);
  }

  @Test
  void unknownVersionsAndImplausibleCountsAreRejected() {
    byte[] blob = BlobFormat.encode(1, 2, 3, 4, TAGS, VALUE);
    blob[0] = 3;
    assertThatThrownBy(() -> BlobFormat.decode(blob))
        .hasMessage("unknown blob version 3, this reader knows 1 and 2");

    byte[] bad = BlobFormat.encode(1, 2, 3, 4, TAGS, VALUE);
    int driftCount = bad.length - VALUE.length - 4;
    ByteBuffer.wrap(bad).putInt(driftCount, 1_000_000);
    assertThatThrownBy(() -> BlobFormat.decode(bad))
        .hasMessage("implausible drift epoch count 1000000");
  }
}
