package io.campo.server.phone;

import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.LoginThrottle;
import io.campo.tracking.mqtt.IngestOutcome;
import io.campo.tracking.mqtt.TelemetryIngest;
import io.campo.tracking.protocol.OsmAndDecoder;
import io.campo.tracking.protocol.OsmAndReport;
import io.campo.tracking.telemetry.TelemetryLimits;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OsmAnd protocol of Traccar Client at {@code /} (GET or POST): the device identifier is the
 * agent's device token. 200 only once the fixes are committed (Traccar Client deletes a position
 * from its buffer on 200 and retries anything else), 400 with the reasons for a malformed or
 * invalid report, 401 for an unknown device identifier, 503 when the fixes could not be stored.
 */
final class OsmAndHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(OsmAndHandler.class);

  private final Vertx vertx;
  private final Function<String, Optional<AgentRegistry.TokenOwner>> agentWithToken;
  private final TelemetryIngest ingest;
  private final LoginThrottle throttle;
  private final OsmAndDecoder decoder = new OsmAndDecoder(TelemetryLimits.DEFAULT);

  /** @param agentWithToken blocking (JDBC): the agent whose device token is given, if any */
  OsmAndHandler(Vertx vertx, Function<String, Optional<AgentRegistry.TokenOwner>> agentWithToken, TelemetryIngest ingest,
      LoginThrottle throttle) {
    this.throttle = throttle;
    this.vertx = vertx;
    this.agentWithToken = agentWithToken;
    this.ingest = ingest;
  }

  @Override
  public void handle(RoutingContext ctx) {
    OsmAndReport report = read(ctx);
    if (report.deviceId() == null) {
      String why = report.message().isRefused() ? report.message().refusal().message() + "; " : "";
      PhoneAnswers.error(ctx.response(), 400, why + "the device identifier ('id', or 'device_id' in JSON) is required:"
          + " set Traccar Client's device identifier to the agent's device token");
      return;
    }
    // Keyed by address only: a shared account key would let anyone's wrong guesses lock every Traccar Client out.
    String address = PhoneAnswers.address(ctx);
    LoginThrottle.Admission admission = throttle.admit(address, "osmand " + address);
    if (PhoneAnswers.throttled(ctx.response(), admission)) {
      return;
    }
    vertx.executeBlocking(() -> agentWithToken.apply(report.deviceId()), false).compose(owner -> {
      if (owner.isEmpty()) {
        log.warn("OsmAnd: unknown device identifier from {}", ctx.request().remoteAddress());
        PhoneAnswers.error(ctx.response(), 401, "unknown device identifier: set it to the agent's current device token");
        return Future.<Outcome>succeededFuture(null);
      }
      admission.refund();
      String agent = owner.get().agentId();
      if (!owner.get().active()) {
        log.warn("OsmAnd: report of disabled agent {} refused", agent);
        PhoneAnswers.error(ctx.response(), 403, "agent " + agent + " is disabled");
        return Future.<Outcome>succeededFuture(null);
      }
      return Future.fromCompletionStage(ingest.ingestTranslated(agent, report.message()), vertx.getOrCreateContext())
          .map(outcome -> new Outcome(agent, outcome))
          .recover(e -> {
            PhoneAnswers.notStored(ctx.response(), agent, e);
            return Future.succeededFuture(null);
          });
    }, e -> {
      admission.refund(); // a database outage is no guess
      return Future.failedFuture(e);
    }).onComplete(ar -> {
      if (ctx.response().ended()) {
        return;
      }
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      IngestOutcome outcome = ar.result().outcome();
      int status = outcome.refusal() != null ? PhoneAnswers.refusalStatus(outcome.refusal()) : 200;
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(PhoneAnswers.report(status, outcome).encode());
    });
  }

  private record Outcome(String agentId, IngestOutcome outcome) {}

  private OsmAndReport read(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    String type = ctx.request().getHeader("Content-Type");
    boolean json = (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json"))
        || (body != null && body.length() > 0 && body.getByte(0) == '{');
    if (json) {
      return decoder.fromJson(body == null ? new byte[0] : body.getBytes());
    }
    Map<String, String> params = new HashMap<>();
    // Query and form parameters alike (the body handler merges a form into the request's parameters).
    ctx.request().params().forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
    return decoder.fromParameters(params);
  }
}
