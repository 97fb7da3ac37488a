package dev.oddscache.redis.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.vix.OddsTick;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedEntryCodecTest {
  @Test
  void tick_roundTrips_withExactOdds() {
    OddsTick tick =
        new OddsTick("m é1", "Over_Under_25", "home", 0.1 + 0.2 + 1.0, 1_772_388_000_123L);
    FeedEntry entry = new FeedEntry(new FeedEvent.Tick(tick), "host-1-abc", 42, false);

    FeedEntry back = FeedEntryCodec.decode(FeedEntryCodec.encode(entry));

    assertThat(back).isEqualTo(entry);
    assertThat(((FeedEvent.Tick) back.event()).tick().odds()).isEqualTo(0.1 + 0.2 + 1.0);
  }

  @Test
  void marketStatus_roundTrips_preapplied() {
    FeedEntry entry = new FeedEntry(new FeedEvent.MarketStatus("m1", "win", 7), "a", 3, true);

    Map<String, byte[]> fields = FeedEntryCodec.encode(entry);

    assertThat(fields).containsOnlyKeys("m", "k", "t", "x", "i", "q", "p");
    assertThat(FeedEntryCodec.decode(fields)).isEqualTo(entry);
  }

  @Test
  void tick_isAFewShortFields() {
    Map<String, byte[]> fields = FeedEntryCodec.encode(new FeedEntry(
        new FeedEvent.Tick(new OddsTick("m1", "1x2", "home", 2.5, 1000)), "a", 1, false));

    assertThat(fields).containsOnlyKeys("m", "k", "s", "o", "t", "i", "q");
    assertThat(new String(fields.get("o"), StandardCharsets.UTF_8)).isEqualTo("2.5");
  }

  @Test
  void foreignEntry_isRefusedNamingTheField() {
    Map<String, byte[]> fields = new HashMap<>(FeedEntryCodec.encode(new FeedEntry(
        new FeedEvent.Tick(new OddsTick("m1", "1x2", "home", 2.5, 1000)), "a", 1, false)));
    fields.put("o", "two".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> FeedEntryCodec.decode(fields))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field o");
    fields.remove("i");
    assertThatThrownBy(() -> FeedEntryCodec.decode(fields))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field");
  }
}
