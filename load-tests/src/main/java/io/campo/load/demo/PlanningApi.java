package io.campo.load.demo;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The part of Campo's HTTP API a dispatcher uses to plan the day: log in, import the portfolio,
 * submit a plan, follow it. The demo goes through it rather than calling the planner in-process, so the demo shows
 * what a real dispatcher's tool does. Thread-safe.
 */
public final class PlanningApi {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI base;

  /** @param base the server's root, e.g. {@code http://127.0.0.1:8080/} */
  public PlanningApi(URI base) {
    this.base = base;
  }

  /** {@code POST /api/auth/login}; returns the bearer token. */
  public String login(String username, String password) throws IOException, InterruptedException {
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    return send("POST", "api/auth/login", null, body).getString("token");
  }

  /** {@code POST /api/plans}; returns the planning job's id. */
  public long submitPlan(String token, JsonObject request) throws IOException, InterruptedException {
    return send("POST", "api/plans", token, request).getLong("id");
  }

  /** {@code POST /api/plans}; returns the 202 answer: {@code id}, {@code visits}, and {@code learnedWindows} with a portfolio. */
  public JsonObject submit(String token, JsonObject request) throws IOException, InterruptedException {
    return send("POST", "api/plans", token, request);
  }

  /** {@code GET /api/plans/{id}}: status, phase, percent and, once done, the result. */
  public JsonObject plan(String token, long id) throws IOException, InterruptedException {
    return send("GET", "api/plans/" + id, token, null);
  }

  /**
   * {@code POST /api/debtors/import} of a JSON array of rows (admin or dispatcher); returns the
   * answer: {@code imported}, {@code updated}, {@code rejectedCount}, {@code rejected}.
   */
  public JsonObject importDebtors(String token, io.vertx.core.json.JsonArray rows) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("api/debtors/import")).timeout(Duration.ofMinutes(2))
        .POST(HttpRequest.BodyPublishers.ofString(rows.encode())).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).build();
    return answer("POST", "api/debtors/import", http.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** {@code GET} of any JSON object of the API, e.g. {@code api/visits/12}. */
  public JsonObject get(String token, String path) throws IOException, InterruptedException {
    return send("GET", path, token, null);
  }

  private JsonObject send(String method, String path, String token, JsonObject body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return answer(method, path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static JsonObject answer(String method, String path, HttpResponse<String> response) throws IOException {
    JsonObject answer;
    try {
      answer = new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      throw new IOException(method + " /" + path + " answered " + response.statusCode() + " without a JSON object: " + response.body());
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(method + " /" + path + " answered " + response.statusCode() + ": "
          + answer.getString("error", response.body()));
    }
    return answer;
  }
}
