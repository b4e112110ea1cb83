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
 * The device tokens the demo generated, kept next to its data. The server shows a token only
 * when it creates the agent and stores only its hash, so without this file the next run's
 * simulated phones could not log in again. Lines of {@code agentId=token}.
 */
final class DeviceTokenFile {

  private final Path file;

  DeviceTokenFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** Agent id → token; empty when the file does not exist yet. */
  Map<String, String> read() throws IOException {
    Map<String, String> tokens = new TreeMap<>();
    if (!Files.exists(file)) {
      return tokens;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    p.forEach((id, token) -> tokens.put(id.toString(), token.toString()));
    return tokens;
  }

  /** Replaces the file's content, readable by its owner only: the tokens are passwords. */
  void write(Map<String, String> tokens) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    try {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(temp);
    }
    Properties p = new Properties();
    p.putAll(tokens);
    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      p.store(w, "Device tokens of the demo's simulated agents (campo demo). Secrets: do not share.");
    }
    // Written aside and moved, so a demo stopped mid-write never leaves a truncated file.
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
