package io.campo.server.outreach.campaign;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.campo.server.outreach.channel.Channel;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * {@code POST /api/campaigns}, {@code GET /api/campaigns}, {@code GET /api/campaigns/{id}}; the reads show a dispatcher
 * or manager only their teams' campaigns ({@link Campaigns#VISIBLE}), another team's is 404 like an unknown one.
 */
public final class CampaignHandlers {

  private final Vertx vertx;
  private final Campaigns campaigns;
  private final TeamScope scope;
  /** Null when the channel can send, else why not ("WhatsApp is not configured: set …"). */
  private final Function<Channel, String> channelOff;
  private final String wakeAddress;
  private final ZoneId zone;
  private final Clock clock;

  public CampaignHandlers(Vertx vertx, Campaigns campaigns, TeamScope scope, Function<Channel, String> channelOff,
      String wakeAddress, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.campaigns = campaigns;
    this.scope = scope;
    this.channelOff = channelOff;
    this.wakeAddress = wakeAddress;
    this.zone = zone;
    this.clock = clock;
  }

  public void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, CampaignRequest.EXAMPLE);
    CampaignRequest.Reading reading = CampaignRequest.read(body, clock.instant());
    if (reading instanceof CampaignRequest.Invalid invalid) {
      throw ApiException.badRequest("campaign refused: " + String.join("; ", invalid.reasons()));
    }
    CampaignRequest request = ((CampaignRequest.Valid) reading).request();
    String off = channelOff.apply(request.channel());
    if (off != null) {
      throw ApiException.badRequest("campaign refused: " + off);
    }
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    String actor = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> campaigns.create(request, caller, actor, clock.instant().atZone(zone).toLocalDate(), null), false)
        .onSuccess(created -> {
          vertx.eventBus().publish(wakeAddress, null);
          ctx.response().setStatusCode(201);
          ctx.json(new JsonObject().put("id", created.id()).put("queued", created.queued())
              .put("sendAt", created.sendAt().toString()));
        }).onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    long id = PathIds.number(ctx, "campaign");
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    String user = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> campaigns.status(id, clock.instant(), caller, user), false).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiException.notFound("no campaign " + id));
      } else {
        ctx.json(found.get());
      }
    }).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    String user = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> campaigns.list(200, caller, user), false)
        .onSuccess(list -> ctx.json(new JsonObject().put("campaigns", list))).onFailure(ctx::fail);
  }
}
