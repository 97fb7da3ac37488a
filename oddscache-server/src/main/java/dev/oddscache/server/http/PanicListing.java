package dev.oddscache.server.http;

import dev.oddscache.decision.Decision;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.quota.PanicQuota;
import dev.oddscache.quota.PanicState;
import dev.oddscache.server.settings.DemoClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The panicking matches of {@code /v1/status}, one page at a time: however many matches requests
 * report as panicking, the document and the work behind it stay bounded. Matches are ordered by
 * tier (highest first), then by panic duration as of their latest decision (longest first), then
 * by id; {@code panicCount} gives the totals per tier, so a page never hides how many there are.
 * Only the page's matches ask the panic clock for their start (a Redis read each, at most).
 */
final class PanicListing {
  /** Matches a page lists unless the request asks for another number. */
  static final int DEFAULT_LIMIT = 100;
  /** The most a page may list: about 100 bytes each, so a page stays near 100 KB. */
  static final int MAX_LIMIT = 1_000;

  private static final Comparator<Map.Entry<String, Decision>> ORDER =
      Comparator.<Map.Entry<String, Decision>>comparingInt(e -> -e.getValue().tier())
          .thenComparingDouble(e -> -minutes(e.getValue()))
          .thenComparing(Map.Entry::getKey);

  private PanicListing() {}

  /** A page: {@code offset} matches skipped, at most {@code limit} listed. */
  record Page(int offset, int limit) {
    static final Page FIRST = new Page(0, DEFAULT_LIMIT);

    Page {
      if (offset < 0) {
        throw ApiError.badRequest("panicsOffset must be a whole number >= 0", "panicsOffset",
            Integer.toString(offset));
      }
      if (limit < 0 || limit > MAX_LIMIT) {
        throw ApiError.badRequest("panicsLimit must be a whole number in [0, " + MAX_LIMIT + "]",
            "panicsLimit", Integer.toString(limit));
      }
    }

    /** The page a request asks for with {@code ?panicsOffset=&panicsLimit=}; absent: the first. */
    static Page of(String offset, String limit) {
      return new Page(number("panicsOffset", offset, 0),
          number("panicsLimit", limit, DEFAULT_LIMIT));
    }

    private static int number(String field, String text, int absent) {
      if (text == null) {
        return absent;
      }
      try {
        return Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest(field + " must be a whole number", field, text);
      }
    }
  }

  /**
   * Puts {@code panics}, {@code panicCount} and {@code panicsPage} into {@code json}.
   *
   * <p>Each match's minutes and tier are both taken at {@code now}, from its panic start and the
   * quota: the tier of its latest decision may be older than the minutes shown, and the two must
   * agree with the quota table at every reading.
   *
   * @param panicking the latest decision of every panicking match
   * @param shown the clock the minutes are told in
   */
  static void write(Map<String, Object> json, Map<String, Decision> panicking, PanicClock clock,
      long now, Page page, PanicQuota quota, DemoClock shown) {
    long[] byTier = new long[5];
    for (Decision d : panicking.values()) {
      byTier[Math.min(Math.max(d.tier(), 0), 4)]++;
    }
    List<Map.Entry<String, Decision>> sorted = new ArrayList<>(panicking.entrySet());
    sorted.sort(ORDER);
    List<Map<String, Object>> panics = new ArrayList<>();
    int end = (int) Math.min(sorted.size(), (long) page.offset() + page.limit());
    for (int i = page.offset(); i < end; i++) {
      Map.Entry<String, Decision> e = sorted.get(i);
      long since = clock.panicStart(e.getKey(), now);
      if (since == PanicClock.NO_PANIC) {
        continue;
      }
      long lasted = Math.max(0, now - since);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("match", e.getKey());
      p.put("sinceMillis", since);
      p.put("minutes", shown.minutes(lasted));
      p.put("tier", quota.decide(0, PanicState.lastingMillis(lasted), e.getValue().stakes())
          .tier());
      p.put("stakes", e.getValue().stakes().name());
      panics.add(p);
    }
    Map<String, Object> tiers = new LinkedHashMap<>();
    for (int tier = 1; tier <= 4; tier++) {
      tiers.put(Integer.toString(tier), byTier[tier]);
    }
    Map<String, Object> count = new LinkedHashMap<>();
    count.put("total", panicking.size());
    count.put("byTier", tiers);
    Map<String, Object> pageJson = new LinkedHashMap<>();
    pageJson.put("offset", page.offset());
    pageJson.put("limit", page.limit());
    pageJson.put("next", end < sorted.size() ? end : null);
    json.put("panics", panics);
    json.put("panicCount", count);
    json.put("panicsPage", pageJson);
  }

  private static double minutes(Decision d) {
    Double m = d.panicDurationMinutes();
    return m == null ? 0.0 : m;
  }
}
