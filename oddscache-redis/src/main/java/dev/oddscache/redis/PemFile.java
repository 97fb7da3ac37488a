package dev.oddscache.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configured PEM file, read once when it is set, with errors of one shape: {@code <field> must be
 * <what>, got '<path>': <problem>}, so that whoever configured it sees which setting and which
 * file to fix.
 */
final class PemFile {
  private final String field;
  private final String what;
  private final Path path;
  private final String text;

  private PemFile(String field, String what, Path path, String text) {
    this.field = field;
    this.what = what;
    this.path = path;
    this.text = text;
  }

  /**
   * @param what what the file must be, for messages: "a readable PEM file of CA certificates"
   * @throws IllegalArgumentException when {@code file} is null, missing, not a regular file or
   *     unreadable
   */
  static PemFile read(String field, String what, Path file) {
    if (file == null) {
      throw new IllegalArgumentException(field + " must be a path to a PEM file, got null");
    }
    PemFile unread = new PemFile(field, what, file, "");
    if (!Files.exists(file)) {
      throw unread.invalid("no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw unread.invalid("not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw unread.invalid("not readable by this process");
    }
    try {
      // PEM is ASCII; anything else in the file only has to survive the marker search.
      return new PemFile(field, what, file,
          new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw unread.invalid("cannot be read (" + e.getMessage() + ")");
    }
  }

  Path path() {
    return path;
  }

  String text() {
    return text;
  }

  boolean contains(String marker) {
    return text.contains(marker);
  }

  /**
   * The decoded bodies of the {@code -----BEGIN label-----} blocks, in file order; text around and
   * between them is ignored, as Netty's PEM reader ignores it.
   *
   * @throws IllegalArgumentException when a block's body is not base64
   */
  List<byte[]> blocks(String label) {
    Matcher m = Pattern.compile("-----BEGIN " + Pattern.quote(label) + "-----([^-]*)-----END "
        + Pattern.quote(label) + "-----").matcher(text);
    List<byte[]> blocks = new ArrayList<>();
    while (m.find()) {
      try {
        blocks.add(Base64.getMimeDecoder().decode(m.group(1).trim()));
      } catch (IllegalArgumentException e) {
        throw invalid("a " + label + " block is not base64 (" + e.getMessage() + ")");
      }
    }
    return blocks;
  }

  IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException(
        field + " must be " + what + ", got '" + path + "': " + problem);
  }
}
