package dev.oddscache.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.server.http.Http;
import dev.oddscache.server.http.OddscacheServer;
import dev.oddscache.server.http.TestUpstream;
import dev.oddscache.server.settings.DemoClock;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.testing.RunningServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard ({@code GET /}) in a real headless Chromium against a real server with real
 * traffic: the page polls, shows the mode and the panicking matches, draws every chart, logs no
 * error, and says so when the server goes away and comes back.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them); skipped with a
 * message where they are missing. Selenium Manager is never used: both binaries are given.
 * Screenshots: {@code target/dashboard.png} and {@code target/dashboard-disconnected.png}.
 */
class DashboardBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final List<String> CANVASES =
      List.of("chart-load", "chart-panic", "chart-mode", "chart-age", "chart-tiers",
          "chart-latency");
  private static final List<String> MODES = List.of("NORMAL", "HIGH_VOLATILITY", "CIRCUIT_OPEN");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Kept referenced so that the setting holds: Selenium warns at every start that it has no CDP
   * bindings for this Chromium; the test only uses plain WebDriver and chromedriver's own CDP
   * relay.
   */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  static {
    SELENIUM_LOG.setLevel(Level.SEVERE);
  }

  /** Installed before any page script runs: collects uncaught errors and rejections. */
  private static final String ERROR_PROBE = "window.__dashboardErrors = [];"
      + "window.addEventListener('error', function (e) {"
      + "  window.__dashboardErrors.push(String(e.message || (e.target && e.target.src) || e));"
      + "}, true);"
      + "window.addEventListener('unhandledrejection', function (e) {"
      + "  window.__dashboardErrors.push('unhandled rejection: ' + String(e.reason)); });";

  private final TestUpstream upstream = new TestUpstream();
  @RegisterExtension
  final RunningServer server = RunningServer.startedByTest().thenClosing(upstream);
  private ScheduledExecutorService traffic;
  private ChromeDriverService service;
  private ChromeDriver driver;
  private Path profile;
  private boolean browserLogReadable;

  @BeforeEach
  void start() throws IOException {
    boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    String missing = "chromium not installed (need /usr/bin/chromium and /usr/bin/chromedriver):"
        + " apt-get install chromium chromium-driver";
    // CI installs both (.ci/run): there a missing browser is a failure, not a skip.
    assertThat(installed || !"true".equals(System.getenv("CI"))).as(missing).isTrue();
    Assumptions.assumeTrue(installed, "dashboard browser test skipped: " + missing);
    startServer(0);
    profile = Files.createTempDirectory("oddscache-chromium-");
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER)
        .usingAnyFreePort()
        .withSilent(true)
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1440,1000",
        "--force-device-scale-factor=1", "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
        Map.of("source", ERROR_PROBE));
  }

  @AfterEach
  void stop() throws IOException {
    if (traffic != null) {
      traffic.shutdownNow();
    }
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void showsTheLiveStateOfARealServer() {
    // Real traffic through the proxy: calm matches (mostly hits) and two matches in PANIC.
    panicRequest("rma-fcb", "La Liga", "El Clasico");
    panicRequest("psg-om", "Ligue 1", "Le Classique");
    assertThat(status().get("panics").size()).isEqualTo(2);
    startTraffic(Duration.ofSeconds(40));

    driver.get(server.url() + "/");
    waitForRefreshes(2);

    assertThat(driver.getTitle()).contains("oddscache");
    assertThat(js("return typeof Chart")).as("Chart.js loaded from the WebJar")
        .isEqualTo("function");
    assertThat(driver.findElement(By.id("chart-missing")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("mode")).getText()).isIn(MODES);
    assertThat(driver.findElement(By.id("connection")).getText()).isEqualTo("Live");
    assertThat(driver.findElement(By.id("banner")).isDisplayed()).isFalse();

    List<String> row = waitFor(() -> panicRow("rma-fcb"));
    assertThat(row.get(0)).as("data-tier").isEqualTo("1");
    assertThat(row.get(1)).contains("rma-fcb", "1 · PANIC_FULL", "HIGH", "min");
    assertThat(waitFor(() -> panicRow("psg-om")).get(1)).contains("PANIC_FULL", "MEDIUM");

    assertThat(driver.findElement(By.id("instances")).getText())
        .as("no Redis, no fleet").contains("This instance only");

    WebElement store = driver.findElement(By.id("store"));
    assertThat(store.getAttribute("data-state")).isEqualTo("healthy");
    assertThat(store.getText()).contains("memory", "Healthy");
    // Real traffic may or may not put the backend under pressure: the line says which.
    assertThat(driver.findElement(By.id("pressure")).getText())
        .matches("Backend pressure: (none|under pressure \\(.+\\)) · freshness drift");

    // Let the series grow, fit the window to the page, and wait for a redraw at that size.
    waitForRefreshes(6);
    long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
    driver.manage().window().setSize(new Dimension(1440, (int) Math.min(3000, height + 140)));
    waitForRefreshes(refreshes() + 2);

    assertThat(driver.findElement(By.id("kpi-requests")).getText()).matches("\\d+");
    Map<String, Long> painted = paintedPixels();
    for (String id : CANVASES) {
      assertThat(painted.get(id)).as("pixels drawn on #%s", id).isPositive();
    }
    assertThat(modeBandPixels()).as("mode band drawn in a mode colour").isPositive();
    // The quantile panels have data: the server's per-second quantiles from its histograms.
    assertThat(points("chart-latency", 0, true)).as("latency p50 points").isPositive();
    assertThat(points("chart-latency", 1, true)).as("latency p99 points").isPositive();
    assertThat(points("chart-age", 2, false)).as("served age p99 points").isPositive();
    assertThat(driver.findElement(By.id("kpi-latency")).getText())
        .matches("[0-9.e-]+ / [0-9.e-]+");
    assertThat(driver.findElement(By.id("kpi-age-p99")).getText()).matches("[0-9]+\\.[0-9]");
    assertThat(driver.findElement(By.id("latency-note")).isDisplayed()).isFalse();

    screenshot("dashboard.png");
    assertThat(jsErrors()).as("JavaScript errors").isEmpty();
    assertThat(severeBrowserLog()).as("severe browser log entries").isEmpty();
  }

  @Test
  void listsTheInstancesOfTheFleet() {
    String prefix = SharedRedisServer.uniqueName();
    Consumer<ServerSettings.Builder> onRedis = b -> b.store(st -> st
        .redisUri(SharedRedisServer.uri()).redisPrefix(prefix)
        .redisCommandTimeout(SharedRedisServer.COMMAND_TIMEOUT));
    server.start(b -> {
      b.proxy(p -> p.upstream(URI.create(upstream.url())));
      onRedis.accept(b);
    });
    try (OddscacheServer other = OddscacheServer.start(RunningServer.onFreePort(onRedis))) {
      driver.get(server.url() + "/");
      waitForRefreshes(2);

      List<String> rows = waitFor(() -> {
        List<String> texts = instanceRows();
        return texts.size() == 2 ? texts : null;
      });
      assertThat(String.join("\n", rows)).contains("(this one)", "NORMAL", "HEALTHY", "/s");
      assertThat(rows).filteredOn(r -> r.contains("(this one)")).hasSize(1);
      assertThat(jsErrors()).as("JavaScript errors").isEmpty();
    }
  }

  @Test
  void labelsTheWindowAsConfiguredAndMarksPostedEvents() {
    server.start(b -> b.proxy(p -> p.upstream(URI.create(upstream.url())))
        .policy(p -> p.breaker(BreakerConfig.custom().window(Duration.ofMinutes(10)).build())));
    panicRequest("rma-fcb", "La Liga", "El Clasico");
    assertThat(Http.postJson(server.url() + "/v1/events",
        "{\"match\":\"rma-fcb\",\"type\":\"GOAL\"}").statusCode()).isEqualTo(200);
    driver.get(server.url() + "/");
    waitForRefreshes(2);

    assertThat(driver.findElement(By.id("window")).getText()).isEqualTo("10 min, filling");
    assertThat(driver.findElement(By.id("chart-panic-sub")).getText()).contains("10 min window");
    assertThat(driver.findElement(By.id("story")).getText()).contains("GOAL rma-fcb");
    assertThat(driver.findElement(By.id("demo-clock")).isDisplayed()).as("real time").isFalse();
    assertThat(jsErrors()).as("JavaScript errors").isEmpty();
  }

  @Test
  void showsTheDemoClockAndTellsDurationsInIt() {
    // As the demo runs it: the window compressed 60 times, durations shown 60 times longer.
    DemoClock demo = DemoClock.accelerated(60, System.currentTimeMillis() - 19_000);
    server.start(b -> b.proxy(p -> p.upstream(URI.create(upstream.url())))
        .policy(p -> p.breaker(BreakerConfig.custom().window(Duration.ofSeconds(30)).build())),
        demo);
    panicRequest("psg-om", "Ligue 1", "Le Classique");
    // 20 real seconds into the story: story minute 20.
    server.get().marks().add(demo.startEpochMillis() + 20_000, "psg-om odds go wild (PANIC)");
    driver.get(server.url() + "/");
    waitForRefreshes(2);

    assertThat(driver.findElement(By.id("window")).getText()).startsWith("30 min, ");
    assertThat(driver.findElement(By.id("demo-clock")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("demo-clock")).getText())
        .matches("demo time\\s+(2\\d|3\\d):\\d\\d\\s+60x");
    assertThat(driver.findElement(By.id("story")).getText())
        .contains("20:00", "psg-om odds go wild (PANIC)");
    List<String> row = waitFor(() -> panicRow("psg-om"));
    assertThat(row.get(1)).contains("PANIC_FULL", "MEDIUM", "min");
    assertThat(jsErrors()).as("JavaScript errors").isEmpty();
    screenshot("dashboard-demo-clock.png");
  }

  @SuppressWarnings("unchecked")
  private List<String> instanceRows() {
    return (List<String>) js("return Array.prototype.map.call("
        + "document.querySelectorAll('#instances tr[data-instance]'),"
        + " function (r) { return r.innerText; });");
  }

  @Test
  void saysDisconnectedWhileTheServerIsAwayAndRecovers() {
    panicRequest("rma-fcb", "La Liga", "El Clasico");
    driver.get(server.url() + "/");
    waitForRefreshes(2);
    int port = server.port();

    server.stop();
    new WebDriverWait(driver, WAIT).until(d -> driver.findElement(By.id("banner")).isDisplayed());
    assertThat(driver.findElement(By.tagName("body")).getAttribute("class"))
        .contains("disconnected");
    assertThat(driver.findElement(By.id("connection")).getText()).contains("Disconnected");
    assertThat(driver.findElement(By.id("banner")).getText()).contains("retrying");
    // The last figures stay on screen.
    assertThat(driver.findElement(By.id("mode")).getText()).isIn(MODES);
    screenshot("dashboard-disconnected.png");
    // The failed polls reach the browser log: the no-error check of the other test can see errors.
    List<String> severe = severeBrowserLog();
    if (browserLogReadable) {
      assertThat(String.join("\n", severe)).contains("/v1/");
    }

    int before = refreshes();
    startServer(port);
    waitForRefreshes(before + 1);
    new WebDriverWait(driver, WAIT).until(d -> !driver.findElement(By.id("banner")).isDisplayed());
    assertThat(driver.findElement(By.id("connection")).getText()).isEqualTo("Live");
    assertThat(jsErrors()).as("JavaScript errors").isEmpty();
  }

  private void startServer(int port) {
    // Every request timed: the latency panels read each second's quantiles, and the light test
    // traffic would leave seconds without a sample at the default rate.
    server.start(b -> b.network(n -> n.port(port))
        .policy(p -> p.cache(OddsCacheConfig.custom().latencySampleRate(1.0).build()))
        .proxy(p -> p.upstream(URI.create(upstream.url()))));
  }

  private void panicRequest(String match, String competition, String name) {
    assertThat(Http.get(server.url() + "/p/predictions/" + match + "?market=1x2",
        "X-Match-Id", match, "X-Competition", competition, "X-Match-Name", name,
        "X-Markets", "1x2", "X-Vix-Status", "PANIC").statusCode()).isEqualTo(200);
  }

  private JsonNode status() {
    try {
      return JSON.readTree(Http.get(server.url() + "/v1/status").body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Background traffic, bounded in count and time: every 100 ms a few calm requests over ten keys
   * and, after two seconds, PANIC requests for the two panicking matches.
   */
  private void startTraffic(Duration atMost) {
    traffic = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dashboard-test-traffic");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger tick = new AtomicInteger();
    int ticks = (int) (atMost.toMillis() / 100);
    String base = server.url();
    traffic.scheduleAtFixedRate(() -> {
      int n = tick.incrementAndGet();
      if (n > ticks) {
        traffic.shutdown();
        return;
      }
      try {
        for (int i = 0; i < 4; i++) {
          int key = (n * 4 + i) % 10;
          Http.get(base + "/p/predictions/calm-" + key, "X-Match-Id", "calm-" + key,
              "X-Competition", "Ligue 2", "X-Markets", "1x2");
        }
        if (n > 20) {
          for (int i = 0; i < 3; i++) {
            Http.get(base + "/p/predictions/rma-fcb?market=1x2&i=" + i, "X-Match-Id", "rma-fcb",
                "X-Competition", "La Liga", "X-Match-Name", "El Clasico", "X-Markets", "1x2",
                "X-Vix-Status", "PANIC");
            Http.get(base + "/p/predictions/psg-om?market=1x2&i=" + i, "X-Match-Id", "psg-om",
                "X-Competition", "Ligue 1", "X-Markets", "1x2", "X-Vix-Status", "PANIC");
          }
        }
      } catch (RuntimeException e) {
        // the server is closing at the end of the test
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * The tier and text of a panicking match's row, read in one script: the table is rebuilt on
   * every refresh, so a row found by one WebDriver call can be gone by the next.
   */
  @SuppressWarnings("unchecked")
  private List<String> panicRow(String match) {
    return (List<String>) js("var r = document.querySelector("
        + "\"#panics tr[data-match='\" + arguments[0] + \"']\");"
        + " return r ? [r.getAttribute('data-tier'), r.innerText] : null;", match);
  }

  private int refreshes() {
    String updated = driver.findElement(By.tagName("body")).getAttribute("data-updated");
    return updated == null ? 0 : Integer.parseInt(updated);
  }

  private void waitForRefreshes(int atLeast) {
    new WebDriverWait(driver, WAIT)
        .withMessage(() -> "data-updated did not reach " + atLeast + " (is " + refreshes()
            + "); errors: " + jsErrors())
        .until(d -> refreshes() >= atLeast);
  }

  private <T> T waitFor(java.util.function.Supplier<T> probe) {
    return new WebDriverWait(driver, WAIT).until(d -> probe.get());
  }

  /** Non-transparent pixels per chart canvas. */
  @SuppressWarnings("unchecked")
  private Map<String, Long> paintedPixels() {
    return (Map<String, Long>) js("var out = {};"
        + "arguments[0].forEach(function (id) {"
        + "  var c = document.getElementById(id);"
        + "  if (!c || !c.width || !c.height) { out[id] = -1; return; }"
        + "  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
        + "  for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) n++; }"
        + "  out[id] = n;"
        + "});"
        + "return out;", CANVASES);
  }

  /**
   * Points of one dataset of a chart with a number (above 0 when {@code positive}), as Chart.js
   * holds them: what the line is drawn from.
   */
  private long points(String canvas, int dataset, boolean positive) {
    return ((Number) js("var c = Chart.getChart(arguments[0]), positive = arguments[2];"
        + "if (!c) { return -1; }"
        + "return c.data.datasets[arguments[1]].data.filter(function (p) {"
        + "  return typeof p.y === 'number' && isFinite(p.y) && (!positive || p.y > 0);"
        + "}).length;", canvas, dataset, positive)).longValue();
  }

  /** Pixels of the mode band painted in one of the three mode colours. */
  private long modeBandPixels() {
    return ((Number) js("var c = document.getElementById('chart-mode');"
        + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
        + "var colours = [[47, 133, 90], [199, 124, 2], [197, 48, 48]];"
        + "for (var i = 0; i < d.length; i += 4) {"
        + "  for (var k = 0; k < colours.length; k++) {"
        + "    var c0 = colours[k];"
        + "    if (d[i] === c0[0] && d[i + 1] === c0[1] && d[i + 2] === c0[2]"
        + "        && d[i + 3] === 255) { n++; break; }"
        + "  }"
        + "}"
        + "return n;")).longValue();
  }

  @SuppressWarnings("unchecked")
  private List<String> jsErrors() {
    Object errors = js("return window.__dashboardErrors || []");
    return errors instanceof List ? (List<String>) errors : List.of(String.valueOf(errors));
  }

  /**
   * SEVERE browser console entries since the last call (reading drains the log), or none when the
   * driver cannot give the log.
   */
  private List<String> severeBrowserLog() {
    List<String> severe = new ArrayList<>();
    try {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
          severe.add(entry.getMessage());
        }
      }
      browserLogReadable = true;
    } catch (RuntimeException e) {
      System.err.println("browser log not readable here: " + e.getMessage());
    }
    return severe;
  }

  private void screenshot(String name) {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    try {
      Path target = Path.of("target");
      Files.createDirectories(target);
      Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
