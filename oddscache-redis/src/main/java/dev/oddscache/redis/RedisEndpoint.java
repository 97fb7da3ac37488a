package dev.oddscache.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A parsed Redis URI: one standalone or Sentinel endpoint, or the seed nodes of a Cluster. */
record RedisEndpoint(boolean cluster, List<RedisURI> uris) {

  /**
   * Whether connections use TLS: {@code rediss}, {@code rediss-sentinel}, {@code rediss-cluster}.
   */
  boolean tls() {
    return uris.stream().anyMatch(RedisURI::isSsl);
  }

  /**
   * @throws IllegalArgumentException naming the URI (password masked) and what is wrong
   */
  static RedisEndpoint parse(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("redis-cluster://") || lower.startsWith("rediss-cluster://")) {
        boolean tls = lower.startsWith("rediss-");
        String rest = uri.substring(uri.indexOf("://") + 3);
        String credentials = "";
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
          credentials = rest.substring(0, at + 1);
          rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        String hosts = slash >= 0 ? rest.substring(0, slash) : rest;
        List<RedisURI> nodes = new ArrayList<>();
        for (String host : hosts.split(",")) {
          if (host.isBlank()) {
            throw new IllegalArgumentException("empty host in the node list");
          }
          nodes.add(RedisURI.create((tls ? "rediss://" : "redis://") + credentials + host.trim()));
        }
        return new RedisEndpoint(true, List.copyOf(nodes));
      }
      if (lower.startsWith("redis://") || lower.startsWith("rediss://")
          || lower.startsWith("redis-sentinel://") || lower.startsWith("rediss-sentinel://")) {
        return new RedisEndpoint(false, List.of(RedisURI.create(uri)));
      }
      throw new IllegalArgumentException("unsupported scheme");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("redis URI must be redis://, rediss://, redis-sentinel://"
          + " or redis-cluster://host:port[,host:port], got '" + redact(uri)
          + "' (" + e.getMessage() + ")", e);
    }
  }

  static String redact(String uri) {
    return uri.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
  }
}
