package dev.oddscache.server.settings;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything {@code oddscache serve} needs, assembled from defaults, the config file and the
 * command line (in that order of precedence, lowest first), grouped by concern. Immutable; build
 * with {@link #custom()} or {@link #from(ServerSettings)}.
 *
 * @param network where the server listens and what it takes from a client
 * @param proxy what the caching proxy forwards to and how it treats the answers
 * @param store where the state lives: in memory or in Redis
 * @param vix the volatility detector and how long it keeps a quiet match
 * @param policy the rules the cache decides and serves with
 * @param tokens the write endpoints' bearer tokens
 * @param betfair what Betfair stream ingestion takes on
 */
public record ServerSettings(NetworkSettings network, ProxySettings proxy, StoreSettings store,
    VixSettings vix, PolicySettings policy, AccessTokens tokens, BetfairSettings betfair) {
  private static final ServerSettings DEFAULTS = new ServerSettings(NetworkSettings.ofDefaults(),
      ProxySettings.ofDefaults(), StoreSettings.ofDefaults(), VixSettings.ofDefaults(),
      PolicySettings.ofDefaults(), AccessTokens.none(), BetfairSettings.ofDefaults());

  public ServerSettings {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(vix, "vix");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(betfair, "betfair");
  }

  /** Defaults everywhere: loopback:8080, no upstream, in-memory store, no tokens. */
  public static ServerSettings ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return from(DEFAULTS);
  }

  public static Builder from(ServerSettings base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /**
   * Each group is replaced whole, or changed through its own builder and validated at once: a
   * rule between two settings of a group (the idle horizon and the hold) sees both when they are
   * changed in one call. Not thread-safe.
   */
  public static final class Builder {
    private NetworkSettings network;
    private ProxySettings proxy;
    private StoreSettings store;
    private VixSettings vix;
    private PolicySettings policy;
    private AccessTokens tokens;
    private BetfairSettings betfair;

    private Builder(ServerSettings base) {
      network = base.network;
      proxy = base.proxy;
      store = base.store;
      vix = base.vix;
      policy = base.policy;
      tokens = base.tokens;
      betfair = base.betfair;
    }

    public Builder network(NetworkSettings value) {
      network = Objects.requireNonNull(value, "network");
      return this;
    }

    public Builder network(Consumer<NetworkSettings.Builder> change) {
      return network(changed(NetworkSettings.from(network), change).build());
    }

    public Builder proxy(ProxySettings value) {
      proxy = Objects.requireNonNull(value, "proxy");
      return this;
    }

    public Builder proxy(Consumer<ProxySettings.Builder> change) {
      return proxy(changed(ProxySettings.from(proxy), change).build());
    }

    public Builder store(StoreSettings value) {
      store = Objects.requireNonNull(value, "store");
      return this;
    }

    public Builder store(Consumer<StoreSettings.Builder> change) {
      return store(changed(StoreSettings.from(store), change).build());
    }

    public Builder vix(VixSettings value) {
      vix = Objects.requireNonNull(value, "vix");
      return this;
    }

    public Builder vix(Consumer<VixSettings.Builder> change) {
      return vix(changed(VixSettings.from(vix), change).build());
    }

    public Builder policy(PolicySettings value) {
      policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    public Builder policy(Consumer<PolicySettings.Builder> change) {
      return policy(changed(PolicySettings.from(policy), change).build());
    }

    public Builder tokens(AccessTokens value) {
      tokens = Objects.requireNonNull(value, "tokens");
      return this;
    }

    public Builder betfair(BetfairSettings value) {
      betfair = Objects.requireNonNull(value, "betfair");
      return this;
    }

    public Builder betfair(Consumer<BetfairSettings.Builder> change) {
      return betfair(changed(BetfairSettings.from(betfair), change).build());
    }

    public ServerSettings build() {
      return new ServerSettings(network, proxy, store, vix, policy, tokens, betfair);
    }

    private static <B> B changed(B builder, Consumer<B> change) {
      change.accept(builder);
      return builder;
    }
  }
}
