package dev.oddscache.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.CommandCounter;
import dev.oddscache.redis.testing.Measurements;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.testing.Poll;
import dev.oddscache.vix.DriftStamp;
import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Redis store writes and sends, checked on the server: one blob per value, one GET per
 * hit, tag sets in the match's slot with long enough expiry, tags moved on replacement.
 */
class RedisStoreLayoutTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration BOUND = Duration.ofSeconds(3);

  private final RedisConnector redis = SharedRedisServer.connector();
  private final String name = SharedRedisServer.uniqueName();
  private final RedisStore<String> store = new RedisStore<>(redis, ValueCodec.utf8String(), name);
  private final KeyLayout keys = new KeyLayout(redis.prefix() + ":" + name);
  private final RawRedis raw = new RawRedis(SharedRedisServer.uri());

  @AfterEach
  void closeRaw() {
    raw.close();
  }

  private static StoredValue<String> value(String v) {
    return new StoredValue<>(v, 1_772_388_000_000L, 15, 3_000_000L);
  }

  @Test
  void get_hit_isOneGetAndNothingElse_driftEpochsIncluded() {
    for (int i = 0; i < 20; i++) {
      DriftStamp drift = DriftStamp.of("m" + (i % 3), List.of("1x2", "btts"), new long[] {i, -1});
      store.put("k" + i, new StoredValue<>("v" + i, 1_772_388_000_000L, 15, 3_000_000L, drift),
          Tags.of("m" + (i % 3), Set.of("1x2", "btts")), HOUR);
    }
    try (CommandCounter counter = new CommandCounter(List.of(SharedRedisServer.uri()))) {
      counter.reset();

      for (int i = 0; i < 1_000; i++) {
        assertThat(store.get("k" + (i % 20)).drift().epoch(0)).isEqualTo(i % 20);
      }

      long commands = counter.storeCommands();
      Measurements.record("RedisStoreLayoutTest",
          "server-side commands for 1000 hits: " + counter.all());
      assertThat(counter.calls("get")).isEqualTo(1_000);
      assertThat(commands).isEqualTo(1_000);
    }
  }

  @Test
  void put_isOneSetAndOneTagScript() {
    try (CommandCounter counter = new CommandCounter(List.of(SharedRedisServer.uri()))) {
      store.put("warm", value("v"), Tags.of("m1", Set.of("1x2")), HOUR);
      counter.reset();

      store.put("k", value("v"), Tags.of("m1", Set.of("1x2", "btts")), HOUR);

      assertThat(counter.calls("set")).isEqualTo(1);
      assertThat(counter.calls("evalsha")).isEqualTo(1);
      assertThat(counter.calls("eval")).isZero();
    }
  }

  @Test
  void blob_holdsValueMetadataAndTagsInOneKeyWithPx() {
    store.put("k", value("price=1.85"), Tags.of("psg-om", Set.of("1X2", "btts")),
        Duration.ofSeconds(90));

    byte[] blob = raw.sync().get(keys.valueKey("k"));
    BlobFormat.Blob b = BlobFormat.decode(blob);

    assertThat(blob[0]).isEqualTo(BlobFormat.VERSION);
    assertThat(new String(b.value(), StandardCharsets.UTF_8)).isEqualTo("price=1.85");
    assertThat(b.storedAtMillis()).isEqualTo(1_772_388_000_000L);
    assertThat(b.ttlSeconds()).isEqualTo(15);
    assertThat(b.loadNanos()).isEqualTo(3_000_000L);
    assertThat(b.tags()).isEqualTo(Tags.of("psg-om", Set.of("1x2", "btts")));
    assertThat(raw.sync().pttl(keys.valueKey("k"))).isBetween(80_000L, 90_000L);
    assertThat(raw.sync().keys(keys.namespace() + ":v:*")).containsExactly(keys.valueKey("k"));
  }

  @Test
  void keysOfOneMatch_shareOneSlot_valuesSpreadByKey() {
    Set<Integer> matchSlots = java.util.stream.Stream.of(
        keys.marketSet("psg-om"), keys.tagSet("psg-om", "1x2"),
        keys.tagSet("psg-om", KeyLayout.MATCH_ONLY), keys.tagSet("psg-om", "over_under_25"))
        .map(SlotHash::getSlot).collect(Collectors.toSet());
    Set<Integer> valueSlots = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> SlotHash.getSlot(keys.valueKey("odds:psg-om:" + i)))
        .collect(Collectors.toSet());

    assertThat(matchSlots).hasSize(1);
    assertThat(valueSlots).hasSizeGreaterThan(40);
  }

  @Test
  void matchIdsWithBraces_areEscapedSoTheHashTagIsTheWholeId() {
    assertThat(keys.tagSet("a}b", "x")).isEqualTo(keys.namespace() + ":t:{a%7Db}:m:x");
    assertThat(keys.tagSet("a}:m:b", "c")).isNotEqualTo(keys.tagSet("a", "b}:m:c"));

    store.put("k", value("v"), Tags.of("we{ird}%", Set.of("1x2")), HOUR);

    assertThat(store.markets("we{ird}%")).containsExactly("1x2");
    assertThat(store.removeMatch("we{ird}%")).isEqualTo(1);
  }

  @Test
  void tagSets_expireNoEarlierThanTheirLongestLivedMember() {
    Tags tags = Tags.of("m1", Set.of("1x2"));
    store.put("long", value("a"), tags, Duration.ofSeconds(600));
    store.put("short", value("b"), tags, Duration.ofSeconds(10));

    assertThat(raw.sync().pttl(keys.tagSet("m1", "1x2"))).isGreaterThan(590_000L);
    assertThat(raw.sync().pttl(keys.marketSet("m1"))).isGreaterThan(590_000L);

    store.put("longer", value("c"), tags, Duration.ofSeconds(1200));
    assertThat(raw.sync().pttl(keys.tagSet("m1", "1x2"))).isGreaterThan(1_190_000L);
  }

  @Test
  void replacing_movesTheMemberOutOfTheOldTagSets() {
    store.put("k", value("a"), Tags.of("m1", Set.of("1x2", "corners")), HOUR);

    store.put("k", value("b"), Tags.of("m1", Set.of("corners", "btts")), HOUR);

    // The old member is removed after the put returns (not awaited): wait for it, bounded.
    Poll.await("the 1x2 tag set gone").atMost(BOUND)
        .until(() -> raw.sync().exists(keys.tagSet("m1", "1x2")) == 0);
    Poll.await("one member left in the corners tag set").atMost(BOUND)
        .until(() -> raw.sync().scard(keys.tagSet("m1", "corners")) == 1);
    assertThat(raw.sync().scard(keys.tagSet("m1", "btts"))).isEqualTo(1);
    assertThat(strings(raw.sync().smembers(keys.marketSet("m1"))))
        .containsExactlyInAnyOrder("corners", "btts");
    assertThat(store.markets("m1")).containsExactly("btts", "corners");
  }

  @Test
  void removeTagged_deletesValuesAndCleansEveryTagSetOfThem() {
    store.put("k1", value("a"), Tags.of("m1", Set.of("1x2", "corners")), HOUR);
    store.put("k2", value("b"), Tags.of("m1", Set.of("1x2")), HOUR);
    store.put("k3", value("c"), Tags.of("m1", Set.of()), HOUR);

    assertThat(store.removeTagged("m1", List.of("1x2"))).isEqualTo(2);

    assertThat(raw.sync().exists(keys.tagSet("m1", "1x2"), keys.tagSet("m1", "corners"))).isZero();
    assertThat(strings(raw.sync().smembers(keys.marketSet("m1"))))
        .containsExactly(KeyLayout.MATCH_ONLY);
    assertThat(store.removeMatch("m1")).isEqualTo(1);
    assertThat(raw.sync().keys(keys.namespace() + ":*")).isEmpty();
  }

  @Test
  void valueReputAfterExpiryWithOtherTags_isNotRemovedByItsOldTag() {
    store.put("other", value("x"), Tags.of("m1", Set.of("1x2")), HOUR);
    store.put("k", value("old"), Tags.of("m1", Set.of("1x2")), Duration.ofMillis(100));
    Poll.await("k expired").atMost(BOUND).until(() -> store.get("k") == null);

    store.put("k", value("new"), Tags.of("m1", Set.of("btts")), HOUR);

    // The 1x2 set (kept alive by "other") still holds the expired put's member, whose token is
    // no longer the one k holds.
    assertThat(raw.sync().scard(keys.tagSet("m1", "1x2"))).isEqualTo(2);
    assertThat(store.removeTagged("m1", List.of("1x2"))).isEqualTo(1);
    assertThat(store.markets("m1")).containsExactly("btts");
    assertThat(store.get("k").value()).isEqualTo("new");
  }

  @Test
  void markets_cleansMembersOfExpiredValues() {
    store.put("gone", value("a"), Tags.of("m1", Set.of("1x2")), Duration.ofMillis(100));
    store.put("kept", value("b"), Tags.of("m1", Set.of("btts")), HOUR);
    Poll.await("gone expired").atMost(BOUND).until(() -> store.get("gone") == null);

    assertThat(store.markets("m1")).containsExactly("btts");

    Poll.await("the 1x2 tag set gone").atMost(BOUND)
        .until(() -> raw.sync().exists(keys.tagSet("m1", "1x2")) == 0);
    assertThat(strings(raw.sync().smembers(keys.marketSet("m1")))).containsExactly("btts");
  }

  @Test
  void retention_zero_deletesAndUntags() {
    store.put("k", value("a"), Tags.of("m1", Set.of("1x2")), HOUR);

    store.put("k", value("b"), Tags.of("m1", Set.of("1x2")), Duration.ZERO);

    assertThat(raw.sync().exists(keys.valueKey("k"))).isZero();
    Poll.await("the 1x2 tag set gone").atMost(BOUND)
        .until(() -> raw.sync().exists(keys.tagSet("m1", "1x2")) == 0);
  }

  @Test
  void retention_underAMillisecond_isRoundedUpNotDropped() {
    store.put("k", value("a"), Tags.NONE, Duration.ofNanos(10));

    // Nothing to assert on the value, which may be gone already: PX 0 would have failed the put.
    assertThat(store.remove("never-there")).isFalse();
  }

  @Test
  void put_whoseTagFails_leavesNeitherItsValueNorTheOldOne() {
    store.put("k", value("old"), Tags.of("m1", Set.of("1x2")), HOUR);
    // A string where the btts tag set should be: the tag script fails, the value's SET does not.
    raw.sync().set(keys.tagSet("m1", "btts"), "not a set".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
        () -> store.put("k", value("new"), Tags.of("m1", Set.of("1x2", "btts")), HOUR))
        .isInstanceOf(StoreException.class);

    // Not in the btts set, so no removal could reach it: it must not stay.
    Poll.await("the untagged value withdrawn").atMost(BOUND)
        .until(() -> raw.sync().exists(keys.valueKey("k")) == 0);
    assertThat(store.get("k")).isNull();
  }

  @Test
  void put_sendsTheValueBeforeItsTag() {
    store.put("warm", value("v"), Tags.of("m1", Set.of("1x2")), HOUR);
    // The slow log with a zero threshold lists every command the server ran, in order.
    String threshold = raw.sync().configGet("slowlog-log-slower-than")
        .get("slowlog-log-slower-than");
    raw.sync().configSet("slowlog-log-slower-than", "0");
    try {
      raw.sync().slowlogReset();
      store.put("k", value("v"), Tags.of("m1", Set.of("1x2", "btts")), HOUR);
      List<String> commands = new ArrayList<>();
      for (Object entry : raw.sync().slowlogGet(128)) {
        List<?> args = (List<?>) ((List<?>) entry).get(3);
        commands.add(0, new String((byte[]) args.get(0), StandardCharsets.UTF_8).toLowerCase());
      }
      assertThat(commands).filteredOn(c -> c.equals("set") || c.startsWith("eval"))
          .containsExactly("set", "evalsha");
    } finally {
      raw.sync().configSet("slowlog-log-slower-than", threshold);
    }
  }

  private static Set<String> strings(Set<byte[]> raw) {
    return raw.stream()
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .collect(Collectors.toSet());
  }
}
