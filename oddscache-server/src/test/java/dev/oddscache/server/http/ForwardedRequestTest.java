package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a client request sends on upstream. The servlet request is a small fake answering only
 * what {@link ForwardedRequest} asks (header lines by case-insensitive name, remote address,
 * scheme); anything else it is asked fails the test.
 */
class ForwardedRequestTest {

  /** A request from {@code remote} with these header lines, in order. */
  static HttpServletRequest request(String remote, boolean secure, String... nameValues) {
    return (HttpServletRequest) Proxy.newProxyInstance(
        ForwardedRequestTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getHeaderNames" -> {
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < nameValues.length; i += 2) {
              boolean seen = names.stream().anyMatch(nameValues[i]::equalsIgnoreCase);
              if (!seen) {
                names.add(nameValues[i]);
              }
            }
            yield Collections.enumeration(names);
          }
          case "getHeaders" -> Collections.enumeration(lines(nameValues, (String) args[0]));
          case "getHeader" -> {
            List<String> lines = lines(nameValues, (String) args[0]);
            yield lines.isEmpty() ? null : lines.get(0);
          }
          case "getRemoteAddr" -> remote;
          case "isSecure" -> secure;
          case "toString" -> "fake request";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static List<String> lines(String[] nameValues, String name) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      if (nameValues[i].equalsIgnoreCase(name)) {
        out.add(nameValues[i + 1]);
      }
    }
    return out;
  }

  private static Headers forwarded(boolean forCache, HttpServletRequest req) {
    return ForwardedRequest.of(req, ForwardedRequest.received(req), forCache);
  }

  @Test
  void hopByHopFieldsAndThoseConnectionNamesAreRemoved() {
    Headers out = forwarded(true, request("10.1.2.3", false,
        "Host", "proxy.example", "Connection", "keep-alive, X-Hop", "Keep-Alive", "timeout=5",
        "X-Hop", "1", "TE", "trailers", "Upgrade", "h2c", "Proxy-Authorization", "Basic x",
        "Proxy-Connection", "keep-alive", "Trailer", "X-T", "Transfer-Encoding", "chunked",
        "Accept", "application/json", "Cookie", "a=1", "X-Keep", "k"));

    for (String gone : List.of("Connection", "Keep-Alive", "X-Hop", "TE", "Upgrade",
        "Proxy-Authorization", "Proxy-Connection", "Trailer", "Transfer-Encoding")) {
      assertThat(out.has(gone)).as(gone).isFalse();
    }
    assertThat(out.all("Accept")).containsExactly("application/json");
    assertThat(out.all("Cookie")).containsExactly("a=1");
    assertThat(out.all("X-Keep")).containsExactly("k");
  }

  @Test
  void hostAndTheMatchContextHeadersAreNotForwarded() {
    Headers out = forwarded(true, request("10.1.2.3", false,
        "Host", "proxy.example", "X-Match-Id", "rma-fcb", "X-Competition", "La Liga",
        "X-Match-Name", "Real - Barça", "X-Markets", "1x2,ou", "X-Kickoff",
        "2026-03-01T20:00:00Z", "X-Stakes", "HIGH", "X-Vix-Status", "PANIC",
        "Content-Length", "0", "Expect", "100-continue", "Accept", "*/*"));

    for (String gone : List.of("Host", "X-Match-Id", "X-Competition", "X-Match-Name",
        "X-Markets", "X-Kickoff", "X-Stakes", "X-Vix-Status", "Content-Length", "Expect")) {
      assertThat(out.has(gone)).as(gone).isFalse();
    }
    assertThat(out.all("Accept")).containsExactly("*/*");
    assertThat(out.all("X-Forwarded-Host")).containsExactly("proxy.example");
  }

  @Test
  void xForwardedForIsAppendedToAnExistingOne() {
    Headers out = forwarded(true, request("10.1.2.3", false,
        "X-Forwarded-For", "203.0.113.7", "x-forwarded-for", "198.51.100.1"));

    assertThat(out.all("X-Forwarded-For"))
        .containsExactly("203.0.113.7, 198.51.100.1, 10.1.2.3");
  }

  @Test
  void xForwardedForHostAndProtoAreTheProxysOwnWithoutOne() {
    Headers out = forwarded(true, request("10.1.2.3", true, "Host", "odds.example",
        "X-Forwarded-Host", "spoofed.example", "X-Forwarded-Proto", "gopher"));

    assertThat(out.all("X-Forwarded-For")).containsExactly("10.1.2.3");
    assertThat(out.all("X-Forwarded-Host")).containsExactly("odds.example");
    assertThat(out.all("X-Forwarded-Proto")).containsExactly("https");
  }

  @Test
  void forwardedIsAddedAndAppendedToAnExistingOne() {
    assertThat(forwarded(true, request("10.1.2.3", false, "Host", "odds.example"))
        .all("Forwarded")).containsExactly("for=10.1.2.3;host=\"odds.example\";proto=http");
    assertThat(forwarded(true, request("10.1.2.3", false, "Forwarded", "for=203.0.113.7"))
        .all("Forwarded")).containsExactly("for=203.0.113.7, for=10.1.2.3;proto=http");
    assertThat(forwarded(true, request("::1", true)).all("Forwarded"))
        .as("an IPv6 node is quoted in brackets").containsExactly("for=\"[::1]\";proto=https");
  }

  @Test
  void viaIsAppendedAsOneLine() {
    assertThat(forwarded(true, request("10.1.2.3", false)).all("Via"))
        .containsExactly("1.1 oddscache");
    assertThat(forwarded(true, request("10.1.2.3", false, "Via", "1.0 edge", "Via",
        "1.1 cdn")).all("Via")).containsExactly("1.0 edge, 1.1 cdn, 1.1 oddscache");
  }

  @Test
  void aCachedLoadDropsTheClientsConditionalsAndRange() {
    String[] conditional = {"If-None-Match", "\"v1\"",
        "If-Modified-Since", "Sun, 01 Mar 2026 20:00:00 GMT", "If-Match", "\"v1\"",
        "If-Unmodified-Since", "Sun, 01 Mar 2026 20:00:00 GMT", "If-Range", "\"v1\"",
        "Range", "bytes=0-1", "Accept", "*/*"};

    Headers cached = forwarded(true, request("10.1.2.3", false, conditional));
    Headers passed = forwarded(false, request("10.1.2.3", false, conditional));

    for (String name : List.of("If-None-Match", "If-Modified-Since", "If-Match",
        "If-Unmodified-Since", "If-Range", "Range")) {
      assertThat(cached.has(name)).as("cached load: %s", name).isFalse();
      assertThat(passed.has(name)).as("passed through: %s", name).isTrue();
    }
    assertThat(cached.all("Accept")).containsExactly("*/*");
  }

  @Test
  void receivedKeepsEveryLineInOrder() {
    Headers received = ForwardedRequest.received(request("10.1.2.3", false,
        "Accept", "a", "Cookie", "c1", "cookie", "c2", "Connection", "close"));

    assertThat(received.all("Cookie")).containsExactly("c1", "c2");
    assertThat(received.all("Connection")).containsExactly("close");
  }

  @Test
  void viewJoinsLinesAndIsNullForAnAbsentField() {
    RequestHeaders view = ForwardedRequest.view(request("10.1.2.3", false,
        "Accept-Language", "en", "Accept-Language", "fr", "Cookie", "a=1"));

    assertThat(view.joined("accept-language")).isEqualTo("en, fr");
    assertThat(view.joined("Cookie")).isEqualTo("a=1");
    assertThat(view.joined("Authorization")).isNull();
  }
}
