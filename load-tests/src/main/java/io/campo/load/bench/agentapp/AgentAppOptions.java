package io.campo.load.bench.agentapp;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.CommandLineFlags;
import java.util.List;
import java.util.Set;

/**
 * {@code ./campo bench agent-app [--stops N] [--runs N]}.
 *
 * @param stops stops in the seeded day (40: the day)
 * @param runs how many times each browser measurement is repeated (each in a fresh browser context)
 */
public record AgentAppOptions(int stops, int runs) {

  public static final String USAGE = "[--stops N (1-200, default 40)] [--runs N (1-20, default 1)]";

  public static AgentAppOptions parse(List<String> args) {
    CommandLineFlags flags = CommandLineFlags.parse(args, Set.of("stops", "runs"));
    return new AgentAppOptions(number(flags, "stops", 40, 1, 200), number(flags, "runs", 1, 1, 20));
  }

  private static int number(CommandLineFlags flags, String name, int fallback, int min, int max) {
    String raw = flags.text(name).orElse(null);
    if (raw == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BenchArgumentException("--" + name + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
  }
}
