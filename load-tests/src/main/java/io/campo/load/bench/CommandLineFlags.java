package io.campo.load.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A benchmark's {@code --name value} (or {@code --name=value}) arguments, checked against the
 * names it knows, with typed readers whose errors name the flag and what it accepts.
 */
public final class CommandLineFlags {

  private final Map<String, String> values;

  private CommandLineFlags(Map<String, String> values) {
    this.values = values;
  }

  /** @throws BenchArgumentException on an unknown flag, a missing value, a repeated flag or a stray word */
  public static CommandLineFlags parse(List<String> args, Set<String> known) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new BenchArgumentException("unexpected argument '" + arg + "': flags look like --name VALUE");
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          throw new BenchArgumentException("--" + name + " needs a value");
        }
        value = args.get(++i);
      }
      if (!known.contains(name)) {
        throw new BenchArgumentException("unknown flag --" + name + "; known: --" + String.join(", --", known));
      }
      if (values.put(name, value) != null) {
        throw new BenchArgumentException("--" + name + " is given twice");
      }
    }
    return new CommandLineFlags(values);
  }

  public Optional<String> text(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** An integer in {@code min..max}; accepts {@code 5k} for 5,000. */
  public int integer(String name, int fallback, int min, int max) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    return parseCount("--" + name, text, min, max);
  }

  public Duration duration(String name, Duration fallback) {
    String text = values.get(name);
    return text == null ? fallback : DurationText.parse("--" + name, text);
  }

  /** Parses {@code 5000} or {@code 5k}; the error names {@code what} and the accepted range. */
  public static int parseCount(String what, String text, int min, int max) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long multiplier = 1;
    if (t.endsWith("k")) {
      multiplier = 1_000;
      t = t.substring(0, t.length() - 1);
    }
    long n;
    try {
      n = Long.parseLong(t) * multiplier;
    } catch (NumberFormatException e) {
      throw new BenchArgumentException(what + " must be a whole number, got '" + text + "'");
    }
    if (n < min || n > max) {
      throw new BenchArgumentException(what + " must be between " + min + " and " + max + ", got " + text);
    }
    return (int) n;
  }
}
