package io.campo.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The embedded PostgreSQL's {@code pg_hba.conf}: password (SCRAM-SHA-256) logins over loopback TCP,
 * nothing else — no {@code trust}, no Unix socket (any local account could use one), no other host.
 * initdb's file and the one of folders made before Campo set passwords both trust every local
 * connection; this one replaces them.
 */
final class LoopbackPasswordAuth {

  static final String FILE = "pg_hba.conf";
  static final String CONTENT = """
      # Written by Campo at each start of its embedded PostgreSQL; changes here are replaced.
      # Password logins (SCRAM-SHA-256) from this machine over TCP only: no trust, no Unix socket.
      # The passwords are in the .credentials file beside this folder.
      host all all 127.0.0.1/32 scram-sha-256
      """;

  private LoopbackPasswordAuth() {}

  static boolean isInstalled(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(CONTENT);
  }

  /** Replaces the file atomically; PostgreSQL reads it at start or on {@code pg_reload_conf()}. */
  static void install(Path dataDir) throws IOException {
    Path tmp = dataDir.resolve(FILE + ".campo-tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, CONTENT, StandardCharsets.UTF_8);
    // PostgreSQL may run as another account than this JVM (the library runs it as nobody under root): give it its file.
    if (!Files.getOwner(tmp).equals(Files.getOwner(dataDir))) {
      Files.setOwner(tmp, Files.getOwner(dataDir));
    }
    Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
