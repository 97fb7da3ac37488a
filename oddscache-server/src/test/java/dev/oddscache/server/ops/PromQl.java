package dev.oddscache.server.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough of a PromQL reader to find what an expression depends on: the metric selectors with
 * their label matchers, and the label names of {@code by}, {@code without}, {@code on}, {@code
 * ignoring} and {@code group_left/right} lists. Function and aggregation names, keywords, numbers,
 * durations, string arguments and Grafana variables ({@code $job}, {@code ${x}}) are skipped.
 * Not a validator: promtool parses the expressions for real.
 */
final class PromQl {
  /** One label matcher, e.g. {@code strategy=~"compute|bypass"}. */
  record Matcher(String label, String op, String value) {}

  /** A selector; {@code metric} is null for a nameless one such as {@code {__name__="x"}}. */
  record Selector(String metric, List<Matcher> matchers) {}

  /** What an expression reads. */
  record Reads(List<Selector> selectors, Set<String> groupingLabels) {}

  private static final Set<String> GROUPING =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end");
  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group",
      "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk",
      "limit_ratio");

  private final String expr;
  private int pos;
  private final List<Selector> selectors = new ArrayList<>();
  private final Set<String> groupingLabels = new LinkedHashSet<>();

  private PromQl(String expr) {
    this.expr = expr;
  }

  static Reads read(String expr) {
    PromQl reader = new PromQl(expr);
    reader.readAll();
    return new Reads(List.copyOf(reader.selectors), Set.copyOf(reader.groupingLabels));
  }

  private void readAll() {
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        readString();
      } else if (c == '[') {
        pos = expr.indexOf(']', pos) + 1;
      } else if (c == '$') {
        skipVariable();
      } else if (c == '{') {
        selectors.add(new Selector(null, readMatchers()));
      } else if (Character.isDigit(c) || (c == '.' && pos + 1 < expr.length()
          && Character.isDigit(expr.charAt(pos + 1)))) {
        while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos))
            || expr.charAt(pos) == '.' || expr.charAt(pos) == '_')) {
          pos++;
        }
      } else if (isIdentifierStart(c)) {
        readIdentifier();
      } else {
        pos++;
      }
    }
  }

  private void readIdentifier() {
    int start = pos;
    while (pos < expr.length() && isIdentifierPart(expr.charAt(pos))) {
      pos++;
    }
    String word = expr.substring(start, pos);
    char next = peekNonSpace();
    if (GROUPING.contains(word)) {
      if (next == '(') {
        skipSpace();
        pos++;
        for (String label : expr.substring(pos, expr.indexOf(')', pos)).split(",")) {
          if (!label.isBlank()) {
            groupingLabels.add(label.trim());
          }
        }
        pos = expr.indexOf(')', pos) + 1;
      }
    } else if (KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) || next == '(') {
      return;
    } else if (AGGREGATIONS.contains(word) && (lookingAtWord("by") || lookingAtWord("without"))) {
      return;
    } else {
      List<Matcher> matchers = List.of();
      if (next == '{') {
        skipSpace();
        matchers = readMatchers();
      }
      selectors.add(new Selector(word, matchers));
    }
  }

  private List<Matcher> readMatchers() {
    List<Matcher> matchers = new ArrayList<>();
    pos++; // {
    while (true) {
      while (expr.charAt(pos) == ',' || Character.isWhitespace(expr.charAt(pos))) {
        pos++;
      }
      if (expr.charAt(pos) == '}') {
        pos++;
        return matchers;
      }
      int start = pos;
      while (isIdentifierPart(expr.charAt(pos))) {
        pos++;
      }
      String label = expr.substring(start, pos);
      skipSpace();
      String op = expr.startsWith("=~", pos) || expr.startsWith("!~", pos)
          || expr.startsWith("!=", pos) ? expr.substring(pos, pos + 2) : "=";
      pos += op.length();
      skipSpace();
      matchers.add(new Matcher(label, op, readString()));
    }
  }

  /** Reads a quoted string at {@code pos} and returns its unescaped content. */
  private String readString() {
    char quote = expr.charAt(pos++);
    StringBuilder value = new StringBuilder();
    while (expr.charAt(pos) != quote) {
      char c = expr.charAt(pos++);
      if (c == '\\' && quote != '`') {
        value.append(expr.charAt(pos++));
      } else {
        value.append(c);
      }
    }
    pos++;
    return value.toString();
  }

  private void skipVariable() {
    pos++;
    if (pos < expr.length() && expr.charAt(pos) == '{') {
      pos = expr.indexOf('}', pos) + 1;
      return;
    }
    while (pos < expr.length() && isIdentifierPart(expr.charAt(pos))) {
      pos++;
    }
  }

  private boolean lookingAtWord(String word) {
    int i = pos;
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    return expr.startsWith(word, i)
        && (i + word.length() == expr.length()
            || !isIdentifierPart(expr.charAt(i + word.length())));
  }

  private char peekNonSpace() {
    int i = pos;
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    return i < expr.length() ? expr.charAt(i) : 0;
  }

  private void skipSpace() {
    while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || c == ':';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }
}
