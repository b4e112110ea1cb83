package io.campo.server.http;

import io.campo.server.auth.AccountCheck;
import io.campo.server.config.TlsSettings;
import io.campo.server.observability.AccessLog;
import io.campo.server.observability.HealthEndpoints;
import io.campo.server.observability.RequestIds;
import io.campo.server.openapi.ApiContractPages;
import io.campo.server.live.LiveSocketHandler;
import io.campo.server.phone.OwnTracksHttpHandler;
import io.campo.server.portfolio.PortfolioHandlers;
import io.campo.web.WebAssets;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HTTP API and the web pages. Routes and the roles each one admits are declared here, in one table; the
 * handlers live with their features, and failures become answers in {@link ErrorResponses}.
 */
public final class HttpApiVerticle extends VerticleBase {

  private final AccountCheck accounts;
  private final String host;
  private final int port;
  private final int maxBodyBytes;
  private final int idleTimeoutSeconds;
  private final JWTAuth jwt;
  private final ApiHandlers api;
  private final List<ApiRoute> routes;
  private final PrometheusMeterRegistry metrics;
  private final HealthEndpoints.Sources health;
  private final TlsSettings tls;
  private final SecurityHeaders securityHeaders;
  private HttpServer server;
  private Router router;

  /**
   * Bodies of requests no token vouches for (login, device login): a few KB are plenty, and this much is all a
   * stranger can make the server hold per request.
   */
  public static final int ANONYMOUS_BODY_BYTES = 16 * 1024;

  public HttpApiVerticle(String host, int port, int maxBodyBytes, int idleTimeoutSeconds, JWTAuth jwt, AccountCheck accounts, ApiHandlers api,
      PrometheusMeterRegistry metrics, HealthEndpoints.Sources health, TlsSettings tls,
      SecurityHeaders securityHeaders) {
    this.accounts = accounts;
    this.host = host;
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.idleTimeoutSeconds = idleTimeoutSeconds;
    this.jwt = jwt;
    this.api = api;
    this.routes = ApiRoutes.of(api);
    this.metrics = metrics;
    this.health = health;
    this.tls = tls;
    this.securityHeaders = securityHeaders;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    // First, so that every answer carries them: pages, API, errors and the 404 alike.
    router.route().handler(securityHeaders);
    // Then every request gets its id (in its answer and its log lines) and a line in the access log.
    router.route().handler(new RequestIds()).handler(new AccessLog());
    // The live socket is not a row of ApiRoutes: browsers cannot set headers on a WebSocket, so its JWT comes in its
    // first message (never the URL) and is checked by the socket's handler, before the header-based check of /api/*.
    router.get(LiveSocketHandler.PATH).handler(api.live());
    // Bodies are read only once a token vouches for the caller (below, after the JWT check); the public routes that
    // take a body get a small cap.
    router.post("/api/auth/login").handler(BodyHandler.create(false).setBodyLimit(ANONYMOUS_BODY_BYTES));
    router.post("/api/auth/device").handler(BodyHandler.create(false).setBodyLimit(ANONYMOUS_BODY_BYTES));
    // OwnTracks in HTTP mode authenticates with HTTP Basic (agent id, device token), not a JWT.
    router.post(OwnTracksHttpHandler.PATH).handler(BodyHandler.create(false).setBodyLimit(OwnTracksHttpHandler.MAX_BODY_BYTES))
        .handler(api.ownTracks());
    // The messaging providers' webhooks: public, each request proven by its provider's signature, not a token.
    api.outreach().webhooks().mount(router);

    new HealthEndpoints(vertx, health).route(router);
    // The contract and its page are public, like the login that the page documents.
    new ApiContractPages().route(router);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    router.post("/api/auth/login").handler(api.login()::login);
    router.post("/api/auth/device").handler(api.login()::deviceLogin);

    api.payments().pages().mount(router);
    router.route("/api/*").handler(new BearerHeader());
    router.route("/api/*").handler(JWTAuthHandler.create(jwt));
    // The first body handler a request meets wins: the portfolio import's larger limit, then everyone's.
    router.post("/api/debtors/import").handler(BodyHandler.create(false).setBodyLimit(PortfolioHandlers.MAX_IMPORT_BODY_BYTES));
    router.post(ApiRoutes.VISIT_PHOTOS_PATH).handler(BodyHandler.create(false).setBodyLimit(api.agentApp().photoMaxBytes()));
    router.post(ApiRoutes.VISIT_SIGNATURE_PATH).handler(BodyHandler.create(false).setBodyLimit(api.agentApp().photoMaxBytes()));
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(accounts);
    for (ApiRoute route : routes) {
      router.route(route.method(), route.path()).handler(Roles.require(route.roles())).handler(route.handler());
    }

    router.route("/vendor/leaflet/*").handler(StaticHandler.create(WebAssets.LEAFLET_ROOT));
    router.route("/vendor/paho/*").handler(StaticHandler.create(WebAssets.PAHO_ROOT));
    // The agent app's relative URLs (its service worker's scope too) need the trailing slash.
    router.getWithRegex("/agent").handler(ctx -> ctx.redirect("/agent/"));
    router.route("/*").handler(StaticHandler.create(WebAssets.SITE_ROOT));

    router.route().failureHandler(ErrorResponses::handle);
    router.route().last().handler(ctx -> ctx.fail(404));

    // A connection that sends nothing (an idle keep-alive, a client that opened and stalled) is closed: each one
    // holds a socket and its buffers.
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setIdleTimeout(idleTimeoutSeconds)
        // Compressed when the client accepts it: the agent app's first load and its day must fit a phone on 3G.
        .setCompressionSupported(true);
    if (tls.enabled()) {
      // HTTPS only on this port: a plain HTTP request fails the handshake, so no token or password crosses in clear.
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()));
    }
    server = vertx.createHttpServer(options);
    return server.requestHandler(router).listen();
  }

  /** The authenticated routes this server answers, for the route-role matrix test. */
  public List<ApiRoute> routes() {
    return routes;
  }

  /**
   * Every route with a fixed path and method this server answers besides {@link #routes()} ({@code "GET /health"}),
   * for the test that holds the OpenAPI document to the code. Wildcard routes (static files) are not listed.
   */
  public List<String> publicRoutes() {
    Set<String> table = new HashSet<>();
    routes.forEach(r -> table.add(r.method().name() + " " + r.path()));
    Set<String> out = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.isRegexPath() || !route.isExactPath() || route.methods() == null) {
        continue;
      }
      route.methods().forEach(m -> {
        String key = m.name() + " " + path;
        if (!table.contains(key)) {
          out.add(key);
        }
      });
    }
    return List.copyOf(out);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
