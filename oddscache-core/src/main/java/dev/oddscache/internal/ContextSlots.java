package dev.oddscache.internal;

import dev.oddscache.MatchContext;
import java.util.Objects;

/**
 * A slot in each {@link MatchContext} object where the decider keeps the last decision it made
 * for that object, so that a caller reusing its contexts gets the decision back without a
 * lookup. Not API: the slot is not part of a context's value (equality, hash, string), and only
 * the decider reads or writes it. {@code MatchContext} installs the access once, as the JDK's
 * shared-secrets pattern does, so the slot needs no public accessor on the context itself.
 */
public final class ContextSlots {
  /** How the slot of a context is read and written; implemented by {@code MatchContext}. */
  public interface Access {
    Object get(MatchContext context);

    void set(MatchContext context, Object value);
  }

  private static volatile Access access;

  private ContextSlots() {}

  /**
   * Installs the access; called once, by {@code MatchContext}'s initialisation.
   *
   * @throws IllegalStateException if an access is installed already
   */
  public static synchronized void install(Access a) {
    if (access != null) {
      throw new IllegalStateException("the context slot access is installed already");
    }
    access = Objects.requireNonNull(a, "access");
  }

  /** What the slot of {@code context} holds, or null. */
  public static Object get(MatchContext context) {
    return access.get(context);
  }

  /** Puts {@code value} in the slot of {@code context}. */
  public static void set(MatchContext context, Object value) {
    access.set(context, value);
  }
}
