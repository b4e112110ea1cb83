package io.campo.load.bench;

import java.util.List;

/** One benchmark harness of {@code ./campo bench NAME ARGS…}. Register new ones in {@link io.campo.load.Bench}. */
public interface BenchCommand {

  /** The NAME typed after {@code ./campo bench}. */
  String name();

  /** The arguments it takes, as printed by {@code ./campo bench} without arguments. */
  String usage();

  /**
   * Runs the benchmark; every load it starts stops by itself.
   *
   * @return the process exit status: 0 when the run went as it should
   * @throws BenchArgumentException when {@code args} are wrong, with a message saying how
   */
  int run(List<String> args) throws Exception;
}
