package dev.oddscache.server.cli;

import dev.oddscache.server.config.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/** Reads the CLI's durations, as {@link DurationText} writes them, for picocli options. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * @throws CommandLine.TypeConversionException naming the value and the accepted forms
   */
  public static Duration parse(String value) {
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
