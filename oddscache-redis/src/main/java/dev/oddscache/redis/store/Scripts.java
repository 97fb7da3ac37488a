package dev.oddscache.redis.store;

import dev.oddscache.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;

/**
 * The Lua scripts of the {@link RedisStore}. Each touches either one value key or the keys of
 * one match (one Cluster slot, see {@link KeyLayout}), never both: values and tags are kept
 * consistent by the tokens of {@link TagMember}, not by atomicity across slots.
 */
final class Scripts {
  private Scripts() {}

  /**
   * Tags a put. KEYS: the match's market set, then one tag set per market; ARGV: the retention in
   * ms, the member, then the market of each tag set. Adds the member and the markets, then
   * extends every key's expiry to at least the retention: Redis 6.2 has no {@code PEXPIRE … GT},
   * and a plain PEXPIRE could shorten a set below the retention of an older, longer-lived member.
   */
  static final LuaScript TAG = LuaScript.bySha("""
      local ttl = tonumber(ARGV[1])
      for i = 2, #KEYS do
        redis.call('SADD', KEYS[i], ARGV[2])
        redis.call('SADD', KEYS[1], ARGV[i + 1])
      end
      for i = 1, #KEYS do
        if redis.call('PTTL', KEYS[i]) < ttl then
          redis.call('PEXPIRE', KEYS[i], ttl)
        end
      end
      return #KEYS
      """, ScriptOutputType.INTEGER);

  /**
   * Deletes a value key if it still holds the given token. KEYS: the value key; ARGV: the 8
   * token bytes. Returns the deleted blob (so the caller can clean its tag sets), or nil when the
   * key is gone or holds a newer put, which must survive.
   */
  static final LuaScript DELETE_IF_TOKEN = LuaScript.bySha("""
      local blob = redis.call('GET', KEYS[1])
      if blob and string.sub(blob, 2, 9) == ARGV[1] then
        redis.call('DEL', KEYS[1])
        return blob
      end
      return false
      """, ScriptOutputType.VALUE);

  /**
   * Removes dead members from a match's tag sets. KEYS: the market set, then tag sets; ARGV, per
   * tag set: its market, the number of members, the members. A set left empty loses its market
   * from the market set, in the same atomic step, so a concurrent put (which adds both at once)
   * never ends up in a set whose market is not listed.
   */
  static final LuaScript UNTAG = LuaScript.bySha("""
      local a = 1
      for i = 2, #KEYS do
        local market = ARGV[a]
        local count = tonumber(ARGV[a + 1])
        a = a + 2
        for j = a, a + count - 1 do
          redis.call('SREM', KEYS[i], ARGV[j])
        end
        a = a + count
        if redis.call('SCARD', KEYS[i]) == 0 then
          redis.call('SREM', KEYS[1], market)
        end
      end
      return 0
      """, ScriptOutputType.INTEGER);
}
