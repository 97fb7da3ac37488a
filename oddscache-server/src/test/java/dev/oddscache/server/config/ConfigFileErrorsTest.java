package dev.oddscache.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.oddscache.redis.testing.KeytoolCertificate;
import dev.oddscache.server.settings.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every problem is a {@link ConfigException} whose message names the file, the dotted path, the
 * value as written and what is allowed.
 */
class ConfigFileErrorsTest {
  @TempDir Path dir;

  private Path file;

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String name, String content) {
    file = ConfigFiles.write(dir, name, content);
    return assertThatThrownBy(() -> ConfigFile.load(file, ServerSettings.ofDefaults()))
        .isInstanceOf(ConfigException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": ");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml) {
    return loading("oddscache.yml", yaml);
  }

  @Test
  void unknownKey_listsTheSectionsKnownKeys() {
    loading("breaker: { windw: 30m }")
        .hasMessage(file + ": breaker.windw = '30m': unknown key; known keys of breaker: window,"
            + " minSamples, enterHighVolatility, exitHighVolatility, openCircuit, closeCircuit,"
            + " floors")
        .satisfies(e -> {
          ConfigException c = (ConfigException) e;
          assertThat(c.file()).isEqualTo(file);
          assertThat(c.path()).isEqualTo("breaker.windw");
          assertThat(c.value()).isEqualTo("'30m'");
        });
  }

  @Test
  void unknownSection_listsTheSections() {
    loading("breakers: { window: 30m }")
        .hasMessageContaining("breakers = {\"window\":\"30m\"}: unknown key; known keys of the top"
            + " level: server, proxy, redis, cache, vix, zones, breaker, quota, stakes, panicClock,"
            + " events");
  }

  @Test
  void unknownKey_inQuotaRow_listsRowKeys() {
    loading("quota: { medium: { tier2Ttl: 5s } }")
        .hasMessageContaining("quota.medium.tier2Ttl = '5s': unknown key; known keys of"
            + " quota.medium: tier1Until, tier2Until, tier3Until, tier1TtlSeconds");
  }

  @Test
  void unknownEnumKey_listsTheNames() {
    loading("zones: { ttl: { golde: 15s } }")
        .hasMessageContaining("zones.ttl.golde = '15s': unknown key; known keys of zones.ttl:"
            + " standard, prematch, warmup, golden, active");
    loading("breaker: { floors: { open: { panic: 1 } } }")
        .hasMessageContaining("breaker.floors.open = {\"panic\":1}: unknown key; known keys of"
            + " breaker.floors: normal, high_volatility, circuit_open");
    loading("stakes: { top: [x] }")
        .hasMessageContaining("stakes.top = [\"x\"]: unknown key; known keys of stakes: low,"
            + " medium, high");
    loading("events: { OFFSIDE: all }")
        .hasMessageContaining("events.OFFSIDE = 'all': unknown key; known keys of events: GOAL,"
            + " PENALTY, RED_CARD");
  }

  @Test
  void sameEnumKeyTwice_isRejected() {
    loading("stakes: { high: [a], HIGH: [b] }")
        .hasMessageContaining("stakes.HIGH = [\"b\"]: repeats high");
  }

  @Test
  void tokens_pointToTheEnvironment_andAreNotShown() {
    loading("server: { adminToken: s3cret }")
        .hasMessageContaining("server.adminToken = ***: tokens are not read from config files;"
            + " set ODDSCACHE_ADMIN_TOKEN in the environment")
        .hasMessageNotContaining("s3cret");
    loading("ingestToken: s3cret\n")
        .hasMessageContaining("ingestToken = ***")
        .hasMessageContaining("ODDSCACHE_INGEST_TOKEN")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void wrongType_namesTheExpectedType() {
    loading("server: { port: eighty }")
        .hasMessage(file + ": server.port = 'eighty': expected a whole number between"
            + " -2147483648 and 2147483647");
    loading("server: { port: 80.5 }").hasMessageContaining("server.port = 80.5: expected a whole");
    loading("cache: { enabled: 'yes' }")
        .hasMessageContaining("cache.enabled = 'yes': expected true or false");
    loading("vix: { alpha: [0.1] }").hasMessageContaining("vix.alpha = [0.1]: expected a number");
    loading("redis: { prefix: 42 }").hasMessageContaining("redis.prefix = 42: expected a string");
    loading("cache: 5").hasMessageContaining("cache = 5: expected a mapping");
    loading("- server\n- cache\n")
        .hasMessageContaining("(top level) = [\"server\",\"cache\"]: expected a mapping");
    loading("stakes: { high: [final, 7] }")
        .hasMessageContaining("stakes.high[1] = 7: expected a string");
    loading("stakes: { high: final }")
        .hasMessageContaining("stakes.high = 'final': expected a list of strings");
    loading("events: { GOAL: 1x2 }")
        .hasMessageContaining("events.GOAL = '1x2': expected a list of market families");
  }

  @Test
  void null_whereAValueIsNeeded_saysHowToKeepIt() {
    loading("cache: { maxConcurrentLoads: null }")
        .hasMessageContaining("cache.maxConcurrentLoads = null: expected a whole number")
        .hasMessageContaining("leave the key out to keep the current value");
  }

  @Test
  void badDuration_namesTheAcceptedForms() {
    loading("vix: { hold: soon }")
        .hasMessage(file + ": vix.hold = 'soon': not a duration; use 30s, 45m, 2h, 1h30m, 250ms"
            + " or ISO-8601 such as PT30M");
    loading("breaker: { window: 1800 }")
        .hasMessageContaining("breaker.window = 1800: a bare number is ambiguous here; add a unit");
    loading("zones: { ttl: { golden: 1.5 } }")
        .hasMessageContaining("zones.ttl.golden = 1.5: expected whole seconds or a duration");
    loading("breaker: { floors: { normal: { panic: 1500ms } } }")
        .hasMessageContaining("breaker.floors.normal.panic = '1500ms': expected whole seconds");
  }

  @Test
  void builderRejection_keepsPathAndBuilderMessage() {
    loading("breaker: { openCircuit: 1.5 }")
        .hasMessage(file + ": breaker.openCircuit = 1.5: not allowed: openCircuit must be in"
            + " [0.0, 1.0], got 1.5");
    loading("cache: { maxConcurrentLoads: 0 }")
        .hasMessageContaining("cache.maxConcurrentLoads = 0: not allowed: maxConcurrentLoads must"
            + " be >= 1, got 0");
    loading("cache: { staleIfError: -5m }")
        .hasMessageContaining("cache.staleIfError = '-5m': not allowed: staleIfError must not be"
            + " negative");
    loading("zones: { ttl: { golden: 1500ms } }")
        .hasMessageContaining("zones.ttl.golden = '1500ms': not allowed: ttl.golden must be whole"
            + " seconds");
    loading("breaker: { floors: { circuit_open: { panic: -1 } } }")
        .hasMessageContaining("breaker.floors.circuit_open.panic = -1: not allowed: floor for"
            + " CIRCUIT_OPEN/PANIC must be >= 0 seconds, got -1");
    loading("stakes: { high: [final, '  '] }")
        .hasMessageContaining("stakes.high = [\"final\",\"  \"]: not allowed: keywords[HIGH][1]"
            + " must not be blank");
    loading("events: { ODDS_SHOCK: all }")
        .hasMessageContaining("events.ODDS_SHOCK = 'all': not allowed: event ODDS_SHOCK always"
            + " affects exactly its market");
    loading("events: { GOAL: [1x2, ' '] }")
        .hasMessageContaining("events.GOAL = [\"1x2\",\" \"]: not allowed: families of GOAL must"
            + " not contain blank ids");
  }

  @Test
  void vixIdleHorizon_badValues_nameFieldAndValue() {
    loading("vix: { evictIdleAfter: 0s }")
        .hasMessage(file + ": vix.evictIdleAfter = '0s': not allowed: evictIdleAfter must be"
            + " positive, got PT0S");
    loading("vix: { evictIdleAfter: '-1h' }")
        .hasMessageContaining("vix.evictIdleAfter = '-1h': not allowed: evictIdleAfter must be"
            + " positive, got PT-1H");
    loading("vix: { evictIdleAfter: 21600 }")
        .hasMessageContaining("vix.evictIdleAfter = 21600: a bare number is ambiguous here");
    loading("vix: { evictIdleAfter: later }")
        .hasMessageContaining("vix.evictIdleAfter = 'later': not a duration");
    loading("vix: { evictIdleAfter: 30s }")
        .hasMessage(file + ": vix = {\"evictIdleAfter\":\"30s\"}: not allowed: evictIdleAfter"
            + " must be at least the vix hold (PT1M), got PT30S");
    loading("vix: { hold: 7h }")
        .hasMessage(file + ": vix = {\"hold\":\"7h\"}: not allowed: evictIdleAfter must be at"
            + " least the vix hold (PT7H), got PT6H");
  }

  @Test
  void quantiles_unknownMode_namesTheKeyAndTheValue() {
    loading("cache: { quantiles: histograms }")
        .hasMessage(file + ": cache.quantiles = 'histograms': not allowed: quantiles must be"
            + " 'histogram', 'summary' or 'none', got 'histograms'");
  }

  @Test
  void matchCapsAndFutureSkew_badValues_nameFieldAndValue() {
    loading("vix: { maxMatches: 0 }")
        .hasMessage(file + ": vix.maxMatches = 0: not allowed: maxMatches must be >= 1, got 0");
    loading("vix: { maxFutureSkew: '-1m' }")
        .hasMessage(file + ": vix.maxFutureSkew = '-1m': not allowed: maxFutureSkew must not be"
            + " negative, got PT-1M");
    loading("panicClock: { maxMatches: -5 }")
        .hasMessage(file + ": panicClock.maxMatches = -5: not allowed: maxMatches must be >= 1,"
            + " got -5");
  }

  @Test
  void crossFieldRejection_isReportedAtTheSection() {
    loading("vix: { panicSigma: 1.0 }")
        .hasMessage(file + ": vix = {\"panicSigma\":1.0}: not allowed: warningSigma must be <="
            + " panicSigma, got warningSigma=1.5 > panicSigma=1.0");
    loading("breaker: { exitHighVolatility: 0.7 }")
        .hasMessageContaining("breaker = {\"exitHighVolatility\":0.7}: not allowed:"
            + " exitHighVolatility must be below enterHighVolatility");
    loading("zones: { goldenHorizon: 5h }")
        .hasMessageContaining("zones = {\"goldenHorizon\":\"5h\"}: not allowed: goldenHorizon must"
            + " be shorter than warmupHorizon");
    loading("quota: { medium: { tier2Until: 20m } }")
        .hasMessageContaining("quota.medium = {\"tier2Until\":\"20m\"}: not allowed: tier2Until"
            + " (MEDIUM) must be longer than tier1Until (PT30M), got PT20M");
    loading("panicClock: { refreshInterval: 2d }")
        .hasMessageContaining("panicClock.refreshInterval = '2d': not a duration");
    loading("panicClock: { refreshInterval: P2D }")
        .hasMessageContaining("panicClock = {\"refreshInterval\":\"P2D\"}: not allowed:"
            + " refreshInterval must be shorter than deadMansSwitch");
  }

  @Test
  void serverRejection_keepsPath() {
    loading("server: { port: 70000 }")
        .hasMessageContaining("server.port = 70000: not allowed: port must be in [0, 65535]");
    loading("server: { upstream: 'ftp://files' }")
        .hasMessageContaining("server.upstream = 'ftp://files': not allowed: upstream must be an"
            + " absolute http(s) URL");
    loading("server: { upstream: 'http://a b' }")
        .hasMessageContaining("server.upstream = 'http://a b': not allowed: Illegal character");
    loading("server: { upstreamTimeout: 0s }")
        .hasMessageContaining("server.upstreamTimeout = '0s': not allowed: upstreamTimeout must be"
            + " positive");
    loading("server: { maxBodyBytes: 0 }")
        .hasMessageContaining("server.maxBodyBytes = 0: not allowed: maxBodyBytes must be >= 1");
    loading("server: { maxStoreEntries: -1 }")
        .hasMessageContaining("server.maxStoreEntries = -1: not allowed: maximumSize must not be"
            + " negative");
  }

  @Test
  void serverConnectionLimitRejection_namesTheField() {
    loading("server: { headerTimeout: 0s }")
        .hasMessageContaining("server.headerTimeout = '0s': not allowed: headerTimeout must be"
            + " positive");
    loading("server: { idleTimeout: -5s }")
        .hasMessageContaining("server.idleTimeout = '-5s': not allowed: idleTimeout must be"
            + " positive");
    loading("server: { idleTimeout: 30 }")
        .hasMessageContaining("server.idleTimeout = 30: a bare number is ambiguous here; add a"
            + " unit");
    loading("server: { maxConnections: 0 }")
        .hasMessageContaining("server.maxConnections = 0: not allowed: maxConnections must be"
            + " >= 1, got 0");
    loading("server: { maxConnections: lots }")
        .hasMessageContaining("server.maxConnections = 'lots': expected a whole number");
  }

  @Test
  void redisRejection_masksThePassword() {
    loading("redis: { uri: 'http://user:hunter2@cache:6379' }")
        .hasMessageContaining("redis.uri = 'http://user:***@cache:6379': not allowed: redis URI"
            + " must be")
        .hasMessageNotContaining("hunter2");
    loading("redis: { prefix: 'has space' }")
        .hasMessageContaining("redis.prefix = 'has space': not allowed: prefix must be 1-64"
            + " characters");
    loading("redis: { commandTimeout: 0ms }")
        .hasMessageContaining("redis.commandTimeout = '0ms': not allowed: commandTimeout must be"
            + " positive");
  }

  @Test
  void redisTlsCaCert_missingOrNotPem_namesThePath() throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.txt"), "not a certificate");

    loading("redis: { tlsCaCert: /nonexistent/ca.pem }")
        .hasMessage(file + ": redis.tlsCaCert = '/nonexistent/ca.pem': not allowed:"
            + " tlsCaCertificate must be a readable PEM file of CA certificates, got"
            + " '/nonexistent/ca.pem': no such file");
    loading("redis: { tlsCaCert: '" + notPem + "' }")
        .hasMessageContaining("redis.tlsCaCert = '" + notPem + "': not allowed:")
        .hasMessageEndingWith("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
  }

  @Test
  void redisTlsClientCertAndKey_goTogether_andTheRefusedFileIsNamedAtItsKey() throws Exception {
    KeytoolCertificate client = KeytoolCertificate.create(dir, "client", "EC", "clientAuth");
    Path sec1 = Files.writeString(dir.resolve("sec1.key"),
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

    loading("redis: { tlsClientCert: '" + client.certificate() + "' }")
        .hasMessage(file + ": redis.tlsClientCert = '" + client.certificate() + "': needs"
            + " redis.tlsClientKey too: the client certificate and its private key are set"
            + " together (or both null)");
    loading("redis: { tlsClientCert: null, tlsClientKey: '" + client.key() + "' }")
        .hasMessageStartingWith(file + ": redis.tlsClientKey = '" + client.key() + "': needs"
            + " redis.tlsClientCert too");
    loading("redis: { tlsClientCert: /nonexistent/client.pem, tlsClientKey: '" + client.key()
        + "' }")
        .hasMessage(file + ": redis.tlsClientCert = '/nonexistent/client.pem': not allowed:"
            + " tlsClientCertificate must be a readable PEM file of the client certificate (and"
            + " its chain), got '/nonexistent/client.pem': no such file");
    loading("redis: { tlsClientCert: '" + client.certificate() + "', tlsClientKey: '" + sec1
        + "' }")
        .hasMessageStartingWith(file + ": redis.tlsClientKey = '" + sec1 + "': not allowed:"
            + " tlsClientKey must be")
        .hasMessageEndingWith("convert it with: openssl pkcs8 -topk8 -nocrypt -in " + sec1
            + " -out " + sec1 + ".pk8");
  }

  @Test
  void invalidYaml_givesLineAndColumn() {
    loading("server:\n  port: 8080\n bind: x\n")
        .hasMessage(file + ": line 3, column 2: not valid YAML: while parsing a block mapping;"
            + " expected <block end>, but found '<block mapping start>'");
    loading("server:\n  port: 8080\n  bind: a: b\n")
        .hasMessage(file + ": line 3, column 10: not valid YAML: mapping values are not allowed"
            + " here");
  }

  @Test
  void invalidJson_givesLineAndColumn() {
    loading("broken.json", "{\n  \"server\": { \"port\": 8080, }\n}\n")
        .hasMessageMatching("\\Q" + dir.resolve("broken.json") + "\\E: line 2, column \\d+: not"
            + " valid JSON: .+");
  }

  @Test
  void duplicateKey_isRejectedWithLocation() {
    loading("server:\n  port: 8080\n  port: 9090\n")
        .hasMessageMatching("\\Q" + file + "\\E: line 3, column \\d+: not valid YAML: Duplicate"
            + " field 'port'");
  }

  @Test
  void secondYamlDocument_isRejected() {
    loading("server: { port: 1 }\n---\nserver: { port: 2 }\n")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void missingFile_namesTheFile() {
    Path missing = dir.resolve("nope.yml");

    assertThatThrownBy(() -> ConfigFile.load(missing, ServerSettings.ofDefaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": config file not found");
  }

  @Test
  void directory_isNotReadable() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("conf.yml"));

    assertThatThrownBy(() -> ConfigFile.load(folder, ServerSettings.ofDefaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(folder + ": cannot read the config file");
  }

  @Test
  void unreadableFile_namesTheFile() throws Exception {
    Path locked = ConfigFiles.write(dir, "locked.yml", "server: { port: 1 }");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeThat(Files.isReadable(locked)).as("running as a user who can read anything").isFalse();

    assertThatThrownBy(() -> ConfigFile.load(locked, ServerSettings.ofDefaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(locked + ": config file is not readable (permission denied)");
  }

  @Test
  void unsupportedExtension_namesTheAcceptedOnes() {
    loading("oddscache.toml", "port = 1")
        .hasMessageEndingWith("unsupported config file type; the name must end in .yml, .yaml or"
            + " .json");
  }
}
