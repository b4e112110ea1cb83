package io.campo.server.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies that must be a JSON object, with one wording for every malformed case. */
public final class JsonBodies {

  private JsonBodies() {}

  /**
   * The body as a JSON object.
   *
   * @param example a valid body, quoted in the error so the caller sees what was expected
   * @throws ApiException 400 when the body is missing, not JSON, or not an object
   */
  public static JsonObject object(RoutingContext ctx, String example) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("request body is empty; send a JSON object like " + example);
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ApiException.badRequest("request body is not valid JSON; send a JSON object like " + example);
    }
    if (!(parsed instanceof JsonObject o)) {
      throw ApiException.badRequest("request body must be a JSON object like " + example);
    }
    return o;
  }

  /** A string member, or null when it is absent or not a string. */
  public static String string(JsonObject o, String name) {
    return o.getValue(name) instanceof String s ? s : null;
  }
}
