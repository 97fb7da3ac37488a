package dev.oddscache.server.settings;

import dev.oddscache.internal.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What the caching proxy ({@code /p/...}) forwards to and how it treats the answers. Immutable;
 * build with {@link #custom()}.
 *
 * @param upstream the backend that {@code /p/x} forwards to as {@code upstream/x}, an absolute
 *     http(s) URL without query or fragment; null for none (the proxy answers 503)
 * @param upstreamTimeout how long one upstream call may take
 * @param maxKeyBytes the longest cache key (method and target) the proxy accepts
 * @param implicitFreshness what is stored when the upstream states no freshness
 */
public record ProxySettings(URI upstream, Duration upstreamTimeout, int maxKeyBytes,
    ImplicitFreshness implicitFreshness) {
  public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_KEY_BYTES = 512;

  private static final ProxySettings DEFAULTS = new ProxySettings(null, DEFAULT_UPSTREAM_TIMEOUT,
      DEFAULT_MAX_KEY_BYTES, ImplicitFreshness.ZONE);

  public ProxySettings {
    checkUpstream(upstream);
    Durations.positive("upstreamTimeout", upstreamTimeout);
    Limits.atLeastOne("maxKeyBytes", maxKeyBytes);
    Objects.requireNonNull(implicitFreshness, "implicitFreshness");
  }

  /** No upstream, a 10 s timeout, 512-byte keys, {@link ImplicitFreshness#ZONE}. */
  public static ProxySettings ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return from(DEFAULTS);
  }

  public static Builder from(ProxySettings base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  private static URI checkUpstream(URI upstream) {
    if (upstream == null) {
      return null;
    }
    String scheme = upstream.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || upstream.getHost() == null) {
      throw new IllegalArgumentException(
          "upstream must be an absolute http(s) URL, got '" + upstream + "'");
    }
    if (upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "upstream must not have a query or fragment, got '" + upstream + "'");
    }
    return upstream;
  }

  /** Each setter rejects a bad value at once, naming it. Not thread-safe. */
  public static final class Builder {
    private URI upstream;
    private Duration upstreamTimeout;
    private int maxKeyBytes;
    private ImplicitFreshness implicitFreshness;

    private Builder(ProxySettings base) {
      upstream = base.upstream;
      upstreamTimeout = base.upstreamTimeout;
      maxKeyBytes = base.maxKeyBytes;
      implicitFreshness = base.implicitFreshness;
    }

    /** The backend, or null for none. */
    public Builder upstream(URI value) {
      upstream = checkUpstream(value);
      return this;
    }

    public Builder upstreamTimeout(Duration value) {
      upstreamTimeout = Durations.positive("upstreamTimeout", value);
      return this;
    }

    public Builder maxKeyBytes(int value) {
      maxKeyBytes = (int) Limits.atLeastOne("maxKeyBytes", value);
      return this;
    }

    public Builder implicitFreshness(ImplicitFreshness value) {
      implicitFreshness = Objects.requireNonNull(value, "implicitFreshness");
      return this;
    }

    public ProxySettings build() {
      return new ProxySettings(upstream, upstreamTimeout, maxKeyBytes, implicitFreshness);
    }
  }
}
