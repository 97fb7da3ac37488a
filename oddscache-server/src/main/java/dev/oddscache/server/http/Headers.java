package dev.oddscache.server.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * An ordered list of HTTP header lines, looked up by case-insensitive name. Immutable; every
 * change returns a new list. Names keep the case they arrived with.
 */
public final class Headers {
  public static final Headers EMPTY = new Headers(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;

  private Headers(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /** The lines of a JDK HTTP client answer. */
  public static Headers of(java.net.http.HttpHeaders received) {
    Builder b = builder();
    received.map().forEach(b::addAll);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** The first line's value for {@code name}, or null. */
  public String first(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** Every line's value for {@code name}, in order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>(1);
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        out.add(values[i]);
      }
    }
    return out;
  }

  /** Every line's value for {@code name} joined by ", " (a list header's combined value). */
  public String joined(String name) {
    List<String> all = all(name);
    return all.isEmpty() ? null : String.join(", ", all);
  }

  public boolean has(String name) {
    return first(name) != null;
  }

  /** These headers without the lines whose lower-case name is in {@code lowerNames}. */
  public Headers without(Set<String> lowerNames) {
    return filter((n, v) -> !lowerNames.contains(n.toLowerCase(Locale.ROOT)));
  }

  /** The lines for which {@code keep} holds. */
  public Headers filter(BiPredicate<String, String> keep) {
    Builder b = builder();
    for (int i = 0; i < names.length; i++) {
      if (keep.test(names[i], values[i])) {
        b.add(names[i], values[i]);
      }
    }
    return b.build();
  }

  /**
   * These headers updated by {@code newer} (a 304's): every name {@code newer} has replaces all
   * lines of that name here, except those in {@code keepLowerNames}.
   */
  public Headers updatedBy(Headers newer, Set<String> keepLowerNames) {
    Set<String> replaced = new java.util.HashSet<>();
    for (int i = 0; i < newer.size(); i++) {
      String lower = newer.name(i).toLowerCase(Locale.ROOT);
      if (!keepLowerNames.contains(lower)) {
        replaced.add(lower);
      }
    }
    Builder b = builder();
    for (int i = 0; i < names.length; i++) {
      if (!replaced.contains(names[i].toLowerCase(Locale.ROOT))) {
        b.add(names[i], values[i]);
      }
    }
    for (int i = 0; i < newer.size(); i++) {
      if (replaced.contains(newer.name(i).toLowerCase(Locale.ROOT))) {
        b.add(newer.name(i), newer.value(i));
      }
    }
    return b.build();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      s.append(names[i]).append(": ").append(values[i]).append('\n');
    }
    return s.toString();
  }

  /** Collects header lines in order. Not thread-safe. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    public Builder add(String name, String value) {
      names.add(name);
      values.add(value);
      return this;
    }

    public Builder addAll(String name, Collection<String> lines) {
      for (String line : lines) {
        add(name, line);
      }
      return this;
    }

    public Headers build() {
      return names.isEmpty() ? EMPTY
          : new Headers(names.toArray(new String[0]), values.toArray(new String[0]));
    }
  }
}
