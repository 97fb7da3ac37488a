package dev.oddscache.store;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.memory.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Every store kind on the test classpath: in-memory, plus whatever other modules register. */
public final class StoreKinds {
  private StoreKinds() {}

  public static final StoreKind MEMORY = new StoreKind() {
    @Override
    public String name() {
      return "memory";
    }

    @Override
    public CacheStore<String> create(ManualTicker ticker) {
      return new InMemoryStore<>(ticker);
    }

    @Override
    public String toString() {
      return name();
    }
  };

  /** The argument source of the parameterised behavioural suites. */
  public static List<StoreKind> all() {
    List<StoreKind> kinds = new ArrayList<>();
    kinds.add(MEMORY);
    ServiceLoader.load(StoreKind.class).forEach(kinds::add);
    return kinds;
  }
}
