package dev.oddscache.cache;

/** Which rule says whether a stored value is still good. */
public enum Freshness {
  /**
   * Fresh until the prices behind the value move: a value whose markets have a live feed is
   * fresh, whatever the volatility status, for as long as none of their drift epochs has
   * advanced since its load started, up to the base TTL; a drifted one reloads as soon as the
   * protection floor allows, and the floor only holds it while the backend is under pressure.
   * Values of markets without a feed follow the {@link #TTL} rule exactly.
   */
  DRIFT,
  /**
   * The timer rule of the original system: effective TTL {@code max(PANIC ? 0 : base, breaker
   * floor, PANIC ? quota TTL : 0)}, whatever the prices did.
   */
  TTL
}
