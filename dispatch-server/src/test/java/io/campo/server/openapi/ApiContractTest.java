package io.campo.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.campo.server.TestServer;
import io.campo.server.http.ApiRoute;
import io.campo.server.http.ApiRoutes;
import io.vertx.core.Vertx;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the running server's routes are the same list: every route the code answers is in the
 * document with the same roles ({@code x-roles}; {@code []} for public routes), and the document promises no route the
 * code lacks. A route added to the code fails here with a YAML skeleton to paste under {@code paths:}.
 */
class ApiContractTest {

  /** Public in the router, but checked by their own handler: the live socket admits the office roles only. */
  private static final Map<String, Set<String>> OWN_ROLE_CHECK = Map.of("GET /api/live", ApiRoutes.OFFICE);

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyRouteOfTheCodeIsInTheDocumentWithItsRolesAndNoOther() {
    Map<String, Set<String>> code = new TreeMap<>();
    for (ApiRoute r : server.server.apiRoutes()) {
      code.put(r.method().name() + " " + r.path(), new TreeSet<>(r.roles()));
    }
    for (String r : server.server.publicRoutes()) {
      code.put(r, new TreeSet<>(OWN_ROLE_CHECK.getOrDefault(r, Set.of())));
    }
    assertTrue(code.containsKey("GET /health/ready") && code.containsKey("POST /api/auth/login"), "public routes are listed: " + code.keySet());

    Map<String, Set<String>> spec = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> operationIds = new HashSet<>();
    for (OpenApiDocument.Operation op : OpenApiDocument.load().operations()) {
      String key = op.method() + " " + op.template().replaceAll("\\{([A-Za-z0-9_]+)\\}", ":$1");
      spec.put(key, new TreeSet<>(op.roles()));
      if (!op.body().containsKey("x-roles")) {
        problems.add(key + " has no x-roles (use [] for a public route)");
      }
      if (!operationIds.add(op.body().getString("operationId", key))) {
        problems.add(key + " repeats operationId " + op.body().getString("operationId"));
      }
    }

    StringBuilder skeletons = new StringBuilder();
    for (Map.Entry<String, Set<String>> route : code.entrySet()) {
      Set<String> documented = spec.get(route.getKey());
      if (documented == null) {
        problems.add(route.getKey() + " is not in the document");
        skeletons.append(skeleton(route.getKey(), route.getValue()));
      } else if (!documented.equals(route.getValue())) {
        problems.add(route.getKey() + ": x-roles " + documented + " but the code admits " + route.getValue());
      }
    }
    for (String documented : spec.keySet()) {
      if (!code.containsKey(documented)) {
        problems.add(documented + " is in the document, but the server has no such route");
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems) + (skeletons.isEmpty() ? "" : "\n\nPaste under 'paths:' in "
          + "dispatch-server/src/main/resources/" + ApiContractPages.SPEC_RESOURCE + " and fill in each FILL-IN "
          + "(merge methods of one path under one key):\n" + skeletons));
    }
  }

  @Test
  void theSkeletonOfAMissingRouteIsValidYamlWithItsRolesAndParameters() {
    String yaml = "openapi: 3.1.0\npaths:\n" + skeleton("POST /api/debtors/:externalId/payments", Set.of("admin", "dispatcher"));
    OpenApiDocument parsed = OpenApiDocument.parse(yaml);
    OpenApiDocument.Operation op = parsed.operations().get(0);
    assertEquals("/api/debtors/{externalId}/payments", op.template());
    assertEquals(List.of("admin", "dispatcher"), op.roles());
    assertEquals("externalId", op.body().getJsonArray("parameters").getJsonObject(0).getString("name"));
    assertTrue(op.body().getJsonObject("responses").containsKey("default"));
    OpenApiDocument.Operation open = OpenApiDocument.parse("openapi: 3.1.0\npaths:\n" + skeleton("POST /api/webhooks/:provider", Set.of()))
        .operations().get(0);
    assertEquals(List.of(), open.roles());
    assertTrue(open.body().getJsonArray("security").isEmpty(), "a public route overrides the bearer requirement");
  }

  @Test
  void theDocumentIsValidOpenApi31() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      // The OpenAPI 3.1 schema (and its JSON Schema dialect) as Vert.x's OpenAPI module ships them. Not its contract
      // loader: that one refuses media types it cannot validate requests of (YAML, HTML, images, CSV).
      var spec = OpenApiDocument.load().root();
      OutputUnit result = OpenAPIVersion.V3_1.getRepository(vertx, "app:///")
          .compose(repository -> OpenAPIVersion.V3_1.validateContract(vertx, repository, spec))
          .await(60, TimeUnit.SECONDS);
      assertTrue(Boolean.TRUE.equals(result.getValid()), "not valid OpenAPI 3.1: " + result.toJson().encodePrettily());
      assertEquals(OpenAPIVersion.V3_1, OpenAPIVersion.fromContract(spec));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theDocumentIsServedAsIsWithoutALogin() throws Exception {
    HttpResponse<String> r = server.request("GET", "/api/openapi.yaml", null, null);
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
    String inJar;
    try (var in = getClass().getClassLoader().getResourceAsStream(ApiContractPages.SPEC_RESOURCE)) {
      inJar = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(inJar, r.body());
    HttpResponse<String> page = server.request("GET", "/api/docs", null, null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("/api/docs/swagger-ui-bundle.js"), page.body());
    assertEquals(200, server.request("GET", "/api/docs/swagger-ui-bundle.js", null, null).statusCode(), "the webjar is served");
  }

  /** A YAML fragment for one route ({@code "GET /api/x/:id"}), indented to sit under {@code paths:}. */
  static String skeleton(String route, Set<String> roles) {
    String method = route.substring(0, route.indexOf(' ')).toLowerCase();
    String path = route.substring(route.indexOf(' ') + 1);
    String template = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
    StringBuilder id = new StringBuilder(method);
    for (String part : path.split("[/:{}._-]+")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    StringBuilder y = new StringBuilder();
    y.append("  ").append(template).append(":\n");
    y.append("    ").append(method).append(":\n");
    y.append("      operationId: ").append(id).append('\n');
    y.append("      tags: [FILL-IN]\n");
    y.append("      summary: FILL-IN what it does, in one line\n");
    y.append("      description: FILL-IN who may call it, what it answers, every error status and why\n");
    y.append("      x-roles: [").append(String.join(", ", new TreeSet<>(roles))).append("]\n");
    if (roles.isEmpty()) {
      y.append("      security: []\n");
    }
    var params = java.util.regex.Pattern.compile(":([A-Za-z0-9_]+)").matcher(path);
    boolean first = true;
    while (params.find()) {
      if (first) {
        y.append("      parameters:\n");
        first = false;
      }
      y.append("        - {name: ").append(params.group(1)).append(", in: path, required: true, schema: {type: string}}\n");
    }
    if (method.equals("post") || method.equals("put") || method.equals("patch")) {
      y.append("      requestBody:\n        required: true\n        content:\n          application/json:\n")
          .append("            schema: {type: object, required: [], properties: {}}\n");
    }
    y.append("      responses:\n");
    y.append("        '200':\n          description: FILL-IN\n          content:\n            application/json:\n")
        .append("              schema: {type: object, required: [], properties: {}}\n");
    y.append("        default: {$ref: '#/components/responses/Error'}\n");
    return y.toString();
  }
}
