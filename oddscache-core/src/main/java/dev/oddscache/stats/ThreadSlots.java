package dev.oddscache.stats;

import java.lang.ref.Cleaner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small number per live thread, unique among live threads, so that {@link StripedCounters}
 * can give each recording thread a row of its own. A slot is handed back when its thread is
 * collected and reused by a later thread, which then continues that row's counts: the number of
 * rows follows the threads alive at once, not the threads ever seen (a server's pool replaces
 * its threads over days).
 */
final class ThreadSlots {
  /** Slots with a row of their own; later threads share overflow rows. */
  static final int OWNED = 256;

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final ConcurrentLinkedQueue<Integer> FREE = new ConcurrentLinkedQueue<>();
  private static final Cleaner CLEANER = Cleaner.create(runnable -> {
    Thread thread = new Thread(runnable, "oddscache-thread-slots");
    thread.setDaemon(true);
    return thread;
  });
  private static final ThreadLocal<int[]> SLOT = ThreadLocal.withInitial(ThreadSlots::claim);

  private ThreadSlots() {}

  /** The calling thread's slot. */
  static int current() {
    return SLOT.get()[0];
  }

  private static int[] claim() {
    Integer free = FREE.poll();
    int next = free != null ? free : NEXT.getAndIncrement();
    // Overflow threads are never recycled, so the counter may wrap after billions of them.
    int slot = next >= 0 && next < OWNED ? next : OWNED + (next & 0xff);
    if (slot < OWNED) {
      // The action must not reach the thread, or the thread would never be collected.
      CLEANER.register(Thread.currentThread(), () -> FREE.add(slot));
    }
    return new int[] {slot};
  }
}
