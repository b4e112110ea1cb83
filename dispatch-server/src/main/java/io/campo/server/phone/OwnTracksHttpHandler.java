package io.campo.server.phone;

import io.campo.server.auth.LoginThrottle;
import io.campo.tracking.mqtt.AgentTopic;
import io.campo.tracking.mqtt.DeviceAuthenticator;
import io.campo.tracking.mqtt.IngestOutcome;
import io.campo.tracking.mqtt.TelemetryIngest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/owntracks}: the OwnTracks app in HTTP mode, authenticated by HTTP Basic (agent
 * id, device token). A location is answered {@code []} (the empty list of messages back, as the
 * app expects) only once it is committed; other message types are answered {@code []} at once.
 *
 * <p>OwnTracks treats any answer, even a 5xx, as delivered, and queues only when the server is
 * unreachable (its booklet, "HTTP"): the reasons of a 4xx are for the log and the person reading
 * it; the app will not resend.
 */
public final class OwnTracksHttpHandler implements Handler<RoutingContext> {

  public static final String PATH = "/api/owntracks";
  /** A location is a few hundred bytes; a card with its face picture a few dozen KB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(OwnTracksHttpHandler.class);

  private final Vertx vertx;
  private final DeviceAuthenticator devices;
  private final TelemetryIngest ingest;
  private final LoginThrottle throttle;

  /** @param throttle failed device-token checks per address and agent id (429 beyond it), shared with the device login */
  public OwnTracksHttpHandler(Vertx vertx, DeviceAuthenticator devices, TelemetryIngest ingest, LoginThrottle throttle) {
    this.throttle = throttle;
    this.vertx = vertx;
    this.devices = devices;
    this.ingest = ingest;
  }

  @Override
  public void handle(RoutingContext ctx) {
    var credentials = BasicCredentials.parse(ctx.request().getHeader("Authorization"));
    if (credentials.isEmpty() || !AgentTopic.AGENT_ID.matcher(credentials.get().username()).matches()) {
      unauthorized(ctx, "send HTTP Basic credentials: username = agent id, password = device token");
      return;
    }
    String agentId = credentials.get().username();
    String limitUser = ctx.request().getHeader("X-Limit-U");
    if (limitUser != null && !limitUser.equals(agentId)) {
      PhoneAnswers.error(ctx.response(), 403,
          "X-Limit-U '" + limitUser + "' is not the authenticated agent '" + agentId + "': set the app's username to the agent id");
      return;
    }
    LoginThrottle.Admission admission = throttle.admit(PhoneAnswers.address(ctx), agentId);
    if (PhoneAnswers.throttled(ctx.response(), admission)) {
      return;
    }
    Buffer body = ctx.body().buffer();
    byte[] payload = body == null ? new byte[0] : body.getBytes();
    vertx.executeBlocking(() -> devices.authenticate(agentId, credentials.get().password()), false)
        .compose(ok -> {
          if (!ok) {
            log.warn("OwnTracks HTTP: wrong device token for agent '{}' from {}", agentId, ctx.request().remoteAddress());
            unauthorized(ctx, "wrong agent id or device token, or the agent is disabled");
            return Future.<IngestOutcome>succeededFuture(null);
          }
          admission.refund();
          return Future.fromCompletionStage(ingest.ingestOwnTracks(agentId, payload), vertx.getOrCreateContext());
        }, e -> {
          admission.refund(); // a database outage is no guess
          return Future.failedFuture(e);
        })
        .onComplete(ar -> {
          if (ctx.response().ended()) {
            return;
          }
          if (ar.failed()) {
            PhoneAnswers.notStored(ctx.response(), agentId, ar.cause());
          } else if (ar.result().refusal() != null) {
            int status = PhoneAnswers.refusalStatus(ar.result().refusal());
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(PhoneAnswers.report(status, ar.result()).encode());
          } else {
            ctx.response().putHeader("Content-Type", "application/json").end("[]");
          }
        });
  }

  private static void unauthorized(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"campo\"");
    PhoneAnswers.error(ctx.response(), 401, message);
  }
}
