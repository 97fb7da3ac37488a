package dev.oddscache.server.betfair;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps everything the parser reports. */
final class Recorder implements BetfairListener {
  final List<BetfairTick> ticks = new ArrayList<>();
  final List<BetfairTick> ignored = new ArrayList<>();
  final List<Rejection> rejected = new ArrayList<>();
  final List<MarketStatusChange> statuses = new ArrayList<>();

  static Recorder parse(String text) throws IOException {
    Recorder recorder = new Recorder();
    new BetfairStreamParser().parse(new StringReader(text), recorder);
    return recorder;
  }

  @Override
  public void onTick(BetfairTick tick) {
    ticks.add(tick);
  }

  @Override
  public void onRejected(Rejection rejection) {
    rejected.add(rejection);
  }

  @Override
  public void onIgnored(BetfairTick tick) {
    ignored.add(tick);
  }

  @Override
  public void onMarketStatus(MarketStatusChange change) {
    statuses.add(change);
  }
}
