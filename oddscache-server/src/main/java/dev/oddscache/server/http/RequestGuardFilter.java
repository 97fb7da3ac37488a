package dev.oddscache.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Two guards on every request, before Javalin sees it; a plain request (a proxied GET without
 * {@code Range}) passes as it is, so the proxy's hot path allocates nothing here.
 *
 * <ul>
 *   <li><b>Body limit on chunked bodies</b> (413 past the body limit, 1 MiB by default). A
 *       declared {@code Content-Length} over the limit is refused before any handler runs; a
 *       chunked body has no length, and Javalin reads such a body whole, so a client could make
 *       the server buffer any amount. Reading past the limit throws the 413 {@link ApiError},
 *       which the handler that was reading propagates like any other.
 *   <li><b>{@code Range} is hidden</b>: every answer is whole (HTTP lets a server ignore Range).
 *       Nothing here is large enough to need ranges, and Jetty's static-file service answers a
 *       bad range (say {@code bytes=5-1}) with a 416 whose {@code Content-Length} announces the
 *       whole file while sending no body, leaving the client waiting (found by HttpFuzzTest).
 * </ul>
 */
final class RequestGuardFilter implements Filter {
  private static final String RANGE = "Range";

  private final long maxBytes;

  RequestGuardFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ServletRequest guarded = request;
    if (request instanceof HttpServletRequest http) {
      if (http.getContentLengthLong() < 0 && http.getHeader("Transfer-Encoding") != null) {
        http = new Limited(http, maxBytes);
      }
      // The proxy answers ranges itself, from whole stored responses.
      if (http.getHeader(RANGE) != null && !http.getRequestURI().startsWith(ProxyHandler.PREFIX)) {
        http = new WithoutRange(http);
      }
      guarded = http;
    }
    chain.doFilter(guarded, response);
  }

  static ApiError tooLarge(long maxBytes) {
    return new ApiError(413, "request body too large", "body",
        "at most " + maxBytes + " bytes");
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), maxBytes);
      }
      return stream;
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

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private long read;

    LimitedStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > maxBytes) {
        throw tooLarge(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
