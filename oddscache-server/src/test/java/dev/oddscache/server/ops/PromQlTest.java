package dev.oddscache.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.ops.PromQl.Matcher;
import dev.oddscache.server.ops.PromQl.Reads;
import dev.oddscache.server.ops.PromQl.Selector;
import org.junit.jupiter.api.Test;

/** The PromQL reader finds the selectors and grouping labels, and nothing else. */
class PromQlTest {

  @Test
  void read_findsSelectorsMatchersAndGroupingLabels() {
    Reads reads = PromQl.read("sum by (strategy) (rate(oddscache_requests_total"
        + "{job=~\"$job\", strategy!=\"bypass\"}[$__rate_interval]))");

    assertThat(reads.selectors()).containsExactly(new Selector("oddscache_requests_total",
        java.util.List.of(new Matcher("job", "=~", "$job"),
            new Matcher("strategy", "!=", "bypass"))));
    assertThat(reads.groupingLabels()).containsExactly("strategy");
  }

  @Test
  void read_skipsNumbersDurationsKeywordsAndVariables() {
    Reads reads = PromQl.read("a / b > 0.05 and c{x=\"1\"} > 1e3 unless max(d offset 5m) "
        + "or vector($bulkhead) or e[${__range}]");

    assertThat(reads.selectors()).extracting(Selector::metric)
        .containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void read_findsLabelsOfVectorMatching() {
    Reads reads = PromQl.read(
        "sum by (freshness) (x) / ignoring (freshness) group_left () sum without (a, b) (y)");

    assertThat(reads.selectors()).extracting(Selector::metric).containsExactly("x", "y");
    assertThat(reads.groupingLabels()).containsExactlyInAnyOrder("freshness", "a", "b");
  }

  @Test
  void read_ignoresStringArgumentsEvenWithBraces() {
    Reads reads =
        PromQl.read("label_replace(m{a=\"}\\\"\"}, \"dst\", \"{$1}\", \"src\", \"(.*)\")");

    assertThat(reads.selectors()).containsExactly(
        new Selector("m", java.util.List.of(new Matcher("a", "=", "}\""))));
  }

  @Test
  void read_reportsNamelessSelectors() {
    assertThat(PromQl.read("{__name__=\"x\"}").selectors())
        .containsExactly(new Selector(null, java.util.List.of(new Matcher("__name__", "=", "x"))));
  }
}
