package dev.oddscache.tools.replay;

import java.util.Arrays;

/** The accepted prices of one selection over time, in primitive arrays. Not thread-safe. */
final class PriceSeries {
  private long[] times = new long[16];
  private double[] prices = new double[16];
  private int size;

  void add(long timeMillis, double price) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      prices = Arrays.copyOf(prices, size * 2);
    }
    times[size] = timeMillis;
    prices[size] = price;
    size++;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return times[i];
  }

  double price(int i) {
    return prices[i];
  }
}
