package io.campo.server.team;

import io.campo.server.api.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which agents a caller may see: an admin sees every agent; a dispatcher or manager sees the
 * agents of their teams (an agent without a team is seen by admins only); a phone (role agent)
 * sees only itself.
 *
 * <p>Memberships are looked up here, on the server, rather than written into the JWT at login:
 * a token lives twelve hours, and a dispatcher removed from a team must stop seeing its agents
 * at once, not at their next login. To keep the check cheap enough for the live feed (one test
 * per agent per frame per connection) the memberships are held in memory as one immutable
 * {@link TeamMemberships}, replaced by {@link #refresh()}: right after every change made through
 * the team and user APIs on this node, and every {@link #RELOAD_INTERVAL} otherwise, for changes
 * made by another node or by {@code campo user add}/{@code campo agent add} beside the server.
 *
 * <p>Thread-safe: reads never block; {@link #refresh()} blocks on the database (call it off the
 * event loop) and refreshes are serialised so that an older read never replaces a newer one.
 */
public final class TeamScope {

  /** How stale a membership changed elsewhere (another node, the command line) may be. */
  public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(5);

  /** Reads the current memberships; blocking. */
  @FunctionalInterface
  public interface Source {
    TeamMemberships load() throws SQLException;
  }

  private final Source source;
  private volatile TeamMemberships current = TeamMemberships.NONE;

  public TeamScope(Source source) {
    this.source = source;
  }

  /** Reloads the memberships from the source. Blocking. */
  public synchronized void refresh() throws SQLException {
    current = source.load();
  }

  /**
   * The agents the principal (a JWT principal: {@code sub}, {@code role}) may see. The predicate
   * reads the memberships current at each test, so a long-lived caller (a live-feed connection)
   * follows membership changes without asking again. Cheap: two hash lookups per test.
   */
  public Predicate<String> visibleAgents(JsonObject principal) {
    String role = principal == null ? null : principal.getString("role");
    String subject = principal == null ? null : principal.getString("sub");
    if (role == null || subject == null) {
      return agentId -> false;
    }
    return switch (role) {
      case "admin" -> agentId -> true;
      case "dispatcher", "manager" -> agentId -> current.sameTeam(subject, agentId);
      case "agent" -> subject::equals;
      default -> agentId -> false;
    };
  }

  /** Whether the principal may see the agent (see {@link #visibleAgents}). */
  public boolean canSee(JsonObject principal, String agentId) {
    return visibleAgents(principal).test(agentId);
  }

  /**
   * Lets the request go on only when its caller may see the agent. Outside the caller's teams the
   * answer is the same 404 as for an agent that does not exist, so that ids do not leak.
   *
   * @throws ApiException 404 {@code no agent 'id'} when the caller may not see the agent
   */
  public void requireVisible(RoutingContext ctx, String agentId) {
    if (!canSee(ctx.user() == null ? null : ctx.user().principal(), agentId)) {
      throw ApiException.notFound("no agent '" + agentId + "'");
    }
  }

  /**
   * The handler, run only when the caller may see the agent named by the path's {@code :id}
   * (else 404, as {@link #requireVisible}). {@code ApiRoutes} wraps every {@code /api/agents/:id/...}
   * route in it, so a new per-agent route is scoped without remembering to.
   */
  public Handler<RoutingContext> guardingAgentId(Handler<RoutingContext> handler) {
    return ctx -> {
      requireVisible(ctx, ctx.pathParam("id"));
      handler.handle(ctx);
    };
  }

  /**
   * The debtors the principal may see (see {@link DebtorScope}): admins all, dispatchers and managers those of their
   * teams as currently loaded, anyone else none (a phone reaches debtors only through its own day and visits).
   */
  public DebtorScope debtorScope(JsonObject principal) {
    String role = principal == null ? null : principal.getString("role");
    String subject = principal == null ? null : principal.getString("sub");
    if (role == null || subject == null) {
      return DebtorScope.NONE;
    }
    return switch (role) {
      case "admin" -> DebtorScope.ALL;
      case "dispatcher", "manager" -> new DebtorScope(false, teamsOf(subject));
      default -> DebtorScope.NONE;
    };
  }

  /** The user's teams as last loaded; empty for an unknown user. */
  public Set<String> teamsOf(String username) {
    return current.teamsOfUser().getOrDefault(username, Set.of());
  }
}
