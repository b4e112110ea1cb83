package io.campo.server.enrolment;

import io.campo.server.agent.AgentRegistry;
import io.campo.server.api.ApiException;
import io.campo.server.auth.KeptDeviceTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/agents/{id}/enrolment} (admin): the agent's sign-in link and its QR code, for the agent app to scan
 * once. Only while the agent's device token is still kept sealed ({@link KeptDeviceTokens}); after that the answer is
 * 410 with the reason, since only a new token (a rotation) can be shown again.
 */
public final class EnrolmentHandlers {

  private final Vertx vertx;
  private final AgentRegistry agents;
  private final KeptDeviceTokens kept;
  private final String publicUrl;

  /** @param publicUrl the server's base URL as phones reach it ({@code CAMPO_PUBLIC_URL}); null: the request's own */
  public EnrolmentHandlers(Vertx vertx, AgentRegistry agents, KeptDeviceTokens kept, String publicUrl) {
    this.vertx = vertx;
    this.agents = agents;
    this.kept = kept;
    this.publicUrl = publicUrl;
  }

  public void enrolment(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String server = publicUrl != null ? publicUrl : ctx.request().scheme() + "://" + ctx.request().authority();
    vertx.executeBlocking(() -> {
      if (agents.find(id).isEmpty()) {
        throw ApiException.notFound("no agent '" + id + "'");
      }
      KeptDeviceTokens.Enrolment e = kept.find(id).orElseThrow(() -> gone(id,
          "no device token of agent '" + id + "' is kept (it was issued before enrolment codes existed)"));
      String token = e.token().orElseThrow(() -> gone(id, e.signedInAt() != null
          ? "the device token of agent '" + id + "' already signed a device in at " + e.signedInAt() + " and is no longer kept"
          : "the device token of agent '" + id + "' was kept until " + e.expiresAt() + " and has expired"));
      EnrolmentLink link = new EnrolmentLink(server, id, token);
      return new JsonObject().put("agentId", id).put("url", link.url()).put("qrSvg", QrSvg.of(link.url()))
          .put("expiresAt", e.expiresAt().toString());
    }, false).onSuccess(body -> {
      // The answer carries a live credential: no cache on the way may keep it.
      ctx.response().putHeader("Cache-Control", "no-store");
      ctx.json(body);
    }).onFailure(ctx::fail);
  }

  private static ApiException gone(String id, String why) {
    return new ApiException(410, why + "; rotate the token to enrol again (POST /api/agents/" + id + "/token)");
  }
}
