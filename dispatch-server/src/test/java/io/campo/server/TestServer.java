package io.campo.server;

import io.campo.server.config.CampoConfig;
import io.campo.server.database.ApplicationRole;
import io.campo.server.database.EmbeddedCredentials;
import io.campo.server.database.EmbeddedDatabase;
import io.campo.server.openapi.ResponseContract;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real server for tests: one embedded PostgreSQL per test JVM (started with the server's own
 * {@link EmbeddedDatabase}: durable, password logins only), a fresh database per server owned by its own
 * non-superuser role, free ports, and helpers that go through the public HTTP API like any client would.
 */
public final class TestServer implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "test-admin-password";
  private static EmbeddedDatabase postgres;
  private static final AtomicInteger NEXT = new AtomicInteger();

  public final CampoServer server;
  public final String dbUrl;
  // HTTP/1.1, as browsers and phones speak to a plain-HTTP Campo: the JDK client's default is an h2c upgrade, which
  // once mis-read a large plain answer as HTTP/2 frames ("Frame type(111) length(6386793) exceeds MAX_FRAME_SIZE").
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private String adminToken;

  private TestServer(CampoServer server, String dbUrl) {
    this.server = server;
    this.dbUrl = dbUrl;
  }

  public static synchronized int sharedPostgresPort() {
    if (postgres == null) {
      try {
        Path dir = Files.createTempDirectory("campo-test-pg");
        // Stopped by our own hook rather than the library's, so the folder (hundreds of MB a run)
        // can be deleted once PostgreSQL is down instead of piling up in /tmp run after run.
        postgres = new EmbeddedDatabase(dir.resolve("pg"), 0, false).start();
        EmbeddedDatabase started = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(started, dir), "test-postgres-cleanup"));
      } catch (IOException | SQLException e) {
        throw new IllegalStateException("cannot start the test PostgreSQL", e);
      }
    }
    return postgres.port();
  }

  private static void stopAndDelete(EmbeddedDatabase db, Path dir) {
    try {
      db.close();
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("could not remove the test PostgreSQL in " + dir + ": " + e);
    }
  }

  /**
   * A new, empty database on the shared PostgreSQL, owned by a new login role of the same name that is no
   * superuser, so every test proves Campo needs no more than to own its database. The URL carries that role
   * and its password ({@code ?user=…&password=…}): PostgreSQL's driver lets them win over the user and password
   * passed beside the URL, so a test's own {@code getConnection(dbUrl, "postgres", "")} logs in as the owner too.
   */
  public static String freshDatabaseUrl() {
    int port = sharedPostgresPort();
    String name = "server_test_" + NEXT.incrementAndGet() + "_" + ProcessHandle.current().pid();
    String password = EmbeddedCredentials.newPassword();
    try (Connection c = postgres.superuserConnection("postgres")) {
      ApplicationRole.ensure(c, name, password, name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + name + "&password=" + password;
  }

  /** The value of {@code key} in a JDBC URL's query, or null. */
  private static String urlParameter(String url, String key) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      if (pair.startsWith(key + "=")) {
        return pair.substring(key.length() + 1);
      }
    }
    return null;
  }

  public static Map<String, String> env(String dbUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("CAMPO_DB_URL", dbUrl);
    // The role the URL names (see freshDatabaseUrl); postgres only for a URL without one.
    String user = urlParameter(dbUrl, "user");
    env.put("CAMPO_DB_USER", user != null ? user : "postgres");
    String password = urlParameter(dbUrl, "password");
    if (password != null) {
      env.put("CAMPO_DB_PASSWORD", password);
    }
    env.put("CAMPO_HTTP_PORT", "0");
    env.put("CAMPO_MQTT_PORT", "0");
    env.put("CAMPO_MQTT_WS_PORT", "0");
    env.put("CAMPO_OSMAND_PORT", "0");
    env.put("CAMPO_BIND", "127.0.0.1");
    env.put("CAMPO_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // Importing roads costs CPU that tests of other features should not pay; planning tests turn it on.
    env.put("CAMPO_ROADS", "none");
    return env;
  }

  public static TestServer start() throws Exception {
    String url = freshDatabaseUrl();
    return new TestServer(CampoServer.start(CampoConfig.from(env(url))), url);
  }

  public static TestServer start(Map<String, String> env) throws Exception {
    return new TestServer(CampoServer.start(CampoConfig.from(env)), env.get("CAMPO_DB_URL"));
  }

  /** A server on a fresh database whose agency time zone ({@code CAMPO_TIME_ZONE}) is {@code zone}. */
  public static TestServer startInZone(String zone) throws Exception {
    Map<String, String> env = env(freshDatabaseUrl());
    env.put("CAMPO_TIME_ZONE", zone);
    return start(env);
  }

  /**
   * A server on the generated 3 km demo city, cached in {@code dataDir}. The roads load in the background (the slow
   * part), so a test can set up other data first and then {@link #awaitRoads}.
   */
  public static TestServer startWithDemoCity(Path dataDir) throws Exception {
    return startWithDemoCity(dataDir, Map.of());
  }

  /** As {@link #startWithDemoCity(Path)}, with {@code more} settings on top. */
  public static TestServer startWithDemoCity(Path dataDir, Map<String, String> more) throws Exception {
    Map<String, String> env = new HashMap<>(env(freshDatabaseUrl()));
    env.put("CAMPO_ROADS", "demo");
    env.put("CAMPO_DEMO_CITY_KM", "3");
    env.put("CAMPO_DATA_DIR", dataDir.toString());
    env.putAll(more);
    return start(env);
  }

  /** Waits (up to two minutes) until planning is ready; fails with the server's reason otherwise. */
  public void awaitRoads() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (server.planningUnavailableReason() != null && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    if (server.planningUnavailableReason() != null) {
      throw new IllegalStateException("roads not loaded: " + server.planningUnavailableReason());
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  public HttpResponse<String> request(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      // Every answer a test receives through here must keep the OpenAPI document's promise for its operation.
      ResponseContract.shared().check(method, path, response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null), response.body());
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String login(String user, String password) {
    HttpResponse<String> r = request("POST", "/api/auth/login", null,
        new JsonObject().put("username", user).put("password", password).encode());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("token");
  }

  public synchronized String adminToken() {
    if (adminToken == null) {
      adminToken = login("admin", ADMIN_PASSWORD);
    }
    return adminToken;
  }

  /** Creates an agent through {@code POST /api/agents}; returns its device token. */
  public String createAgent(String id) {
    return createAgent(id, null);
  }

  /** Creates an agent in a team (null: none) through {@code POST /api/agents}; returns its device token. */
  public String createAgent(String id, String team) {
    JsonObject body = new JsonObject().put("id", id).put("name", "Agent " + id);
    if (team != null) {
      body.put("team", team);
    }
    HttpResponse<String> r = request("POST", "/api/agents", adminToken(), body.encode());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("creating agent " + id + ": " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("deviceToken");
  }

  /**
   * Creates a team and an office user in it through the admin API, and logs the user in: dispatchers and
   * managers see only their teams' agents. Returns the user's token.
   */
  public String officeUserInTeam(String username, String role, String team) {
    HttpResponse<String> t = request("POST", "/api/teams", adminToken(), new JsonObject().put("id", team).encode());
    if (t.statusCode() != 201 && t.statusCode() != 409) {
      throw new IllegalStateException("creating team " + team + ": " + t.statusCode() + " " + t.body());
    }
    String password = username + "-password";
    HttpResponse<String> u = request("POST", "/api/users", adminToken(), new JsonObject().put("username", username)
        .put("password", password).put("role", role).put("teams", new io.vertx.core.json.JsonArray().add(team)).encode());
    if (u.statusCode() != 201) {
      throw new IllegalStateException("creating user " + username + ": " + u.statusCode() + " " + u.body());
    }
    return login(username, password);
  }

  public long count(String sql) {
    return count(dbUrl, sql);
  }

  public static long count(String dbUrl, String sql) {
    try (Connection c = java.sql.DriverManager.getConnection(dbUrl, "postgres", "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
