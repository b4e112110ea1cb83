package io.campo.load.bench.routing;

import io.campo.load.bench.BenchArgumentException;
import io.campo.load.bench.CommandLineFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The arguments of the instance benchmarks: instance files, then or among them
 * {@code --name value} flags.
 */
record BenchArguments(List<Path> files, CommandLineFlags flags) {

  /** @throws BenchArgumentException on an unknown flag, a missing file, or no file at all */
  static BenchArguments parse(List<String> args, Set<String> knownFlags) {
    List<Path> files = new ArrayList<>();
    List<String> flagArgs = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        flagArgs.add(arg);
        if (!arg.contains("=") && i + 1 < args.size()) {
          flagArgs.add(args.get(++i));
        }
      } else {
        Path file = Path.of(arg);
        if (!Files.isRegularFile(file)) {
          throw new BenchArgumentException("instance file " + file + " does not exist");
        }
        files.add(file);
      }
    }
    if (files.isEmpty()) {
      throw new BenchArgumentException("give at least one instance file");
    }
    return new BenchArguments(files, CommandLineFlags.parse(flagArgs, knownFlags));
  }

  /** The instance's name as the reference tables spell it: the file name without extension, e.g. {@code R101}. */
  static String instanceName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
