package io.campo.load.bench.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the {@code mosquitto} broker, or installs Debian's package when it is missing, so that
 * {@code --baseline mosquitto} needs nothing done by hand. Installing needs root and apt.
 */
final class MosquittoInstaller {

  private MosquittoInstaller() {}

  /** @throws IllegalStateException with what to do by hand when it cannot be installed here */
  static Path ensureInstalled(PrintStream progress) throws IOException, InterruptedException {
    Optional<Path> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("Mosquitto is not installed and installing it needs root: "
          + "run 'sudo apt-get install -y mosquitto', then run the benchmark again");
    }
    if (Files.notExists(Path.of("/usr/bin/apt-get"))) {
      throw new IllegalStateException("Mosquitto is not installed and this is not a Debian-like system (no apt-get): "
          + "install Mosquitto 2 with this system's package manager, then run the benchmark again");
    }
    progress.println("Mosquitto is not installed: apt-get install -y mosquitto ...");
    Output install = apt("install", "-y", "mosquitto");
    if (install.status != 0) {
      // A fresh image often has no package lists yet.
      progress.println("apt-get install failed; apt-get update, then again ...");
      apt("update");
      install = apt("install", "-y", "mosquitto");
    }
    String said = String.join("\n", lastLines(install.text, 15));
    return find().orElseThrow(() -> new IllegalStateException(
        "could not install Mosquitto with apt-get (install it by hand: apt-get install -y mosquitto). apt-get said:\n" + said));
  }

  static Optional<Path> find() {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/local/sbin/mosquitto")));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "mosquitto"));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  private record Output(int status, String text) {}

  private static Output apt(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("apt-get", "-q"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new Output(p.waitFor(), text);
  }

  private static List<String> lastLines(String text, int n) {
    List<String> lines = text.lines().toList();
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }
}
