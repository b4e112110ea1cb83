package io.campo.server.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The server's OpenAPI document as JSON, with its operations and a matcher from a request path to its template. */
public final class OpenApiDocument {

  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  /** One operation: {@code GET /api/agents/{id}/track}, its roles and its object in the document. */
  public record Operation(String method, String template, Pattern pattern, int templateParams, JsonObject body) {

    List<String> roles() {
      JsonArray roles = body.getJsonArray("x-roles");
      List<String> out = new ArrayList<>();
      if (roles != null) {
        roles.forEach(r -> out.add((String) r));
      }
      return out;
    }
  }

  private final JsonObject root;
  private final List<Operation> operations = new ArrayList<>();

  OpenApiDocument(JsonObject root) {
    this.root = root;
    JsonObject paths = root.getJsonObject("paths", new JsonObject());
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          operations.add(new Operation(method.toUpperCase(), template, pattern(template),
              (int) template.chars().filter(c -> c == '{').count(), item.getJsonObject(method)));
        }
      }
    }
  }

  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(ApiContractPages.SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(ApiContractPages.SPEC_RESOURCE + " is not on the classpath");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OpenApiDocument parse(String yaml) {
    // SafeConstructor: plain maps, lists and scalars only (no Java objects from the document).
    Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new OpenApiDocument(new JsonObject(map));
  }

  public JsonObject root() {
    return root;
  }

  public List<Operation> operations() {
    return operations;
  }

  /** The operation serving {@code method path} (no query), the most specific template first; null when none. */
  public Operation find(String method, String path) {
    Operation best = null;
    for (Operation op : operations) {
      if (op.method().equals(method) && op.pattern().matcher(path).matches()
          && (best == null || op.templateParams() < best.templateParams())) {
        best = op;
      }
    }
    return best;
  }

  /** The object a local {@code $ref} ({@code #/components/schemas/Error}) points at. */
  JsonObject pointer(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("only local references are supported: " + ref);
    }
    Object at = root;
    for (String part : ref.substring(2).split("/")) {
      at = ((JsonObject) at).getValue(part.replace("~1", "/").replace("~0", "~"));
      if (at == null) {
        throw new IllegalArgumentException("dangling reference " + ref);
      }
    }
    return (JsonObject) at;
  }

  /** {@code value} with every local {@code $ref} replaced by what it points at (the document has no cycles). */
  Object inline(Object value) {
    if (value instanceof JsonObject o) {
      if (o.containsKey("$ref")) {
        return inline(pointer(o.getString("$ref")));
      }
      JsonObject out = new JsonObject();
      o.forEach(e -> out.put(e.getKey(), inline(e.getValue())));
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(inline(v)));
      return out;
    }
    return value;
  }

  static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
