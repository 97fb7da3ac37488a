package dev.oddscache.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A HEAD request outside the proxy is answered as its GET would be, header fields included:
 * the GET is run with its body counted and dropped, and the count is the {@code Content-Length}
 * (RFC 9110 §9.3.2). Without it, Jetty announced {@code Content-Length: 0} for answers whose GET
 * has a body. The proxy answers HEAD itself, from the stored answer, so it is left alone.
 */
final class HeadFilter implements Filter {
  /** The request attribute holding the method the client sent, where it was not GET. */
  static final String SENT_METHOD = "dev.oddscache.sentMethod";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest req) || !"HEAD".equals(req.getMethod())
        || req.getRequestURI().startsWith(ProxyHandler.PREFIX)) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse res = (HttpServletResponse) response;
    Counting counting = new Counting(res);
    req.setAttribute(SENT_METHOD, "HEAD");
    chain.doFilter(new AsGet(req), counting);
    if (!req.isAsyncStarted() && !ReplyWriter.bodiless(res.getStatus())) {
      counting.finish();
      res.setContentLengthLong(counting.count());
    }
  }

  /** The request as a GET, so that the route and the static files answer it in full. */
  private static final class AsGet extends HttpServletRequestWrapper {
    AsGet(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getMethod() {
      return "GET";
    }
  }

  /** The response with its body counted and dropped, and nothing committed before the end. */
  private static final class Counting extends HttpServletResponseWrapper {
    private long count;
    private final ServletOutputStream out = new ServletOutputStream() {
      @Override
      public void write(int b) {
        count++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count += len;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {
        try {
          listener.onWritePossible();
        } catch (IOException e) {
          listener.onError(e);
        }
      }
    };
    private PrintWriter writer;

    Counting(HttpServletResponse response) {
      super(response);
    }

    long count() {
      return count;
    }

    void finish() {
      if (writer != null) {
        writer.flush();
      }
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return out;
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        String encoding = getCharacterEncoding();
        Charset charset =
            encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        writer = new PrintWriter(new OutputStreamWriter(out, charset));
      }
      return writer;
    }

    // The length is the count, set at the end; a flush would commit the headers before it.
    @Override
    public void setContentLength(int len) {}

    @Override
    public void setContentLengthLong(long len) {}

    @Override
    public void flushBuffer() {}

    @Override
    public void resetBuffer() {
      count = 0;
      super.resetBuffer();
    }

    @Override
    public void reset() {
      count = 0;
      super.reset();
    }
  }
}
