package dev.oddscache;

enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long epochMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long coarseNanoTime() {
    return CoarseClock.nanoTime();
  }

  @Override
  public long coarseEpochMillis() {
    return CoarseClock.epochMillis();
  }
}
