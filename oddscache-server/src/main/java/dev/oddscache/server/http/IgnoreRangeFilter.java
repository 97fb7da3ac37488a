package dev.oddscache.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Hides {@code Range} request headers: every answer is whole (HTTP lets a server ignore Range).
 * Nothing here is large enough to need ranges, and Jetty's static-file service answers a bad
 * range (say {@code bytes=5-1}) with a 416 whose {@code Content-Length} announces the whole file
 * while sending no body, leaving the client waiting on a broken response (found by HttpFuzzTest).
 */
final class IgnoreRangeFilter implements Filter {
  private static final String RANGE = "Range";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && http.getHeader(RANGE) != null) {
      chain.doFilter(new WithoutRange(http), response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static final class WithoutRange extends HttpServletRequestWrapper {
    WithoutRange(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return RANGE.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return RANGE.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(RANGE::equalsIgnoreCase);
      return Collections.enumeration(names);
    }
  }
}
