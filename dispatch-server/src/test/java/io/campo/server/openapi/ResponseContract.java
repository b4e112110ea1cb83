package io.campo.server.openapi;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds real HTTP answers to the OpenAPI document: the shared test client ({@code TestServer.request}) runs every
 * answer it receives through {@link #check}, so a handler that answers a shape, status or content type its operation
 * does not declare fails the test that called it. Paths no operation serves (the static pages) are not checked.
 *
 * <p>Schemas are JSON Schema 2020-12 (OpenAPI 3.1), validated by Vert.x's json-schema validator. Thread-safe.
 */
public final class ResponseContract {

  private static volatile ResponseContract shared;

  private final OpenApiDocument document;
  private final Map<String, Validator> validators = new ConcurrentHashMap<>();

  ResponseContract(OpenApiDocument document) {
    this.document = document;
  }

  /** The contract of the server's own document, read once per test JVM. */
  public static ResponseContract shared() {
    ResponseContract c = shared;
    if (c == null) {
      synchronized (ResponseContract.class) {
        if (shared == null) {
          shared = new ResponseContract(OpenApiDocument.load());
        }
        c = shared;
      }
    }
    return c;
  }

  /** Throws an {@link AssertionError} naming every way the answer breaks the contract. */
  public void check(String method, String pathAndQuery, int status, String contentType, String body) {
    List<String> problems = problems(method, pathAndQuery, status, contentType, body);
    if (!problems.isEmpty()) {
      String shown = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
      throw new AssertionError(method + " " + pathAndQuery + " answered " + status + " (" + contentType
          + ") against the OpenAPI document (" + ApiContractPages.SPEC_RESOURCE + "): " + String.join("; ", problems)
          + "\nbody: " + shown);
    }
  }

  /** Every way the answer breaks the contract; empty when it keeps it or no operation serves the path. */
  public List<String> problems(String method, String pathAndQuery, int status, String contentType, String body) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    OpenApiDocument.Operation op = document.find(method, path);
    if (op == null) {
      return List.of();
    }
    String where = op.method() + " " + op.template();
    JsonObject responses = op.body().getJsonObject("responses", new JsonObject());
    String key = responses.containsKey(String.valueOf(status)) ? String.valueOf(status) : "default";
    if (!responses.containsKey(key)) {
      return List.of(where + " declares no " + status + " answer and no default");
    }
    JsonObject response = (JsonObject) document.inline(responses.getJsonObject(key));
    JsonObject content = response.getJsonObject("content");
    boolean empty = body == null || body.isEmpty();
    if (content == null || content.isEmpty()) {
      return empty ? List.of() : List.of(where + " declares no body for " + key + ", but one came");
    }
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
    String declared = declaredMediaType(content, mediaType);
    if (declared == null) {
      return List.of(where + " declares " + content.fieldNames() + " for " + key + ", not '" + mediaType + "'");
    }
    if (!(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
      return List.of();
    }
    JsonObject schema = content.getJsonObject(declared).getJsonObject("schema");
    if (schema == null) {
      return List.of();
    }
    Object instance;
    try {
      instance = Json.decodeValue(body);
    } catch (DecodeException e) {
      return List.of("the body is not JSON: " + e.getMessage());
    }
    Validator validator = validators.computeIfAbsent(where + " " + key + " " + declared, k -> Validator.create(
        JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://campo.invalid/")
            .setOutputFormat(OutputFormat.Basic)));
    OutputUnit result = validator.validate(instance);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result) : result.getErrors();
    for (OutputUnit e : errors) {
      problems.add("at '" + e.getInstanceLocation() + "' (" + e.getKeywordLocation() + "): " + e.getError());
    }
    return problems;
  }

  /** The document's media type for {@code actual}: exact, or a wildcard such as {@code image/*}. */
  private static String declaredMediaType(JsonObject content, String actual) {
    for (String declared : content.fieldNames()) {
      String d = declared.toLowerCase();
      if (d.equals(actual) || d.equals("*/*") || (d.endsWith("/*") && actual.startsWith(d.substring(0, d.length() - 1)))) {
        return declared;
      }
    }
    return null;
  }
}
