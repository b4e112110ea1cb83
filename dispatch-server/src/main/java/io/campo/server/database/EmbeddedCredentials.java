package io.campo.server.database;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The two passwords of the embedded PostgreSQL: its superuser's (setup only) and Campo's own role's
 * (everything else). Generated once, kept in a file only its owner can read (0600) beside the data
 * folder, so that a command run beside a server ({@code campo agent add}) can log in as the server does.
 *
 * <p>Immutable and thread-safe.
 */
public record EmbeddedCredentials(String superuserPassword, String appPassword) {

  /** The cluster's bootstrap superuser, created by initdb: used only to create and upgrade Campo's role. */
  public static final String SUPERUSER = "postgres";
  /** Campo's own role: not a superuser, owner of the {@code campo} database and of every object in it. */
  public static final String APP_ROLE = "campo";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The credentials in {@code file}, created with fresh passwords when there is none yet. */
  public static EmbeddedCredentials loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    EmbeddedCredentials fresh = new EmbeddedCredentials(newPassword(), newPassword());
    fresh.write(file);
    return fresh;
  }

  public static EmbeddedCredentials load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    String superuser = p.getProperty(SUPERUSER);
    String app = p.getProperty(APP_ROLE);
    if (superuser == null || superuser.isBlank() || app == null || app.isBlank()) {
      throw new IOException(file + " lacks the '" + SUPERUSER + "' or '" + APP_ROLE + "' password; restore it from a backup"
          + " of this folder (the embedded PostgreSQL accepts only these passwords)");
    }
    return new EmbeddedCredentials(superuser, app);
  }

  /** 32 random bytes, URL-safe base64: no character needs quoting in SQL, a URL or a properties file. */
  public static String newPassword() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Written to a temporary file created 0600 (never readable by others, not even for a moment), forced to
   * disk, then renamed: a crash leaves either no file or a whole one, never a cluster whose password is lost.
   */
  private void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties p = new Properties();
    p.setProperty(SUPERUSER, superuserPassword);
    p.setProperty(APP_ROLE, appPassword);
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
      p.store(out, "Passwords of Campo's embedded PostgreSQL (generated). Keep this file private and with the folder.");
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Keeps the passwords out of logs and exception messages. */
  @Override
  public String toString() {
    return "EmbeddedCredentials[" + SUPERUSER + ", " + APP_ROLE + "]";
  }
}
