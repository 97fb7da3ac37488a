package dev.oddscache.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Values of each codec survive a trip through a real Redis; bad bytes fail naming the key. */
class ValueCodecTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Tags TAGS = Tags.of("psg-om", Set.of("1x2"));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Price(String market, String selection, double odds) {}

  private final RedisConnector redis = SharedRedisServer.connector();
  private final String name = SharedRedisServer.uniqueName();

  private <V> RedisStore<V> store(ValueCodec<V> codec) {
    return new RedisStore<>(redis, codec, name);
  }

  private static <V> StoredValue<V> stored(V value) {
    return new StoredValue<>(value, 1_772_388_000_000L, 15, 3_000_000L);
  }

  @Test
  void bytes_everyByteValueAndEmpty_roundTrip() {
    RedisStore<byte[]> store = store(ValueCodec.bytes());
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }

    store.put("all", stored(all), TAGS, HOUR);
    store.put("empty", stored(new byte[0]), Tags.NONE, HOUR);

    assertThat(store.get("all").value()).containsExactly(all);
    assertThat(store.get("empty").value()).isEmpty();
    assertThat(store.get("all").storedAtMillis()).isEqualTo(1_772_388_000_000L);
  }

  @Test
  void utf8String_nonAscii_roundTrips() {
    RedisStore<String> store = store(ValueCodec.utf8String());
    String text = "Atlético – Barça: 1,85 € ⚽ 𝄞";

    store.put("k", stored(text), TAGS, HOUR);

    assertThat(store.get("k").value()).isEqualTo(text);
  }

  @Test
  void json_recordAndGenericList_roundTrip() {
    RedisStore<Price> one = store(ValueCodec.json(MAPPER, Price.class));
    RedisStore<List<Price>> many =
        store(ValueCodec.json(MAPPER, new TypeReference<List<Price>>() {}));
    Price home = new Price("1x2", "home", 1.85);
    List<Price> book = List.of(home, new Price("1x2", "draw", 3.4), new Price("1x2", "away", 4.2));

    one.put("one", stored(home), TAGS, HOUR);
    many.put("many", stored(book), TAGS, HOUR);

    assertThat(one.get("one").value()).isEqualTo(home);
    assertThat(many.get("many").value()).isEqualTo(book);
  }

  @Test
  void json_isStoredAsJsonText() {
    store(ValueCodec.json(MAPPER, Price.class))
        .put("k", stored(new Price("btts", "yes", 1.7)), TAGS, HOUR);

    try (RawRedis raw = new RawRedis(SharedRedisServer.uri())) {
      byte[] blob = raw.sync().get(redis.prefix() + ":" + name + ":v:{k}");
      String value = new String(BlobFormat.decode(blob).value(), StandardCharsets.UTF_8);
      assertThat(value).isEqualTo("{\"market\":\"btts\",\"selection\":\"yes\",\"odds\":1.7}");
    }
  }

  @Test
  void decode_invalidUtf8_failsNamingTheKey() {
    store(ValueCodec.bytes())
        .put("bad-utf8", stored(new byte[] {(byte) 0xC3, (byte) 0x28}), TAGS, HOUR);

    assertThatThrownBy(() -> store(ValueCodec.utf8String()).get("bad-utf8"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'bad-utf8'")
        .hasMessageContaining("UTF-8");
  }

  @Test
  void decode_textThatIsNotJson_failsNamingTheKey() {
    store(ValueCodec.utf8String()).put("not-json", stored("price=1.85"), TAGS, HOUR);

    assertThatThrownBy(() -> store(ValueCodec.json(MAPPER, Price.class)).get("not-json"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'not-json'")
        .hasMessageContaining("JSON");
  }

  @Test
  void decode_jsonNull_failsNamingTheKey() {
    store(ValueCodec.utf8String()).put("null", stored("null"), TAGS, HOUR);

    assertThatThrownBy(() -> store(ValueCodec.json(MAPPER, Price.class)).get("null"))
        .isInstanceOf(StoreException.class).hasMessageContaining("'null'");
  }

  @Test
  void decode_foreignBytesUnderTheKey_failNamingTheKey() {
    try (RawRedis raw = new RawRedis(SharedRedisServer.uri())) {
      raw.sync().set(redis.prefix() + ":" + name + ":v:{foreign}",
          "hello".getBytes(StandardCharsets.UTF_8));
    }

    assertThatThrownBy(() -> store(ValueCodec.utf8String()).get("foreign"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'foreign'")
        .hasMessageContaining("version");
  }

  @Test
  void encode_unserialisableValue_failsNamingTheKeyAndStoresNothing() {
    RedisStore<Object> store = store(ValueCodec.json(MAPPER, Object.class));

    assertThatThrownBy(() -> store.put("opaque", stored(new Object()), TAGS, HOUR))
        .isInstanceOf(StoreException.class).hasMessageContaining("'opaque'");
    assertThat(store.get("opaque")).isNull();
    assertThat(store.markets("psg-om")).isEmpty();
  }
}
