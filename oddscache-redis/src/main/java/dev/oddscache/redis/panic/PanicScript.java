package dev.oddscache.redis.panic;

import dev.oddscache.redis.internal.LuaScript;
import dev.oddscache.store.StoreException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * {@code panic.lua}: start a match's panic, read the start already stored, or restore a start
 * Redis lost; refresh its expiry if asked, repair a corrupt value, in one atomic round trip. The
 * script touches the match's panic key and end mark, which share its hash tag, so it runs on
 * Redis Cluster.
 *
 * <p>Sent {@linkplain LuaScript#whole whole}, with EVAL, not EVALSHA: right after a Redis
 * restart the script cache is empty, and EVALSHA would cost a NOSCRIPT reply plus a second round
 * trip within the request's one command timeout. The script is sent at most once a second per
 * panicking match and process.
 */
final class PanicScript {
  /** What the script did. */
  enum Outcome {
    /** The stored start is the panic's start. */
    KEPT,
    /** No live start: the candidate now starts a new panic. */
    STORED,
    /** A value that was not a start was replaced. */
    REPAIRED,
    /** The start the caller held was missing or overtaken by a later one: it is back. */
    RESTORED,
    /** No live start, and the panic the caller held was ended by another process. */
    NONE
  }

  /**
   * @param start the start Redis holds now; {@link MatchPanic#UNKNOWN} for {@link Outcome#NONE}
   * @param replaced what a {@link Outcome#REPAIRED} start replaced, else null
   */
  record Result(Outcome outcome, long start, String replaced) {}

  static final LuaScript SCRIPT = LuaScript.whole(
      LuaScript.resource(PanicScript.class, "panic.lua"), ScriptOutputType.MULTI);

  private static final byte[] EMPTY = new byte[0];

  private PanicScript() {}

  /**
   * Sends the script without waiting.
   *
   * @param candidate the start of a new panic if there is no live one, {@link MatchPanic#NONE}
   *     to start none
   * @param held the start of a panic the caller saw and did not see end, {@link MatchPanic#NONE}
   *     if none: restored unless another process marked an end since
   * @param staleStart a start of a panic the caller has ended, {@link MatchPanic#NONE} or
   *     {@link MatchPanic#ANY}: such a stored start counts as absent
   */
  static CompletableFuture<List<Object>> submit(
      RedisClusterAsyncCommands<String, byte[]> commands, String key, String endKey,
      long candidate, long expiryMillis, boolean refresh, long held, long staleStart) {
    byte[] stale = staleStart == MatchPanic.NONE ? EMPTY
        : staleStart == MatchPanic.ANY ? new byte[] {'*'} : PanicStartCodec.encode(staleStart);
    return SCRIPT.submit(commands, new String[] {key, endKey}, millisOrEmpty(candidate),
        PanicStartCodec.encode(expiryMillis), new byte[] {refresh ? (byte) '1' : (byte) '0'},
        millisOrEmpty(held), stale);
  }

  /**
   * @throws StoreException if the reply is not the script's
   */
  static Result parse(List<Object> reply) {
    if (reply != null && reply.size() == 1 && Long.valueOf(4).equals(reply.get(0))) {
      return new Result(Outcome.NONE, MatchPanic.UNKNOWN, null);
    }
    if (reply == null || reply.size() < 2 || !(reply.get(0) instanceof Long)) {
      throw new StoreException("unexpected reply from the panic script: " + reply);
    }
    OptionalLong start = PanicStartCodec.decode(reply.get(1));
    long code = (Long) reply.get(0);
    if (start.isEmpty() || code < 0 || code > 3) {
      throw new StoreException("unexpected reply from the panic script: " + reply);
    }
    Outcome outcome = Outcome.values()[(int) code];
    String replaced = outcome == Outcome.REPAIRED && reply.size() > 2
        ? PanicStartCodec.describe(reply.get(2)) : null;
    return new Result(outcome, start.getAsLong(), replaced);
  }

  private static byte[] millisOrEmpty(long millis) {
    return millis == MatchPanic.NONE ? EMPTY : PanicStartCodec.encode(millis);
  }
}
