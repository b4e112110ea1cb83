package io.campo.load.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Secrets the demo generated, kept next to its data: its agents' device tokens, its
 * dispatcher's password. The server stores only their hashes, so without this file the next
 * run's simulated phones (or its dispatcher) could not log in again. Lines of {@code name=secret}.
 */
final class DemoSecretsFile {

  private final Path file;

  DemoSecretsFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** Name (agent id, username) → secret; empty when the file does not exist yet. */
  Map<String, String> read() throws IOException {
    Map<String, String> secrets = new TreeMap<>();
    if (!Files.exists(file)) {
      return secrets;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    p.forEach((name, secret) -> secrets.put(name.toString(), secret.toString()));
    return secrets;
  }

  /** Replaces the file's content, readable by its owner only: the secrets are passwords. */
  void write(Map<String, String> secrets, String comment) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    try {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(temp);
    }
    Properties p = new Properties();
    p.putAll(secrets);
    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      p.store(w, comment + " Secrets: do not share.");
    }
    // Written aside and moved, so a demo stopped mid-write never leaves a truncated file.
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
