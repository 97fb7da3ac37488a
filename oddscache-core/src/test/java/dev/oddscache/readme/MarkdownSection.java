package dev.oddscache.readme;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code ## } section of a Markdown file, and its fenced code blocks exactly as written (the
 * fences' own lines left out), so that a test runs what a reader copies.
 */
final class MarkdownSection {
  private final String heading;
  private final List<String> lines;

  private MarkdownSection(String heading, List<String> lines) {
    this.heading = heading;
    this.lines = lines;
  }

  /**
   * The section under {@code ## heading} up to the next heading of the same level.
   *
   * @throws AssertionError if the Markdown has no such heading
   */
  static MarkdownSection of(String markdown, String heading) {
    List<String> all = markdown.lines().toList();
    int start = all.indexOf("## " + heading);
    if (start < 0) {
      throw new AssertionError("no '## " + heading + "' section in the Markdown");
    }
    int end = start + 1;
    while (end < all.size() && !all.get(end).startsWith("## ")) {
      end++;
    }
    return new MarkdownSection(heading, all.subList(start + 1, end));
  }

  /**
   * The section's code blocks fenced as {@code ```language}, in order, each with a final newline.
   */
  List<String> blocks(String language) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : lines) {
      if (block == null) {
        if (line.equals("```" + language)) {
          block = new StringBuilder();
        }
      } else if (line.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else {
        block.append(line).append('\n');
      }
    }
    if (block != null) {
      throw new AssertionError("unclosed ```" + language + " block in '## " + heading + "'");
    }
    return blocks;
  }

  /**
   * The only {@code ```language} block of the section.
   *
   * @throws AssertionError if there are none or several
   */
  String onlyBlock(String language) {
    List<String> blocks = blocks(language);
    if (blocks.size() != 1) {
      throw new AssertionError("'## " + heading + "' must have one ```" + language
          + " block, has " + blocks.size());
    }
    return blocks.get(0);
  }
}
