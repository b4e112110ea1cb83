package io.campo.server.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The HTTP API's contract, public: the OpenAPI 3.1 document at {@code GET /api/openapi.yaml} and a page that renders
 * it (Swagger UI, from its webjar) at {@code GET /api/docs}. The page's script is a file, not inline: the server's
 * Content-Security-Policy ({@code script-src 'self'}) holds for this page as for every other.
 */
public final class ApiContractPages {

  public static final String SPEC_PATH = "/api/openapi.yaml";
  public static final String PAGE_PATH = "/api/docs";
  /** The document in the jar, also read by the tests that compare it with the routes. */
  public static final String SPEC_RESOURCE = "openapi/campo.yaml";
  /** Follows the webjar's version in the parent pom. */
  static final String SWAGGER_UI_ROOT = "META-INF/resources/webjars/swagger-ui/5.35.0";

  private final Buffer spec = resource(SPEC_RESOURCE);
  private final Buffer page = resource("openapi/docs.html");

  /** Adds the routes; call before the API's token check, since the contract is public. */
  public void route(Router router) {
    router.get(SPEC_PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(spec));
    router.get(PAGE_PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page));
    router.get(PAGE_PATH + "/campo/*").handler(StaticHandler.create("openapi/page"));
    router.get(PAGE_PATH + "/*").handler(StaticHandler.create(SWAGGER_UI_ROOT));
  }

  static Buffer resource(String name) {
    try (InputStream in = ApiContractPages.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the server's jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
