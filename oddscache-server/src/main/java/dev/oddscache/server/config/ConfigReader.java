package dev.oddscache.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a {@code .yml}, {@code .yaml} or {@code .json} file into a tree, or a {@link
 * ConfigException} naming the file (and the line and column of a syntax error). Stateless and
 * thread-safe.
 */
final class ConfigReader {
  // Duplicate keys are rejected because "last one wins" silently hides half of a merge conflict.
  private static final ObjectMapper JSON = strict(new ObjectMapper());
  private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));

  private ConfigReader() {}

  /** The file's tree; {@link MissingNode} when the file is empty or holds only comments. */
  static JsonNode read(Path file) {
    String format = format(file);
    ObjectMapper mapper = format.equals("JSON") ? JSON : YAML;
    byte[] content = bytes(file);
    try {
      JsonNode tree = mapper.readTree(content);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (JsonProcessingException e) {
      throw new ConfigException(file, location(e.getLocation()) + "not valid " + format + ": "
          + explanation(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new ConfigException(file, "not valid " + format + ": " + e.getMessage(), e);
    }
  }

  // Read before parsing so that I/O failures are never reported as syntax errors.
  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, "config file not found", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(file, "config file is not readable (permission denied)", e);
    } catch (IOException e) {
      throw new ConfigException(file, "cannot read the config file: " + e.getMessage(), e);
    }
  }

  private static String format(Path file) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
      return "YAML";
    }
    if (lower.endsWith(".json")) {
      return "JSON";
    }
    throw new ConfigException(file,
        "unsupported config file type; the name must end in .yml, .yaml or .json", null);
  }

  private static ObjectMapper strict(ObjectMapper mapper) {
    return mapper
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static String location(JsonLocation where) {
    if (where == null || where.getLineNr() < 1) {
      return "";
    }
    return "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
  }

  /**
   * The parser's explanation without its source excerpts: SnakeYAML writes the context ("while
   * parsing a block mapping") and the problem ("expected <block end>…") on unindented lines and
   * quotes the file on indented ones, which the line and column already point to.
   */
  private static String explanation(String message) {
    String text = message == null ? "" : message.lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .collect(Collectors.joining("; "));
    return text.isEmpty() ? "syntax error" : text;
  }
}
