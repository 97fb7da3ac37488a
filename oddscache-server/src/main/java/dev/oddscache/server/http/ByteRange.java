package dev.oddscache.server.http;

/**
 * One satisfiable byte range of a stored body, from a request's {@code Range: bytes=...}
 * (RFC 9110 §14): {@code a-b}, {@code a-} or {@code -n}. Anything else (several ranges, another unit,
 * a range past the end, an {@code If-Range} that does not match) answers the whole body with a
 * 200, which a server may always do.
 *
 * @param first the first byte's index
 * @param last the last byte's index, inclusive
 */
record ByteRange(long first, long last) {

  /** The range to answer for {@code request} from {@code value}, or null for the whole body. */
  static ByteRange of(RequestHeaders request, CachedResponse value) {
    String range = request.joined("Range");
    if (range == null) {
      return null;
    }
    String ifRange = request.joined("If-Range");
    if (ifRange != null && !ifRange.equals(value.etag())
        && !ifRange.equals(value.lastModified())) {
      return null;
    }
    if (ifRange != null && ifRange.startsWith("W/")) {
      return null;
    }
    String r = range.trim();
    if (!r.regionMatches(true, 0, "bytes=", 0, 6) || r.indexOf(',') >= 0) {
      return null;
    }
    String spec = r.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    long length = value.body().length;
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0 || length == 0) {
          return null;
        }
        return new ByteRange(Math.max(0, length - suffix), length - 1);
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
      if (first < 0 || first >= length || last < first) {
        return null;
      }
      return new ByteRange(first, last);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  long length() {
    return last - first + 1;
  }
}
