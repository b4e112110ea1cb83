package io.campo.load.bench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 500ms},
 * {@code 1h}; a bare number is seconds.
 */
public final class DurationText {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|s|m|h))+");

  private DurationText() {}

  /** @throws BenchArgumentException naming {@code what} when the text is not a positive duration */
  public static Duration parse(String what, String text) {
    Duration d = parseAllowingZero(what, text);
    if (d.isZero()) {
      throw new BenchArgumentException(what + " must be longer than zero, got '" + text + "'");
    }
    return d;
  }

  /** As {@link #parse}, but {@code 0} and {@code 0s} are accepted (e.g. "no warm-up"). */
  public static Duration parseAllowingZero(String what, String text) {
    String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    Duration d;
    try {
      if (t.matches("\\d+")) {
        d = Duration.ofSeconds(Long.parseLong(t));
      } else if (WHOLE.matcher(t).matches()) {
        d = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
          long n = Long.parseLong(m.group(1));
          d = d.plus(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          });
        }
      } else {
        throw new BenchArgumentException(what + " '" + text + "' is not a duration: use e.g. 30s, 2m, 1m30s or 500ms");
      }
    } catch (NumberFormatException | ArithmeticException tooLong) {
      throw new BenchArgumentException(what + " '" + text + "' is too long");
    }
    return d;
  }

  /** {@code 1m30s}, {@code 20s}, {@code 500ms}: the short form, for reports. */
  public static String format(Duration d) {
    if (d.toMillisPart() != 0 || d.isZero()) {
      return d.toMillis() + "ms";
    }
    StringBuilder s = new StringBuilder();
    if (d.toHours() > 0) s.append(d.toHours()).append('h');
    if (d.toMinutesPart() > 0) s.append(d.toMinutesPart()).append('m');
    if (d.toSecondsPart() > 0) s.append(d.toSecondsPart()).append('s');
    return s.toString();
  }
}
