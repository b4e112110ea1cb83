package io.campo.server.phone;

import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.LoginThrottle;
import io.campo.tracking.mqtt.TelemetryIngest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.function.Function;

/**
 * The listener Traccar Client and OsmAnd report to ({@code CAMPO_OSMAND_PORT}, 5055 as in Traccar):
 * its own port because the apps post to the server's root path, which on the API port is the web map.
 */
public final class OsmAndVerticle extends VerticleBase {

  /** One report, or a batch of Traccar Client's JSON locations (about 500 bytes each). */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  private final String host;
  private final int port;
  private final int idleTimeoutSeconds;
  private final Function<String, Optional<AgentRegistry.TokenOwner>> agentWithToken;
  private final TelemetryIngest ingest;
  private final LoginThrottle throttle;
  private HttpServer server;

  /** @param agentWithToken blocking (JDBC): the agent whose device token is given, if any */
  public OsmAndVerticle(String host, int port, int idleTimeoutSeconds, Function<String, Optional<AgentRegistry.TokenOwner>> agentWithToken,
      TelemetryIngest ingest, LoginThrottle throttle) {
    this.host = host;
    this.port = port;
    this.idleTimeoutSeconds = idleTimeoutSeconds;
    this.agentWithToken = agentWithToken;
    this.ingest = ingest;
    this.throttle = throttle;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    OsmAndHandler reports = new OsmAndHandler(vertx, agentWithToken, ingest, throttle);
    router.route("/").method(HttpMethod.GET).method(HttpMethod.POST)
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(reports);
    router.route().failureHandler(ctx -> PhoneAnswers.error(ctx.response(), ctx.statusCode() == 413 ? 413 : 500,
        ctx.statusCode() == 413 ? "request body too large; the limit is " + MAX_BODY_BYTES + " bytes" : "request failed"));
    router.route().last().handler(ctx -> PhoneAnswers.error(ctx.response(), 404, "Traccar Client and OsmAnd report to / on this port"));
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setIdleTimeout(idleTimeoutSeconds));
    return server.requestHandler(router).listen();
  }

  public int actualPort() {
    return server.actualPort();
  }
}
