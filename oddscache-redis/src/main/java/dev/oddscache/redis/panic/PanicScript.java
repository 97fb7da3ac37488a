package dev.oddscache.redis.panic;

import dev.oddscache.redis.internal.LuaScript;
import dev.oddscache.store.StoreException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * {@code panic.lua}: start a match's panic or read the start already stored, refresh its expiry
 * if asked, repair a corrupt value, in one atomic round trip. The script touches only its one key,
 * so it runs on Redis Cluster.
 *
 * <p>Sent {@linkplain LuaScript#whole whole}, with EVAL, not EVALSHA: right after a Redis
 * restart the script cache is empty, and EVALSHA would cost a NOSCRIPT reply plus a second round
 * trip within the request's one command timeout. The script is sent at most once a second per
 * panicking match and process.
 */
final class PanicScript {
  /** Which stored start survives. */
  enum Mode {
    /** Any live start is kept: the first writer wins. */
    FIRST("first"),
    /** A live start is kept only if not later than the candidate: after an outage. */
    EARLIEST("earliest");

    final byte[] arg;

    Mode(String arg) {
      this.arg = arg.getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** What the script did. */
  enum Outcome { KEPT, STORED, REPAIRED }

  /**
   * @param start the start Redis holds now
   * @param replaced what a {@link Outcome#REPAIRED} start replaced, else null
   */
  record Result(Outcome outcome, long start, String replaced) {}

  static final LuaScript SCRIPT = LuaScript.whole(
      LuaScript.resource(PanicScript.class, "panic.lua"), ScriptOutputType.MULTI);

  private PanicScript() {}

  /**
   * Sends the script without waiting.
   *
   * @param staleStart a start of a panic the caller has ended, {@link MatchPanic#NONE} or
   *     {@link MatchPanic#ANY}: such a stored start counts as absent
   */
  static CompletableFuture<List<Object>> submit(
      RedisClusterAsyncCommands<String, byte[]> commands, String key, long candidate,
      long expiryMillis, boolean refresh, Mode mode, long staleStart) {
    byte[] stale = staleStart == MatchPanic.NONE ? new byte[0]
        : staleStart == MatchPanic.ANY ? new byte[] {'*'} : PanicStartCodec.encode(staleStart);
    return SCRIPT.submit(commands, new String[] {key},
        PanicStartCodec.encode(candidate), PanicStartCodec.encode(expiryMillis),
        new byte[] {refresh ? (byte) '1' : (byte) '0'}, mode.arg, stale);
  }

  /**
   * @throws StoreException if the reply is not the script's
   */
  static Result parse(List<Object> reply) {
    if (reply == null || reply.size() < 2 || !(reply.get(0) instanceof Long)) {
      throw new StoreException("unexpected reply from the panic script: " + reply);
    }
    OptionalLong start = PanicStartCodec.decode(reply.get(1));
    long code = (Long) reply.get(0);
    if (start.isEmpty() || code < 0 || code > 2) {
      throw new StoreException("unexpected reply from the panic script: " + reply);
    }
    Outcome outcome = Outcome.values()[(int) code];
    String replaced = outcome == Outcome.REPAIRED && reply.size() > 2
        ? PanicStartCodec.describe(reply.get(2)) : null;
    return new Result(outcome, start.getAsLong(), replaced);
  }
}
