package io.campo.load.cluster;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few HTTP calls the fault tests make as an office user on one node: log in, send an agent a message.
 *
 * <p>Immutable and thread-safe.
 */
public final class OfficeApi {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final int httpPort;
  private final String token;

  private OfficeApi(int httpPort, String token) {
    this.httpPort = httpPort;
    this.token = token;
  }

  /** Logs in on the node at {@code httpPort}. */
  public static OfficeApi login(int httpPort, String username, String password) throws Exception {
    JsonObject body = post(httpPort, "/api/auth/login", null, new JsonObject().put("username", username).put("password", password), 200);
    return new OfficeApi(httpPort, body.getString("token"));
  }

  public String token() {
    return token;
  }

  public int httpPort() {
    return httpPort;
  }

  /** {@code POST /api/agents/{id}/messages}: stored, then queued for the phone's inbox on whichever node holds it. Returns the message id. */
  public long sendMessage(String agentId, String text) throws Exception {
    return post(httpPort, "/api/agents/" + agentId + "/messages", token, new JsonObject().put("text", text), 201).getLong("id");
  }

  private static JsonObject post(int port, String path, String token, JsonObject body, int expectedStatus) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(15))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expectedStatus) {
      throw new IllegalStateException("POST " + path + " on port " + port + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }
}
