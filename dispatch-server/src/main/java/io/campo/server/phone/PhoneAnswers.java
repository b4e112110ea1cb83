package io.campo.server.phone;

import io.campo.server.auth.LoginThrottle;
import io.campo.tracking.ingest.WriterSaturatedException;
import io.campo.tracking.mqtt.IngestOutcome;
import io.campo.tracking.telemetry.FixRejection;
import io.campo.tracking.telemetry.RejectionReason;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the tracking apps' HTTP protocols answer: success only once the fixes are committed; a
 * refusal as 400 (403 for another agent's topic) with every reason; a write that failed as 503 so
 * the app keeps the fix and sends it again.
 */
final class PhoneAnswers {

  private static final Logger log = LoggerFactory.getLogger(PhoneAnswers.class);

  private PhoneAnswers() {}

  /** The body of a refusal or of a partly stored batch: {@code {"error", "status", "stored", "rejected": [...]}}. */
  static JsonObject report(int status, IngestOutcome outcome) {
    JsonArray rejected = new JsonArray();
    for (FixRejection r : outcome.rejections()) {
      JsonObject o = new JsonObject().put("reason", r.reason().code()).put("message", r.message());
      if (r.index() >= 0) {
        o.put("index", r.index());
      }
      rejected.add(o);
    }
    JsonObject body = new JsonObject();
    if (status >= 400) {
      body.put("error", outcome.rejections().isEmpty() ? "refused" : outcome.rejections().get(0).toString()).put("status", status);
    }
    return body.put("stored", outcome.stored()).put("rejected", rejected);
  }

  /** The status for a publish refused as a whole. */
  static int refusalStatus(RejectionReason reason) {
    return reason == RejectionReason.NOT_YOUR_TOPIC ? 403 : 400;
  }

  static String address(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    return remote == null ? "" : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
  }

  /** Answers 429 with {@code Retry-After} when too many device-token checks failed; the credentials are not looked at. */
  static boolean throttled(HttpServerResponse response, LoginThrottle.Admission admission) {
    long seconds = admission.retryAfterSeconds();
    if (seconds == 0) {
      return false;
    }
    response.putHeader("Retry-After", Long.toString(seconds));
    error(response, 429, "too many failed device-token checks for this agent or from this address: try again in " + seconds + " s");
    return true;
  }

  static void error(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).put("status", status).encode());
  }

  /** The fixes were not stored (database down, writer saturated): the app must send them again. */
  static void notStored(HttpServerResponse response, String agentId, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof WriterSaturatedException) {
      log.warn("agent {}: {}; answered 503", agentId, cause.getMessage());
    } else {
      log.error("agent {}: fixes not stored ({}); answered 503", agentId, cause.toString());
    }
    response.putHeader("Retry-After", "30");
    error(response, 503, "the fixes were not stored; send them again later");
  }
}
